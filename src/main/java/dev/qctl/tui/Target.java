package dev.qctl.tui;

import dev.qctl.mta.MtaAdapter;

/** One host the browser shows, with the adapter of its MTA (one for now; several with SSH). */
public record Target(String host, MtaAdapter adapter) {
}
