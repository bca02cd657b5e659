package dev.qctl.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.fuzz.Mutations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the two files qctl reads from the user: its YAML config (a mistake is
 * one ConfigException line, never another exception) and ~/.ssh/config (a lookup always answers).
 */
class ConfigParsersFuzzTest {
    private static final Path FILE = Path.of("/etc/qctl/config.yaml");
    static final String CONFIG = """
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
            diagnose:
              rules:
                - id: local-greylist
                  cause: greylisting
                  match: "greylisted by mx\\\\.example"
            """;
    static final String SSH_CONFIG = """
            IdentityFile ~/.ssh/global_key

            Host mx1 mx1.example.com
                HostName 10.0.0.1
                User admin
                Port 2200
                IdentityFile ~/.ssh/mx1_key
                IdentitiesOnly yes

            Host mx? !mx9
                User fleet
                Port=2300

            Match host mx1
                User matched

            Host "*.example.org"
              HostName %h.internal
              User = org

            Host *
                User everyone
                Port 22
            """;

    Mutations.Cases configs() {
        return Mutations.of(List.of(CONFIG.getBytes(StandardCharsets.UTF_8)));
    }

    Mutations.Cases sshConfigs() {
        return Mutations.of(List.of(SSH_CONFIG.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void yamlConfigIsAConfigOrOneLineSayingWhy() throws Exception {
        configs().forEach(300, (file, random) -> {
            Mutations.bounded(() -> {
                try {
                    ConfigParser.parse(new String(file, StandardCharsets.UTF_8), FILE);
                } catch (ConfigException e) {
                    assertThat(e.getMessage()).startsWith(FILE.toString()).doesNotContain("\n");
                }
                return null;
            });
        });
    }

    @Test
    void sshConfigLookupsAlwaysAnswer() throws Exception {
        sshConfigs().forEach(300, (file, random) -> {
            Mutations.bounded(() -> {
                SshConfigFile config = SshConfigFile.parse(new String(file, StandardCharsets.UTF_8), Path.of("/home/ann"));
                for (String host : List.of("mx1", "mx2", "a.example.org", "mx9", "")) {
                    assertThat(config.lookup(host)).isNotNull();
                }
                return null;
            });
        });
    }
}
