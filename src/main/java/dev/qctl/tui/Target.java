package dev.qctl.tui;

import dev.qctl.mta.MtaAdapter;

/** One host the browser shows, with the adapter of its MTA (local, or over that host's SSH connection). */
public record Target(String host, MtaAdapter adapter) {
}
