package dev.qctl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DiagnoseRulesTest {
    private static final Path FILE = Path.of("/etc/qctl/config.yaml");

    private static QctlConfig parse(String yaml) {
        return ConfigParser.parse(yaml, FILE);
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void readsRulesInOrderWithTheirLines() {
        QctlConfig c = parse("""
                hosts:
                  mx1: {}
                diagnose:
                  rules:
                    - match: "policy violation.*mimecast"
                      cause: blocklisted
                    - code: 4.7.28
                      cause: rate-limited
                    - match: partner gateway
                      code: "451"
                      cause: partner-outage
                      advice: Call the partner's NOC.
                """);
        assertThat(c.diagnoseRules()).hasSize(3);
        DiagnoseRule first = c.diagnoseRules().get(0);
        assertThat(first.line()).isEqualTo(5);
        assertThat(first.match().matcher("550 Policy Violation by Mimecast").find()).isTrue(); // case-insensitive
        assertThat(first.code()).isNull();
        assertThat(c.diagnoseRules().get(1).code()).isEqualTo("4.7.28");
        assertThat(c.diagnoseRules().get(1).match()).isNull();
        DiagnoseRule third = c.diagnoseRules().get(2);
        assertThat(third.cause()).isEqualTo("partner-outage");
        assertThat(third.advice()).isEqualTo("Call the partner's NOC.");
        assertThat(third.line()).isEqualTo(9);
    }

    @Test
    void noDiagnoseSectionMeansNoRules() {
        assertThat(parse("hosts: {}\n").diagnoseRules()).isEmpty();
        assertThat(parse("diagnose: {}\n").diagnoseRules()).isEmpty();
    }

    @Test
    void mistakesAreNamedWithLineAndColumn() {
        assertError("""
                diagnose:
                  rules:
                    - cause: dns
                """, "/etc/qctl/config.yaml:3:7: diagnose rule: give match (a regular expression) or code (such as 421 "
                + "or 4.7.28), or both");
        assertError("""
                diagnose:
                  rules:
                    - match: "(unclosed"
                      cause: dns
                """, "/etc/qctl/config.yaml:3:7: diagnose rule: match is not a valid regular expression: "
                + "Unclosed group near index 9");
        assertError("""
                diagnose:
                  rules:
                    - code: 4xx
                      cause: dns
                """, "/etc/qctl/config.yaml:3:7: diagnose rule: code must be a reply code such as 421 or an enhanced "
                + "status code such as 4.7.28, not '4xx'");
        assertError("""
                diagnose:
                  rules:
                    - match: x
                """, "/etc/qctl/config.yaml:3:7: diagnose rule: cause is missing (one of destination-unreachable, dns, "
                + "greylisted, rate-limited, blocklisted, tls, mailbox-full, recipient-rejected, local-config, other, "
                + "or a name of your own with advice)");
    }

    @Test
    void aMisspeltCauseWithoutAdviceIsRefusedNotInvented() {
        assertThatThrownBy(() -> parse("""
                diagnose:
                  rules:
                    - match: x
                      cause: blocklist
                """)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/etc/qctl/config.yaml:3:7: diagnose rule: 'blocklist' is not a built-in cause")
                .hasMessageEndingWith("a cause of your own needs advice: what to do about it");
        assertThatThrownBy(() -> parse("""
                diagnose:
                  rules:
                    - match: x
                      cause: Not A Name
                      advice: y
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("a cause name is lower-case words");
    }

    @Test
    void unknownKeysInARuleAreRefused() {
        assertThatThrownBy(() -> parse("""
                diagnose:
                  rules:
                    - pattern: x
                      cause: dns
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'pattern' in a diagnose rule (known keys: match, code, cause, advice)");
        assertThatThrownBy(() -> parse("""
                diagnose:
                  rule: []
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'rule'");
    }
}
