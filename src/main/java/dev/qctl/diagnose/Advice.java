package dev.qctl.diagnose;

import dev.qctl.exec.ShellQuoting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The next step for each cause and signal: the remedy admins apply for it, and the qctl command
 * that does it where one exists. Commands are built as argv and shell-quoted, so a domain or
 * sender from message data cannot turn a pasted command into something else; they carry the
 * run's target ({@code -H host}) so they act where the diagnosis was made.
 */
public final class Advice {
    // Commands are offered only for plain domain names; anything else gets words, not a command.
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final List<String> target;
    private final Map<String, String> customAdvice;

    /**
     * @param target       the words that select the host(s) in a command, e.g. {@code [-H, mx1]}; empty for local
     * @param customAdvice advice for the causes named by config rules, by cause name
     */
    public Advice(List<String> target, Map<String, String> customAdvice) {
        this.target = List.copyOf(target);
        this.customAdvice = Map.copyOf(customAdvice);
    }

    public static Advice local() {
        return new Advice(List.of(), Map.of());
    }

    public Advice forTarget(List<String> otherTarget) {
        return new Advice(otherTarget, customAdvice);
    }

    /** @param domain the destination with most recipients of the cause, or null */
    public NextStep forCause(Cause cause, String domain) {
        String d = domain != null && DOMAIN.matcher(domain).matches() ? domain : null;
        String to = d == null ? null : "*@" + d;
        switch (cause.name()) {
            case "destination-unreachable":
                return step("Check that the destination's servers are up and accept SMTP from this host (firewall, "
                        + "outage: nc -vz MX 25). Mail goes out by itself on the next retry once they recover; to push it "
                        + "at once:", d == null ? null : qctl("flush", "--site", d));
            case "dns":
                return step("Check the destination's DNS from this host (dig MX " + (d == null ? "DOMAIN" : d)
                        + ") and the resolver it uses. A misspelt or dead domain never resolves: return that mail to "
                        + "its senders now rather than at the deadline (whole messages: see them first with --dry-run):",
                        to == null ? null : qctl("bounce", "--cause", "dns", "--to", to));
            case "greylisted":
                return step("Nothing to fix: greylisting lets a later retry through, usually within minutes. If it "
                        + "lasts for hours, make sure retries leave from the same IP. To retry now:",
                        d == null ? null : qctl("flush", "--site", d));
            case "rate-limited":
                return new NextStep("Send slower to this destination: fewer parallel connections and messages per "
                        + "connection (Postfix: a transport with a low smtp_destination_concurrency_limit and a "
                        + "smtp_destination_rate_delay; Exim: serialize_hosts, connection_max_messages). The queue "
                        + "drains on later retries; flushing now only makes the limit bite again."
                        + (d == null ? "" : " To stop knocking for a while (the mail stays queued), then feed it back "
                        + "slowly once the suspension ends:"),
                        d == null ? List.of() : List.of(
                                qctl("suspend", d, "--for", "1h", "--reason", "rate-limited by " + d + ", paused by the admin"),
                                qctl("deliver", "--to", to, "--rate", "1/s")));
            case "blocklisted":
                String lookup = "Look up this host's IP on the list named in the reply (e.g. check.spamhaus.org), "
                        + "remove the cause (compromised account, open relay, missing reverse DNS), then ask for "
                        + "delisting; consider a dedicated sending IP. ";
                if (d != null) {
                    return new NextStep(lookup + "Meanwhile suspend delivery to the destination that refuses you (no "
                            + "connection is made, the mail stays queued with the reason; the suspension ends by itself), "
                            + "and resume once delisted:", List.of(
                            qctl("suspend", d, "--for", "4h", "--reason", "blocklisted by " + d + ", delisting requested"),
                            qctl("resume", d)));
                }
                List<String> hold = List.of(qctl("hold", "--cause", "blocklisted"), qctl("release", "--cause", "blocklisted"));
                return new NextStep(lookup + "Hold the affected mail meanwhile and release it once delisted:", hold);
            case "tls":
                return step("Check the destination's TLS from this host (openssl s_client -starttls smtp -connect MX:25). "
                        + "If their side is broken, a TLS policy for that destination only (Postfix smtp_tls_policy_maps, "
                        + "Exim tls_verify_hosts/hosts_require_tls) is the narrow fix. Once fixed:",
                        d == null ? null : qctl("flush", "--site", d));
            case "mailbox-full":
                return step("Only the recipient can make room. Tell the senders now instead of at the deadline by "
                        + "returning the oldest (whole messages: see them first with --dry-run):",
                        qctl("bounce", "--cause", "mailbox-full", "--older-than", "1d"));
            case "recipient-rejected":
                return step("The receiver refuses these recipients for good; soft_bounce (or a similar setting) keeps "
                        + "them queued. Return them to their senders (whole messages: see them first with --dry-run):",
                        qctl("bounce", "--cause", "recipient-rejected"));
            case "local-config":
                return step("The problem is on this host: read the MTA's log (Postfix: postfix check, the mail log; "
                        + "Exim: exim -bV, mainlog and paniclog) and fix the transport, table or permission the reason "
                        + "names. Then retry:", qctl("flush"));
            case "other":
                return step("Not recognised: read the example. A rule under diagnose.rules in the config file "
                        + "classifies such reasons from now on (see qctl-diagnose(1)).", null);
            default:
                return step(customAdvice.getOrDefault(cause.name(), "See the rule in the config file that names this cause."),
                        null);
        }
    }

    NextStep backscatter(long bounces, long messages) {
        return step(bounces + " of " + messages + " messages (" + percent(bounces, messages) + ") are bounces with "
                + "the null sender: backscatter to forged senders? Reject unknown recipients during SMTP instead of "
                + "bouncing later, and remove the stale bounces:", qctl("delete", "--bounces", "--older-than", "1d"));
    }

    NextStep dominantSender(String sender, long count, long messages) {
        return step(count + " of " + messages + " messages (" + percent(count, messages) + ") are from one sender, "
                + sender + ": a compromised account or a runaway script? Hold its mail while you look:",
                qctl("hold", "--from", sender));
    }

    /**
     * One SASL account, client or subject has much of the queue: hold exactly its mail, look at it,
     * then delete it (after a --dry-run) once it is known to be spam.
     */
    NextStep dominantOrigin(OriginTally.By by, String key, long count, long messages) {
        String option;
        String value = key;
        String who;
        switch (by) {
            case SASL_USER -> {
                option = "--auth-user";
                who = "one SMTP AUTH account, " + key + ": its password stolen, or a runaway script? Hold its mail, "
                        + "change the password, then delete the spam (look first with --dry-run):";
            }
            case CLIENT -> {
                option = "--client";
                who = "one client, " + key + ": a hacked website or a compromised machine there? Hold its mail, "
                        + "block or fix the client, then delete the spam (look first with --dry-run):";
            }
            default -> {
                option = "--subject";
                value = key.startsWith("/") ? "*" + key : key; // a glob of the subject itself, never a /regex/
                who = "one subject, \"" + key + "\": a spam run? Find who sends it (qctl summary --by sasl-user "
                        + "--subject ...), hold it, then delete it (look first with --dry-run):";
            }
        }
        return new NextStep(count + " of " + messages + " messages (" + percent(count, messages) + ") come from " + who,
                List.of(qctl("hold", option, value), qctl("delete", option, value, "--dry-run"),
                        qctl("delete", option, value)));
    }

    NextStep nearDeadline(long near, Report.Deadline deadline) {
        String older = dev.qctl.model.Durations.human(deadline.lifetime().messages().minus(deadline.window()));
        return step(near + " messages are within " + dev.qctl.model.Durations.human(deadline.window())
                + " of the bounce deadline (" + deadline.lifetime().setting() + "): they go back to their senders "
                + "unless delivered first. See them:", qctl("list", "--older-than", older));
    }

    private static NextStep step(String text, String command) {
        return new NextStep(text, command == null ? List.of() : List.of(command));
    }

    private String qctl(String... words) {
        List<String> argv = new ArrayList<>();
        argv.add("qctl");
        argv.add(words[0]);
        argv.addAll(target);
        argv.addAll(List.of(words).subList(1, words.length));
        return ShellQuoting.join(argv);
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "0%" : Math.round(100.0 * part / whole) + "%";
    }
}
