package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.Mta;
import dev.qctl.mta.MtaSettings;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sudoers rules qctl suggests never hand out root (SudoRulesIT checks them with the real sudo). */
class SudoRulesTest {
    private static final MtaSettings INLINE = new MtaSettings(null, null, null, null, null);
    private static final MtaSettings PINNED = new MtaSettings(null, null, null, null, "/usr/local/libexec/qctl-exim-spool");

    private static List<String> commands(String rule) {
        return Arrays.stream(rule.substring(rule.indexOf("NOPASSWD: ") + 10).split(", ")).toList();
    }

    @Test
    void everyCommandIsPinnedToItsArgumentsAndTheSpoolReaderToItsFile() {
        String rule = SudoRules.rule("qctl", null, PINNED, "/var/spool/exim4");
        assertThat(rule).startsWith("qctl ALL=(root) NOPASSWD: ");
        List<String> commands = commands(rule);
        // no command alone: a bare postconf (-e), exim4 (-be, -C) or sh is root
        assertThat(commands).allSatisfy(c -> assertThat(c).contains(" "));
        assertThat(commands).doesNotContain("/bin/sh", "/usr/sbin/postconf", "/usr/sbin/exim4");
        assertThat(commands).contains("/bin/sh /usr/local/libexec/qctl-exim-spool /var/spool/exim4",
                "/usr/sbin/postconf -h mail_version command_directory maximal_queue_lifetime bounce_queue_lifetime");
        // glob wildcards would let any argument through; arguments are exact or a whole-line ^regex$
        assertThat(commands).filteredOn(c -> !c.contains(" ^")).allSatisfy(c -> assertThat(c).doesNotContain("*"));
        assertThat(commands).filteredOn(c -> c.contains(" ^")).allSatisfy(c -> assertThat(c).endsWith("$"));
        assertThat(SudoRules.mode(Mta.EXIM, PINNED)).isEqualTo(SudoRules.Mode.PINNED);
        assertThat(SudoRules.mode(Mta.POSTFIX, INLINE)).isEqualTo(SudoRules.Mode.PINNED);
        // the suspend helper only for its own map (issue 21)
        assertThat(commands).contains(dev.qctl.mta.SuspendHelper.PATH + " ^(show postfix /etc/postfix/qctl-suspend"
                + "|put postfix /etc/postfix/qctl-suspend - [0-9-]+|expire postfix /etc/postfix/qctl-suspend -)$");
    }

    @Test
    void theInlineSpoolReaderIsNamedForWhatItIs() {
        String rule = SudoRules.rule("qctl", Mta.EXIM, INLINE, null);
        assertThat(commands(rule)).contains("/bin/sh");
        assertThat(SudoRules.mode(Mta.EXIM, INLINE)).isEqualTo(SudoRules.Mode.SHELL);
        assertThat(SudoRules.Mode.SHELL.label()).contains("root-equivalent");
        assertThat(SudoRules.rule("qctl", Mta.POSTFIX, INLINE, null)).doesNotContain("/bin/sh").doesNotContain("exim");
    }

    @Test
    void alternateConfigurationsArePinnedToo() {
        MtaSettings custom = new MtaSettings(null, "/etc/postfix-out", "/opt/exim/bin/exim", "/etc/exim-out.conf", null);
        List<String> commands = commands(SudoRules.rule("qctl", null, custom, null));
        assertThat(commands).filteredOn(c -> c.startsWith("/usr/sbin/post")).allSatisfy(c -> assertThat(c).contains("-c /etc/postfix-out "));
        assertThat(commands).filteredOn(c -> c.startsWith("/opt/exim/bin/exim")).hasSize(7)
                .allSatisfy(c -> assertThat(c).contains("-C /etc/exim-out.conf "));
    }

    @Test
    void theReadmeShowsTheRulesQctlPrints() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("qctl.basedir", "."), "README.md"));
        assertThat(readme).contains(SudoRules.rule("qctl", Mta.POSTFIX, INLINE, null))
                .contains(SudoRules.rule("qctl", Mta.EXIM, PINNED, null));
    }
}
