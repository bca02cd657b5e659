package dev.qctl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.model.Mta;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private static final Path FILE = Path.of("/etc/qctl/config.yaml");

    private static QctlConfig parse(String yaml) {
        return ConfigParser.parse(yaml, FILE);
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    /** Every kind of entry the config has (the fuzz tests mutate it too). */
    static final String HOSTS_GROUPS_DEFAULTS = """
            defaults:
              output: json
              parallel: 8
              connect_timeout: 5s
              command_timeout: 2m
              target: "@prod"
            hosts:
              mx1:
                address: mx1.example.com
                port: 2222
                user: admin
                identity_file: ~/.ssh/qctl
                mta: postfix
                sudo: true
                postfix_config: /etc/postfix-out
                known_hosts: ~/.ssh/fleet_known_hosts
              mx2:
                mta: exim
                exim_bin: /usr/sbin/exim4
                exim_config: /etc/exim4/exim4.conf
                known_hosts: [a, b]
              relay: {}
            groups:
              eu: [mx2, relay]
              prod: [mx1, "@eu"]
            """;

    @Test
    void readsHostsGroupsAndDefaults() {
        QctlConfig c = parse(HOSTS_GROUPS_DEFAULTS);
        assertThat(c.source()).isEqualTo(FILE);
        assertThat(c.defaults()).isEqualTo(new Defaults("json", 8, Duration.ofSeconds(5), Duration.ofMinutes(2), "@prod"));
        assertThat(c.hosts().keySet()).containsExactly("mx1", "mx2", "relay");
        assertThat(c.hosts().get("mx1")).isEqualTo(new HostConfig("mx1", "mx1.example.com", 2222, "admin", "~/.ssh/qctl",
                Mta.POSTFIX, true, "/etc/postfix-out", null, null, List.of("~/.ssh/fleet_known_hosts")));
        assertThat(c.hosts().get("mx2").mta()).isEqualTo(Mta.EXIM);
        assertThat(c.hosts().get("mx2").knownHosts()).containsExactly("a", "b");
        assertThat(c.hosts().get("relay").sudo()).isNull();
        assertThat(c.groups()).containsEntry("prod", List.of("mx1", "@eu")).containsEntry("eu", List.of("mx2", "relay"));
    }

    @Test
    void emptyFileIsAnEmptyConfig() {
        assertThat(parse("").hosts()).isEmpty();
        assertThat(parse("# nothing yet\n").hosts()).isEmpty();
        assertThat(parse("hosts:\n").hosts()).isEmpty();
        assertThat(parse("~\n").hosts()).isEmpty();
        assertThat(parse("---\n# a document of comments\n").hosts()).isEmpty();
    }

    @Test
    void mtaAutoMeansDetect() {
        assertThat(parse("hosts:\n  a:\n    mta: auto\n").hosts().get("a").mta()).isNull();
    }

    @Test
    void bareGroupNamesAreGroupReferences() {
        assertThat(parse("hosts: {a: {}}\ngroups:\n  x: [a]\n  y: [x]\n").groups().get("y")).containsExactly("@x");
    }

    @Test
    void containerPerHost() {
        QctlConfig c = parse("""
                hosts:
                  mailcow:
                    address: mx1.example.com
                    container: docker:postfix-mailcow
                  k8s:
                    address: local
                    container: kubectl:mail/postfix-0:postfix
                """);
        assertThat(c.hosts().get("mailcow").container()).isEqualTo(dev.qctl.exec.container.ContainerRef.parse("docker:postfix-mailcow"));
        assertThat(c.hosts().get("k8s").container().display()).isEqualTo("kubectl:mail/postfix-0:postfix");
        assertError("hosts:\n  a:\n    container: docker:-x\n", "/etc/qctl/config.yaml:3:16: hosts.a.container: "
                + "invalid container target 'docker:-x': '-x' is not a valid container name (letters, digits, and _ . - after "
                + "the first character)");
        assertError("hosts:\n  a:\n    container: lxc:mx\n", "/etc/qctl/config.yaml:3:16: hosts.a.container: "
                + "invalid container target 'lxc:mx': expected docker:NAME, podman:NAME or kubectl:[NAMESPACE/]POD[:CONTAINER]");
    }

    @Test
    void eximSpoolReaderIsAHostSetting() {
        QctlConfig c = parse("hosts:\n  mx2:\n    mta: exim\n    exim_spool_reader: /usr/local/libexec/qctl-exim-spool\n");
        assertThat(c.hosts().get("mx2").eximSpoolReader()).isEqualTo("/usr/local/libexec/qctl-exim-spool");
    }

    @Test
    void quarantineScriptIsAHostSettingThatGroupsCanGive() {
        QctlConfig c = parse("hosts:\n  mx1: {mta: postfix, quarantine_script: /usr/local/libexec/qctl-quarantine}\n  mx2: {}\n"
                + "groups:\n  g: [mx2]\ngroup_settings:\n  g: {quarantine_script: /opt/qctl-quarantine}\n");
        assertThat(c.hosts().get("mx1").quarantineScript()).isEqualTo("/usr/local/libexec/qctl-quarantine");
        assertThat(c.hosts().get("mx2").quarantineScript()).isEqualTo("/opt/qctl-quarantine");
    }

    @Test
    void unknownKeyIsNamedWithLineAndColumn() {
        assertError("""
                hosts:
                  mx1:
                    adress: mx1.example.com
                """, "/etc/qctl/config.yaml:3:5: unknown key 'adress' in hosts.mx1 (known keys: address, container, "
                + "exim_bin, exim_config, exim_spool_reader, identity_file, known_hosts, mta, port, postfix_config, quarantine_script, ssh, "
                + "ssh_config, sudo, user)");
        assertError("host:\n  a: {}\n", "/etc/qctl/config.yaml:1:1: unknown key 'host' (known keys: actions, defaults, diagnose, "
                + "group_settings, groups, hosts)");
    }

    @Test
    void wrongTypesAreExplained() {
        assertError("hosts:\n  mx1:\n    port: twenty-two\n", "/etc/qctl/config.yaml:3:11: hosts.mx1.port: expected a whole number");
        assertError("hosts:\n  mx1:\n    sudo: maybe\n", "/etc/qctl/config.yaml:3:11: hosts.mx1.sudo: expected true or false");
        assertError("hosts: [mx1, mx2]\n", "/etc/qctl/config.yaml:1:8: hosts: expected a mapping of keys to values");
        assertError("defaults:\n  parallel: [1]\n", "/etc/qctl/config.yaml:2:13: defaults.parallel: expected a whole number");
    }

    @Test
    void theActionsSectionGivesTheQuarantineDefaults() {
        QctlConfig c = parse("actions:\n  quarantine: true\n  quarantine_dir: /srv/qctl/q\n  quarantine_retention: 3d\n"
                + "  quarantine_max_size: 10G\n  quarantine_min_free: 512M\n");
        assertThat(c.actions()).isEqualTo(new ActionDefaults(true, "/srv/qctl/q", Duration.ofDays(3), 10L << 30, 512L << 20));
        assertThat(parse("hosts: {}\n").actions()).isEqualTo(ActionDefaults.NONE);
        assertError("actions:\n  quarantine_max_size: lots\n", "/etc/qctl/config.yaml:2:24: actions.quarantine_max_size: "
                + "invalid size 'lots' (use e.g. 500, 10K, 5M, 1G)");
        assertError("actions:\n  quarantine: maybe\n", "/etc/qctl/config.yaml:2:15: actions.quarantine: expected true or false");
    }

    @Test
    void theDefaultOutputMustBeAFormat() {
        assertError("defaults:\n  output: xml\n", "/etc/qctl/config.yaml:2:11: defaults.output: unknown output format 'xml' "
                + "(expected table, wide, json, ndjson, yaml, csv or ids)");
        assertThat(parse("defaults:\n  output: JSON\n").defaults().output()).isEqualTo("json");
    }

    @Test
    void badValuesAreExplained() {
        assertError("hosts:\n  mx1:\n    mta: sendmail\n",
                "/etc/qctl/config.yaml:3:10: hosts.mx1.mta: mta must be auto, postfix or exim, not 'sendmail'");
        assertError("defaults:\n  connect_timeout: soon\n",
                "/etc/qctl/config.yaml:2:20: defaults.connect_timeout: invalid duration 'soon' (use e.g. 90s, 15m, 2h, 3d, 1w, 1h30m)");
        assertError("groups:\n  g: mx1\n", "/etc/qctl/config.yaml:2:6: groups.g: a group is a list of host names and @groups");
    }

    @Test
    void groupsMustNameKnownHostsAndGroups() {
        assertError("hosts: {mx1: {}}\ngroups:\n  prod:\n    - mx1\n    - mx9\n",
                "/etc/qctl/config.yaml:5:7: group 'prod' names 'mx9', neither a configured host nor a group");
        assertError("hosts: {mx1: {}}\ngroups:\n  prod: [mx1, '@eu']\n",
                "/etc/qctl/config.yaml:3:15: group 'prod' names '@eu', an unknown group");
    }

    @Test
    void groupCyclesAreRefused() {
        assertError("hosts: {a: {}}\ngroups:\n  x: [a, '@y']\n  y: ['@z']\n  z: [x]\n",
                "/etc/qctl/config.yaml:3:6: group 'x' contains itself: x -> y -> z -> x");
        assertError("groups:\n  self: ['@self']\n", "/etc/qctl/config.yaml:2:9: group 'self' contains itself: self -> self");
    }

    @Test
    void aNameCannotBeBothHostAndGroup() {
        assertError("hosts: {mx1: {}}\ngroups:\n  mx1: [mx1]\n",
                "/etc/qctl/config.yaml:3:8: 'mx1' is both a host and a group; give them different names");
    }

    @Test
    void duplicateKeysAndBrokenYamlAreErrors() {
        assertThatThrownBy(() -> parse("hosts:\n  a: {}\n  a: {}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/etc/qctl/config.yaml:3:").hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> parse("hosts:\n  a: [\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/etc/qctl/config.yaml:");
    }

    /** The diagnose section: rules for qctl diagnose. */
    @org.junit.jupiter.api.Nested
    class DiagnoseRules {
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
}
