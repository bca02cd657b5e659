package dev.qctl.diagnose;

import static dev.qctl.diagnose.Cause.BLOCKLISTED;
import static dev.qctl.diagnose.Cause.DESTINATION_UNREACHABLE;
import static dev.qctl.diagnose.Cause.DNS;
import static dev.qctl.diagnose.Cause.GREYLISTED;
import static dev.qctl.diagnose.Cause.LOCAL_CONFIG;
import static dev.qctl.diagnose.Cause.MAILBOX_FULL;
import static dev.qctl.diagnose.Cause.OTHER;
import static dev.qctl.diagnose.Cause.RATE_LIMITED;
import static dev.qctl.diagnose.Cause.RECIPIENT_REJECTED;
import static dev.qctl.diagnose.Cause.TLS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies delay reasons: the first rule that matches decides. Rules from the config come first,
 * then the built-in ones: the wording of a reply (most specific causes first: a 421 that names a
 * blocklist is a block, not throttling), then the enhanced status code, then the reply code.
 * Reasons repeat a lot in a clogged queue, so recent answers are remembered.
 */
public final class RuleTable {
    private static final int CACHE_SIZE = 4096;

    private static final List<Rule> BUILT_IN = List.of(
            Rule.text("blocklist", BLOCKLISTED,
                    "spamhaus|spamcop|barracuda|\\bsorbs\\b|\\bsurbl\\b|\\buribl\\b|dnsbl|\\brbl\\b"
                    + "|block ?list|black ?list|blocked using|listed (at|on|in|by)\\b|\\bcbl\\b|abuseat"
                    + "|psbl|mailspike|invaluement|abusix|\\bS3150\\b|5\\.7\\.606|banned sending ip"),
            Rule.text("reputation", BLOCKLISTED,
                    "reputation|unsolicited mail originating|\\bTSS?0[1-9]\\b|user complaints|\\bAUP#"
                    + "|client host \\S* ?blocked|sending ip .*blocked|your ip .*(blocked|banned)"),
            Rule.text("tls", TLS,
                    "\\btls\\b|\\bssl\\b|starttls|certificate|handshake|x509|gnutls|openssl"),
            Rule.text("greylist", GREYLISTED,
                    "gr[ae]y ?list|postgrey|come back later"
                    + "|try again in \\d+ ?(s|sec|seconds|m|min|minutes)\\b"),
            Rule.text("throttling", RATE_LIMITED,
                    "too many (\\w+ ){0,2}(connections|messages|recipients|sessions|mails|emails|simultaneous|hosts|deliveries|rcpt)"
                    + "|rate ?limit|throttl|message rate|sending rate|receiving rate|connection rate"
                    + "|at a rate that prevents|rate of (messages|connections|mail)|server busy"
                    + "|unexpected volume|slow down|exceeded the (allowed )?(rate|limit|number)"
                    + "|connection limit|deferred due to|closing connection.*try again"
                    + "|try again later.*closing"),
            Rule.text("quota", MAILBOX_FULL,
                    "quota|mailbox (is )?full|mailbox.*exceed|over ?quota|insufficient (system )?storage"
                    + "|storage (space|allocation)|disk (is )?full|out of (disk|storage|space)"
                    + "|mailbox size limit|no space left"),
            Rule.text("dns", DNS,
                    "host or domain name not found|name service error|\\btype=(mx|a|aaaa)\\b"
                    + "|no mx (record|host)|mx .*(not found|lookup)"
                    + "|dns (lookup|error|failure|problem|query|temporary)"
                    + "|host lookup (did not complete|failed)|lookup of host|unable to resolve"
                    + "|could not resolve|cannot resolve|non-existent hosts?|domain not found|nxdomain"
                    + "|servfail|name server|temporary failure in name resolution|unrouteable|dns_|resolver"),
            Rule.text("local", LOCAL_CONFIG,
                    "mail transport unavailable|unknown mail transport|transport .*unavailable"
                    + "|lookup (table|error|failure)|table lookup|lookup problem|dict_|loops back to myself"
                    + "|points to local host|is the local host|configuration (error|problem)"
                    + "|config(uration)? file|failed to expand|permission denied|no such file or directory"
                    + "|cannot (open|write|create|update|execute)|queue file write error|internal error"
                    + "|local configuration|child process .* returned|temporary failure. command output"
                    + "|alias database|malformed|\\bspool\\b|out of memory|resource temporarily unavailable"
                    + "|service unavailable. command output"),
            Rule.text("connection", DESTINATION_UNREACHABLE,
                    "connection refused|connection timed out|timed out|no route to host"
                    + "|network is unreachable|host is unreachable|connection reset|lost connection"
                    + "|remote host closed connection|could not connect|unable to connect"
                    + "|connect to .* failed|retry time not reached|all hosts? .*failing"
                    + "|refused to talk to me|connection closed|no answer|server disconnected|broken pipe"
                    + "|initial server greeting|conversation with .* (timed out|failed)"
                    + "|host .* not responding|cannot connect"),
            Rule.enhanced("2.2", MAILBOX_FULL),
            Rule.enhanced("3.1", MAILBOX_FULL),
            Rule.enhanced("4.3", DNS),
            Rule.enhanced("4.4", DNS),
            Rule.enhanced("4.5", RATE_LIMITED),
            Rule.enhanced("5.3", RATE_LIMITED),
            Rule.enhanced("4.1", DESTINATION_UNREACHABLE),
            Rule.enhanced("4.2", DESTINATION_UNREACHABLE),
            Rule.enhanced("7.25", DNS),
            Rule.code(5, RECIPIENT_REJECTED),
            Rule.enhanced("1", RECIPIENT_REJECTED),
            Rule.code(421, DESTINATION_UNREACHABLE));

    private final List<Rule> rules;
    private final Map<String, Classification> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Classification> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private RuleTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RuleTable builtIn() {
        return new RuleTable(BUILT_IN);
    }

    /** The table with {@code userRules} tried first, in their order. */
    public static RuleTable with(List<Rule> userRules) {
        List<Rule> all = new ArrayList<>(userRules);
        all.addAll(BUILT_IN);
        return new RuleTable(all);
    }

    public List<Rule> rules() {
        return rules;
    }

    public synchronized Classification classify(String reason) {
        Classification known = recent.get(reason);
        if (known == null) {
            known = classify(ReplyText.parse(reason));
            recent.put(reason, known);
        }
        return known;
    }

    private Classification classify(ReplyText reply) {
        for (Rule rule : rules) {
            if (rule.matches(reply)) {
                return new Classification(rule.cause(), rule.id());
            }
        }
        return new Classification(OTHER, "none");
    }
}
