package dev.qctl.mta;

/** What an MTA adapter can do; a request outside its set fails with a clear message. */
public enum Capability {
    LIST, SHOW_HEADERS, SHOW_BODY, SHOW_RAW, SHOW_LOG
}
