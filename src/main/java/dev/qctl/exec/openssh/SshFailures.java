package dev.qctl.exec.openssh;

import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads why the system's ssh failed from its exit status 255 and what it printed, into the reasons
 * and one-line messages of the built-in transport. ssh also exits 255 when the remote command does:
 * only stderr that is ssh's own wording counts as a connection failure.
 */
final class SshFailures {
    private static final Pattern UNKNOWN_KEY = Pattern.compile("No (\\S+) host key is known for (\\S+)");
    private static final Pattern CHANGED_FOR = Pattern.compile("Host key for (\\S+) has changed");
    private static final Pattern CHANGED_TYPE = Pattern.compile("The fingerprint for the (\\S+) key sent by the remote host is");
    private static final Pattern FINGERPRINT = Pattern.compile("(SHA256:[A-Za-z0-9+/=]+)");
    private static final Pattern OFFENDING = Pattern.compile("Offending \\S+ key in (\\S+)");

    /**
     * Where the failure happened, for the messages.
     *
     * @param name    the host as the user called it
     * @param login   user@name as ssh would log in
     * @param address host:port as ssh would connect
     */
    record Where(String name, String login, String address, Duration connectTimeout) {
    }

    private SshFailures() {
    }

    /** The connection failure ssh reports, or empty when exit and stderr are the remote command's own. */
    static Optional<SshConnectionException> classify(int exit, String stderr, Where where) {
        if (exit != 255) {
            return Optional.empty();
        }
        String text = stderr == null ? "" : stderr;
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || CHANGED_FOR.matcher(text).find()) {
            return Optional.of(changed(text, where));
        }
        Matcher unknown = UNKNOWN_KEY.matcher(text);
        if (unknown.find()) {
            return Optional.of(new SshConnectionException(Reason.HOST_KEY_UNKNOWN, "host key of " + where.name() + " ("
                    + unknown.group(2) + ") is not known: ssh refuses the " + unknown.group(1) + " key the server offers"
                    + " (no known_hosts entry, no @cert-authority that signed it); check it and run 'qctl hosts trust "
                    + where.name() + "' to record it"));
        }
        if (text.contains("Host key verification failed")) {
            return Optional.of(new SshConnectionException(Reason.HOST_KEY_UNKNOWN, "host key of " + where.name()
                    + " was refused by ssh" + quote(text, "host key")));
        }
        if (text.contains("Permission denied (") || lower.contains("too many authentication failures")) {
            return Optional.of(new SshConnectionException(Reason.AUTHENTICATION, where.login()
                    + ": authentication failed" + quote(text, "permission denied", "authentication")));
        }
        String cannot = "cannot connect to " + where.name() + " (" + where.address() + "): ";
        if (lower.contains("connection refused")) {
            return Optional.of(unreachable(cannot + "connection refused" + quote(text, "connection refused")));
        }
        if (lower.contains("could not resolve hostname") || lower.contains("name or service not known")) {
            return Optional.of(unreachable(cannot + "unknown host" + quote(text, "resolve")));
        }
        if (lower.contains("no route to host") || lower.contains("network is unreachable")) {
            return Optional.of(unreachable(cannot + "no route to host" + quote(text, "unreachable", "no route")));
        }
        if (lower.contains("timed out")) {
            return Optional.of(unreachable(cannot + "no SSH answer within " + where.connectTimeout().toSeconds() + "s"
                    + quote(text, "timed out")));
        }
        if (lower.contains("kex_exchange_identification") || lower.contains("banner exchange")
                || lower.contains("connection reset") || lower.contains("closed by remote host")
                || lower.contains("connection closed by")) {
            return Optional.of(unreachable(cannot + "the SSH handshake failed" + quote(text, "")));
        }
        if (lower.contains("mux_client") || lower.contains("control socket") || lower.contains("broken pipe")
                || lower.contains("client_loop") || lower.contains("packet_write") || lower.startsWith("ssh: ")) {
            return Optional.of(new SshConnectionException(Reason.DISCONNECTED, "the connection to " + where.name()
                    + " was lost" + quote(text, "")));
        }
        return Optional.empty();
    }

    private static SshConnectionException changed(String text, Where where) {
        Matcher forHost = CHANGED_FOR.matcher(text);
        String entry = forHost.find() ? forHost.group(1) : where.address();
        Matcher type = CHANGED_TYPE.matcher(text);
        Matcher fingerprint = FINGERPRINT.matcher(text);
        Matcher offending = OFFENDING.matcher(text);
        String offered = (type.find() ? type.group(1) + " key " : "key ") + (fingerprint.find() ? fingerprint.group(1) : "");
        return new SshConnectionException(Reason.HOST_KEY_CHANGED, "HOST KEY CHANGED for " + where.name() + " (" + entry
                + "): the server offers " + offered.strip() + ", which does not match "
                + (offending.find() ? offending.group(1) : "known_hosts") + " (a reinstalled server, or an attack); check it, "
                + "remove the old entry and run 'qctl hosts trust " + where.name() + "'");
    }

    private static SshConnectionException unreachable(String message) {
        return new SshConnectionException(Reason.UNREACHABLE, message);
    }

    /** ssh's own line that says it (the first containing a word, else the last line), as " (ssh: …)". */
    static String quote(String text, String... words) {
        String chosen = null;
        String last = null;
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("@@@")) {
                continue;
            }
            last = l;
            String lower = l.toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (chosen == null && !w.isEmpty() && lower.contains(w)) {
                    chosen = l;
                }
            }
        }
        String line = chosen != null ? chosen : last;
        if (line == null) {
            return "";
        }
        line = line.startsWith("ssh: ") ? line.substring(5) : line;
        return " (ssh: " + line + ")";
    }
}
