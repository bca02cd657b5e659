package dev.qctl.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the picocli command line in-process with captured stdout and stderr. */
class CliTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);

    record Run(List<String> args, int exit, String out, String err) {
        /** Both streams, for assertion messages. */
        String describe() {
            return "qctl " + String.join(" ", args) + "\n  exit: " + exit + "\n  stdout:\n" + out + "\n  stderr:\n" + err;
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
        }
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, UTF_8);
        PrintStream errStream = new PrintStream(err, true, UTF_8);
        CliContext context = new CliContext(outStream, errStream, new ByteArrayInputStream(new byte[0]), env, CLOCK);
        int exit = Cli.run(context, args);
        outStream.flush();
        errStream.flush();
        return new Run(List.of(args), exit, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** A usage error: exit 2, nothing on stdout, one "qctl: " line naming the problem, no stack trace. */
    private static void assertUsageError(Run r, String expectedInMessage) {
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.out()).as(r.describe()).isEmpty();
        List<String> lines = r.errLines();
        assertThat(lines).as(r.describe()).isNotEmpty();
        assertThat(lines.get(0)).as(r.describe()).startsWith("qctl: ").contains(expectedInMessage);
        assertThat(lines.stream().filter(l -> l.startsWith("qctl:"))).as(r.describe()).hasSize(1);
        assertNoStackTrace(r);
    }

    private static void assertNoStackTrace(Run r) {
        assertThat(r.err()).as(r.describe())
                .doesNotContain("Exception")
                .doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(");
    }

    @Nested
    class HelpAndVersion {
        @Test
        void help() {
            Run r = run("--help");
            assertThat(r.exit()).as(r.describe()).isZero();
            assertThat(r.out()).as(r.describe())
                    .contains("Usage: qctl")
                    .contains("list").contains("show").contains("summary")
                    .contains("Exit codes:")
                    .contains("7  " + dev.qctl.ExitCode.BAD_ID.meaning().substring(0, 30));
            assertThat(r.err()).as(r.describe()).isEmpty();
        }

        @Test
        void helpOfASubcommandListsItsOptions() {
            Run r = run("list", "--help");
            assertThat(r.exit()).as(r.describe()).isZero();
            assertThat(r.out()).as(r.describe()).contains("Usage: qctl list")
                    .contains("--older-than").contains("--from").contains("--queue").contains("--sort")
                    .contains("--output").contains("--no-headers").contains("--postfix-config");
        }

        @Test
        void version() {
            Run r = run("--version");
            assertThat(r.exit()).as(r.describe()).isZero();
            assertThat(r.out()).as(r.describe()).startsWith("qctl ").contains("Java " + System.getProperty("java.version"));
            assertThat(r.err()).as(r.describe()).isEmpty();
        }

        @Test
        void noCommandIsAUsageErrorWithTheUsageOnStderr() {
            Run r = run();
            assertThat(r.exit()).as(r.describe()).isEqualTo(2);
            assertThat(r.out()).as(r.describe()).isEmpty();
            assertThat(r.err()).as(r.describe()).contains("Usage: qctl")
                    .contains("qctl: a command is needed, e.g. 'qctl list'");
            assertNoStackTrace(r);
        }
    }

    static List<Arguments> usageErrors() {
        return List.of(
                Arguments.of(List.of("list", "--older-than", "5x"), "invalid duration '5x'"),
                Arguments.of(List.of("list", "--newer-than", "1.5h"), "invalid duration '1.5h'"),
                Arguments.of(List.of("list", "--from", "/[bad/"), "invalid regular expression '/[bad/'"),
                Arguments.of(List.of("list", "--reason", "//"), "empty regular expression"),
                Arguments.of(List.of("list", "-o", "xml"), "unknown output format 'xml'"),
                Arguments.of(List.of("list", "--sort", "colour"), "unknown sort key 'colour'"),
                Arguments.of(List.of("list", "--bogus"), "Unknown option: '--bogus'"),
                Arguments.of(List.of("list", "--min-size", "5Q"), "invalid size '5Q'"),
                Arguments.of(List.of("list", "--queue", "corrupt"), "unknown queue 'corrupt'"),
                Arguments.of(List.of("list", "--limit", "ten"), "--limit"),
                Arguments.of(List.of("list", "--limit", "-1"), "--limit must not be negative"),
                Arguments.of(List.of("list", "--color", "sometimes"), "invalid --color 'sometimes'"),
                Arguments.of(List.of("list", "--mta", "sendmail"), "--mta"),
                Arguments.of(List.of("summary", "--by", "colour"), "unknown --by 'colour'"),
                Arguments.of(List.of("summary", "--top", "0"), "--top must be at least 1"),
                Arguments.of(List.of("summary", "-o", "ids"), "summary has no IDs to print"),
                Arguments.of(List.of("diagnose", "--top", "0"), "--top must be at least 1"),
                Arguments.of(List.of("diagnose", "-o", "ids"), "diagnose has no IDs to print"),
                Arguments.of(List.of("show"), "Missing required parameter: 'ID'"),
                Arguments.of(List.of("frobnicate"), "frobnicate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorsExit2WithOneLineAndNoStackTrace(List<String> args, String expected) {
        assertUsageError(run(args.toArray(new String[0])), expected);
    }

    @Test
    void aControlCharacterInABadValueIsNotEchoedRaw() {
        Run r = run("list", "--older-than", "5\u001b[2Jx");
        assertUsageError(r, "invalid duration");
        assertThat(r.err()).doesNotContain("\u001b").contains("^[[2J");
    }

    @Test
    void debugPrintsTheStackTrace() {
        Run r = run("list", "--debug", "--limit", "-1");
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).as(r.describe()).contains("java.lang.IllegalArgumentException: --limit must not be negative")
                .contains("qctl: --limit must not be negative");
    }

    @Test
    void aMissingPostfixConfigurationIsOneClearLine() {
        Run r = run("list", "--mta", "postfix", "--postfix-config", "/nonexistent");
        assertThat(r.out()).as(r.describe()).isEmpty();
        assertThat(r.errLines()).as(r.describe()).singleElement().asString().startsWith("qctl: ");
        assertNoStackTrace(r);
        if (Files.isExecutable(Path.of("/usr/sbin/postconf"))) {
            assertThat(r.exit()).as(r.describe()).isEqualTo(1);
            assertThat(r.err()).as(r.describe()).contains("/nonexistent/main.cf");
        } else {
            assertThat(r.exit()).as(r.describe()).isEqualTo(4);
            assertThat(r.err()).as(r.describe()).contains("Postfix is not installed");
        }
    }

    @Test
    void aMalformedIdIsRefusedBeforeAnythingRuns() {
        Run r = run("show", "--mta", "postfix", "--postfix-config", "/nonexistent", "'; touch /tmp/x'");
        assertThat(r.exit()).as(r.describe()).isEqualTo(7);
        assertThat(r.errLines()).as(r.describe()).singleElement().asString()
                .startsWith("qctl: malformed queue ID ''; touch /tmp/x'': expected a Postfix queue ID");
        assertNoStackTrace(r);
    }

    @Test
    void diagnoseClassifiesOneReasonForRuleWriters(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("config.yaml"), "");
        Run r = run(Map.of("QCTL_CONFIG", empty.toString()), "diagnose", "--classify",
                "host mx[192.0.2.1] said: 421 4.7.0 Too many connections from your IP (in reply to RCPT TO command)");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.out()).isEqualTo("rate-limited\ttext:throttling\n");
    }

    @Test
    void diagnoseRulesFromTheConfigComeFirst(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                diagnose:
                  rules:
                    - match: too many connections
                      cause: partner-outage
                      advice: Call them.
                """);
        Run rules = run("diagnose", "--config", config.toString(), "--rules");
        assertThat(rules.exit()).as(rules.describe()).isZero();
        assertThat(rules.out().lines().findFirst()).hasValue("config:3\tpartner-outage");
        assertThat(rules.out()).contains("text:blocklist\tblocklisted", "code:5xx\trecipient-rejected");
        Run c = run("diagnose", "--config", config.toString(), "--classify", "421 4.7.0 Too many connections");
        assertThat(c.out()).isEqualTo("partner-outage\tconfig:3\n");
    }

    @Test
    void aBadDiagnoseRuleIsOneLineNamingTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "diagnose:\n  rules:\n    - match: '('\n      cause: dns\n");
        Run r = run("diagnose", "--config", config.toString(), "--classify", "x");
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.errLines()).as(r.describe()).singleElement().asString()
                .startsWith("qctl: " + config + ":3:7: diagnose rule: match is not a valid regular expression");
        assertNoStackTrace(r);
    }

    @Test
    void theConfigsDefaultOutputIsTheDefaultOfO(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"),
                "defaults:\n  output: json\nhosts:\n  mx1:\n    address: 192.0.2.1\n");
        Run json = run("hosts", "--config", config.toString());
        assertThat(json.exit()).as(json.describe()).isZero();
        assertThat(json.out()).startsWith("{").contains("\"mx1\"");
        Run table = run("hosts", "--config=" + config, "-o", "table");
        assertThat(table.out()).as(table.describe()).startsWith("HOST");
        Run fromEnv = run(Map.of("QCTL_CONFIG", config.toString()), "hosts");
        assertThat(fromEnv.out()).as(fromEnv.describe()).startsWith("{");
    }

    @Test
    void aDefaultOutputACommandCannotPrintFallsBackToTable(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "defaults:\n  output: ids\n");
        // summary gets past the format check and fails later, on the missing Postfix configuration
        Run summary = run("summary", "--config", config.toString(), "--mta", "postfix", "--postfix-config", "/nonexistent");
        assertThat(summary.err()).as(summary.describe()).doesNotContain("no IDs");
        Run explicit = run("summary", "--config", config.toString(), "-o", "ids");
        assertUsageError(explicit, "summary has no IDs to print");
    }
}
