package dev.qctl.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in table on a corpus of real reasons: those the sandbox's real Postfix and Exim wrote
 * for the replies of the test MX and a production Postfix queue ({@code reasons.tsv}), and replies
 * large providers document ({@code provider-replies.tsv}). Each line is {@code cause TAB source TAB reason}.
 */
class RuleTableTest {
    private final RuleTable table = RuleTable.builtIn();

    static List<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String file : List.of("reasons.tsv", "provider-replies.tsv")) {
            cases.addAll(read(file));
        }
        return cases;
    }

    private static List<Arguments> read(String file) throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = RuleTableTest.class.getResourceAsStream("/dev/qctl/diagnose/" + file)) {
            assertThat(in).as(file + " on the test class path").isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                assertThat(f).as("line %d: cause TAB source TAB reason", i + 1).hasSize(3);
                cases.add(Arguments.of(f[0], f[1], f[2], file + ":" + (i + 1)));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{3}: {0} ({1})")
    @MethodSource("corpus")
    void everyReasonOfTheCorpusGetsItsCause(String cause, String source, String reason, String line) {
        assertThat(Cause.builtIn(cause)).as("%s names a built-in cause", line).isPresent();
        Classification c = table.classify(reason);
        assertThat(c.cause().name()).as("%s (%s): %s -> rule %s", line, source, reason, c.rule()).isEqualTo(cause);
    }

    @Test
    void theCorpusCoversEveryCauseAndBothMtas() throws IOException {
        List<Arguments> all = corpus();
        for (Cause cause : Cause.BUILT_IN) {
            if (cause != Cause.OTHER) {
                assertThat(all).as("examples of " + cause.name())
                        .anyMatch(a -> a.get()[0].equals(cause.name()));
            }
        }
        assertThat(all).anyMatch(a -> a.get()[1].toString().startsWith("exim"));
        assertThat(all).anyMatch(a -> a.get()[1].toString().startsWith("postfix"));
    }

    @Test
    void aReplyThatNamesABlocklistIsABlockEvenWithAThrottlingCode() {
        assertThat(table.classify("host mx[192.0.2.1] said: 421 4.7.0 Too many connections; your IP is listed at "
                + "zen.spamhaus.org (in reply to MAIL FROM command)").cause()).isEqualTo(Cause.BLOCKLISTED);
    }

    @Test
    void codesDecideWhenTheWordsDoNot() {
        assertThat(table.classify("host mx[192.0.2.1] said: 452 4.2.2 nope (in reply to RCPT TO command)").cause())
                .isEqualTo(Cause.MAILBOX_FULL);
        assertThat(table.classify("host mx[192.0.2.1] said: 550 5.1.1 nope (in reply to RCPT TO command)"))
                .isEqualTo(new Classification(Cause.RECIPIENT_REJECTED, "code:5xx"));
        assertThat(table.classify("host mx[192.0.2.1] said: 451 4.4.5 nope").cause()).isEqualTo(Cause.RATE_LIMITED);
        assertThat(table.classify("host mx[192.0.2.1] said: 421 Service not available").cause())
                .isEqualTo(Cause.DESTINATION_UNREACHABLE);
        assertThat(table.classify("something nobody has seen before")).isEqualTo(new Classification(Cause.OTHER, "none"));
    }

    @Test
    void theSuspensionPrefixDoesNotHideTheCause() {
        assertThat(table.classify("delivery temporarily suspended: unknown mail transport error").cause())
                .isEqualTo(Cause.LOCAL_CONFIG);
    }

    @Test
    void userRulesComeFirstAndAreNamedByTheirLine() {
        Cause outage = new Cause("partner-outage", "a cause of your own");
        RuleTable mine = RuleTable.with(List.of(
                Rule.user(12, Cause.BLOCKLISTED, Pattern.compile("policy violation", Pattern.CASE_INSENSITIVE), null),
                Rule.user(15, outage, null, "4.3.0"),
                Rule.user(18, Cause.RATE_LIMITED, Pattern.compile("busy"), "451")));
        assertThat(mine.classify("host x[192.0.2.1] said: 550 5.7.1 Policy Violation")).isEqualTo(
                new Classification(Cause.BLOCKLISTED, "config:12"));
        assertThat(mine.classify("host x[192.0.2.1] said: 451 4.3.0 Connection refused upstream")).isEqualTo(
                new Classification(outage, "config:15"));
        // both match and code must hold
        assertThat(mine.classify("host x[192.0.2.1] said: 421 busy").rule()).isNotEqualTo("config:18");
        assertThat(mine.classify("host x[192.0.2.1] said: 451 busy").rule()).isEqualTo("config:18");
        assertThat(mine.rules().subList(0, 3)).extracting(Rule::id).containsExactly("config:12", "config:15", "config:18");
    }

    @Test
    void repeatedReasonsGiveTheSameAnswer() {
        String reason = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";
        Classification first = table.classify(reason);
        for (int i = 0; i < 10_000; i++) {
            table.classify(reason + i); // push the first one out of the cache
        }
        assertThat(table.classify(reason)).isEqualTo(first);
    }
}
