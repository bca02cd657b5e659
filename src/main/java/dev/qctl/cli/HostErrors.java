package dev.qctl.cli;

import dev.qctl.model.Sanitizer;
import dev.qctl.queue.HostResult;

/** A host that failed in a fan-out: one line on stderr, {@code qctl: HOST: message}. */
final class HostErrors {
    private HostErrors() {
    }

    static void print(CliContext context, HostResult<?> result) {
        if (result.ok()) {
            return;
        }
        context.out().flush(); // keep stdout and stderr in order on a terminal
        synchronized (context.err()) {
            context.err().println("qctl: " + Sanitizer.inline(result.host()) + ": " + Sanitizer.inline(result.error()));
            context.err().flush();
        }
    }
}
