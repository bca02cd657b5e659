package dev.qctl.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshConfigFileTest {
    private static final Path HOME = Path.of("/home/ann");

    /** Host, Match and global lines, quoting and "=" (the fuzz tests mutate it too). */
    static final String TEXT = """
            # global line before any Host: applies everywhere
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
                IdentityFile /etc/qctl/default_key
            """;
    private static final SshConfigFile CONFIG = SshConfigFile.parse(TEXT, HOME);

    @Test
    void firstValueWinsPerOptionAndIdentityFilesAccumulate() {
        SshHostSettings mx1 = CONFIG.lookup("mx1");
        assertThat(mx1.hostName()).isEqualTo("10.0.0.1");
        assertThat(mx1.user()).isEqualTo("admin");
        assertThat(mx1.port()).isEqualTo(2200);
        assertThat(mx1.identitiesOnly()).isTrue();
        assertThat(mx1.identityFiles()).containsExactly(HOME.resolve(".ssh/global_key"), HOME.resolve(".ssh/mx1_key"),
                Path.of("/etc/qctl/default_key"));
    }

    @Test
    void questionMarkAndNegatedPatterns() {
        assertThat(CONFIG.lookup("mx2").user()).isEqualTo("fleet");
        assertThat(CONFIG.lookup("mx2").port()).isEqualTo(2300);
        assertThat(CONFIG.lookup("mx9").user()).isEqualTo("everyone");
        assertThat(CONFIG.lookup("mx10").user()).isEqualTo("everyone");
    }

    @Test
    void quotedPatternsPercentHAndEqualsSigns() {
        SshHostSettings org = CONFIG.lookup("web.example.org");
        assertThat(org.hostName()).isEqualTo("web.example.org.internal");
        assertThat(org.user()).isEqualTo("org");
    }

    @Test
    void matchBlocksAreNeverApplied() {
        assertThat(CONFIG.lookup("mx1").user()).isEqualTo("admin");
        assertThat(CONFIG.lookup("other").user()).isEqualTo("everyone");
    }

    @Test
    void unknownHostGetsOnlyWildcardSettings() {
        SshHostSettings other = CONFIG.lookup("OTHER");
        assertThat(other.hostName()).isNull();
        assertThat(other.port()).isEqualTo(22);
        assertThat(other.identitiesOnly()).isFalse();
        assertThat(SshConfigFile.empty().lookup("x")).isEqualTo(new SshHostSettings(null, null, null, List.of(), false));
    }

    @Test
    void globsMatchCaseInsensitively() {
        assertThat(SshConfigFile.glob("*.Example.com", "mx.example.COM")).isTrue();
        assertThat(SshConfigFile.glob("mx?", "mx12")).isFalse();
        assertThat(SshConfigFile.glob("*", "")).isTrue();
        assertThat(SshConfigFile.glob("a*b*c", "aXXbYYc")).isTrue();
        assertThat(SshConfigFile.matches(List.of("!*"), "a")).isFalse();
    }

    @Test
    void wordsHandleQuotesCommentsAndEquals() {
        assertThat(SshConfigFile.words("  IdentityFile \"/path/with space/key\"  # comment")).containsExactly(
                "IdentityFile", "/path/with space/key");
        assertThat(SshConfigFile.words("Port=2222")).containsExactly("Port", "2222");
        assertThat(SshConfigFile.words("# only a comment")).isEmpty();
    }

    @Test
    void anIdentityFileThatCannotBeAPathIsNotTried() {
        // found by ConfigParsersFuzzTest: a NUL byte made Path.of throw out of the lookup
        SshConfigFile config = SshConfigFile.parse("Host mx1\n  IdentityFile ~/.ssh/a\u0000b\n  IdentityFile ~/.ssh/ok\n", HOME);
        assertThat(config.lookup("mx1").identityFiles()).containsExactly(HOME.resolve(".ssh/ok"));
    }
}
