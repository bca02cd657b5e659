package dev.qctl.diagnose;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why recipients wait in the queue. The built-in causes are the usual reasons a queue backs up;
 * a rule in the config file may name a cause of its own (with its own advice).
 *
 * @param name    the stable name used in output and in the config ({@code rate-limited})
 * @param meaning one line for people: what this cause is
 */
public record Cause(String name, String meaning) {
    // Declared before the constants below, which use it as they are built.
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public static final Cause DESTINATION_UNREACHABLE = new Cause("destination-unreachable",
            "the receiving server refuses connections, times out or cannot be reached");
    public static final Cause DNS = new Cause("dns", "the destination's MX or address cannot be looked up");
    public static final Cause GREYLISTED = new Cause("greylisted", "the receiver greylists: a later retry passes");
    public static final Cause RATE_LIMITED = new Cause("rate-limited",
            "the receiver throttles this sender (too many connections, messages or recipients)");
    public static final Cause BLOCKLISTED = new Cause("blocklisted",
            "the receiver blocks this host's IP (a blocklist or a reputation block)");
    public static final Cause TLS = new Cause("tls", "the TLS handshake or certificate check fails");
    public static final Cause MAILBOX_FULL = new Cause("mailbox-full", "the recipient's mailbox is over quota");
    public static final Cause RECIPIENT_REJECTED = new Cause("recipient-rejected",
            "the receiver rejected the recipient permanently (5xx), kept queued by soft_bounce or similar");
    public static final Cause LOCAL_CONFIG = new Cause("local-config",
            "a problem on this host: transport unavailable, lookup table error, mail loop, permissions");
    public static final Cause OTHER = new Cause("other", "not recognised: read the example reason");

    /** In the order the report lists causes of equal size. */
    public static final List<Cause> BUILT_IN = List.of(DESTINATION_UNREACHABLE, DNS, GREYLISTED, RATE_LIMITED,
            BLOCKLISTED, TLS, MAILBOX_FULL, RECIPIENT_REJECTED, LOCAL_CONFIG, OTHER);

    public Cause {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a cause name is lower-case words joined by '-', such as "
                    + "partner-outage (not '" + name + "')");
        }
    }

    public static Optional<Cause> builtIn(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return BUILT_IN.stream().filter(c -> c.name.equals(wanted)).findFirst();
    }

    public boolean isBuiltIn() {
        return BUILT_IN.contains(this);
    }

    public static String builtInNames() {
        return String.join(", ", BUILT_IN.stream().map(Cause::name).toList());
    }
}
