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
    /** What the parser tests read, and a diagnose rule (a regex inside YAML). */
    static final List<String> CONFIGS = List.of(ConfigParserTest.HOSTS_GROUPS_DEFAULTS, """
            diagnose:
              rules:
                - id: local-greylist
                  cause: greylisting
                  match: "greylisted by mx\\\\.example"
            """);

    Mutations.Cases configs() {
        return Mutations.of(CONFIGS.stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toList());
    }

    Mutations.Cases sshConfigs() {
        return Mutations.of(List.of(SshConfigFileTest.TEXT.getBytes(StandardCharsets.UTF_8)));
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
