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
        String rule = SudoRules.rule("qctl", null, PINNED, new SudoRules.Directories("/var/spool/exim4", null));
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
        String rule = SudoRules.rule("qctl", Mta.EXIM, INLINE, SudoRules.Directories.DEFAULTS);
        assertThat(commands(rule)).contains("/bin/sh");
        assertThat(SudoRules.mode(Mta.EXIM, INLINE)).isEqualTo(SudoRules.Mode.SHELL);
        assertThat(SudoRules.Mode.SHELL.label()).contains("root-equivalent");
        assertThat(SudoRules.rule("qctl", Mta.POSTFIX, INLINE, SudoRules.Directories.DEFAULTS)).doesNotContain("/bin/sh").doesNotContain("exim");
    }

    private static final String SCRIPT = "/usr/local/libexec/qctl-quarantine";
    private static final String RUN = "tpd99h-a6c805";

    /** Whether one of the rule's regex commands for /bin/sh matches this argument string, as sudo would match it. */
    private static boolean shAllows(String rule, String arguments) {
        return commands(rule).stream().filter(c -> c.startsWith("/bin/sh ^"))
                .anyMatch(c -> java.util.regex.Pattern.matches(c.substring("/bin/sh ^".length(), c.length() - 1), arguments));
    }

    @Test
    void anInstalledQuarantineScriptIsPinnedVerbByVerbWithEveryArgument() {
        MtaSettings pinned = new MtaSettings(Mta.POSTFIX, null, null, null, null, SCRIPT);
        String rule = SudoRules.rule("qctl", Mta.POSTFIX, pinned, new SudoRules.Directories("/var/spool/postfix", "/srv/q.d/"));
        assertThat(SudoRules.quarantineMode(Mta.POSTFIX, pinned)).isEqualTo(SudoRules.Mode.PINNED);
        assertThat(commands(rule)).doesNotContain("/bin/sh").contains("/usr/sbin/postconf -h queue_directory")
                .contains("/bin/sh ^" + SCRIPT + " store-postfix /srv/q[.]d/postfix " + SudoRules.RUN_ID
                        + " [0-9]+ /var/spool/postfix$");
        String d = "/srv/q.d/postfix";
        // what qctl runs (the argv of QuarantineScript.commandWith after "sh FILE")
        assertThat(shAllows(rule, SCRIPT + " prepare " + d + " 524288 12 604800 2097152")).isTrue();
        assertThat(shAllows(rule, SCRIPT + " runs " + d)).isTrue();
        assertThat(shAllows(rule, SCRIPT + " purge " + d + " 0 2097152")).isTrue();
        assertThat(shAllows(rule, SCRIPT + " store-postfix " + d + " " + RUN + " 524288 /var/spool/postfix")).isTrue();
        assertThat(shAllows(rule, SCRIPT + " envelopes " + d + " " + RUN + " /usr/sbin/postcat")).isTrue();
        assertThat(shAllows(rule, SCRIPT + " restore-postfix " + d + " " + RUN + " /usr/sbin/postcat /usr/sbin/sendmail")).isTrue();
        // anything else is not
        assertThat(shAllows(rule, SCRIPT + " runs /etc")).isFalse();
        assertThat(shAllows(rule, SCRIPT + " runs /srv/qxd/postfix")).isFalse(); // the dot is a dot
        assertThat(shAllows(rule, SCRIPT + " store-postfix " + d + " " + RUN + " 524288 /etc")).isFalse();
        assertThat(shAllows(rule, SCRIPT + " store-postfix " + d + " ../../etc 524288 /var/spool/postfix")).isFalse();
        assertThat(shAllows(rule, SCRIPT + " envelopes " + d + " " + RUN + " /tmp/evil")).isFalse();
        assertThat(shAllows(rule, SCRIPT + " restore-postfix " + d + " " + RUN + " /usr/sbin/postcat /tmp/evil")).isFalse();
        assertThat(shAllows(rule, SCRIPT + " restore-postfix " + d + " " + RUN + " /usr/sbin/postcat /usr/sbin/sendmail /tmp/conf"))
                .isFalse();
        assertThat(shAllows(rule, SCRIPT + " prepare " + d + " 1 2 3 -4")).isFalse();
        assertThat(shAllows(rule, "-c id")).isFalse();
        assertThat(shAllows(rule, "/tmp/other prepare " + d + " 1 2 3 4")).isFalse();
    }

    @Test
    void aSecondPostfixInstanceAndEximPinTheirOwnDirectories() {
        MtaSettings postfix = new MtaSettings(Mta.POSTFIX, "/etc/postfix-out", null, null, null, SCRIPT);
        String rule = SudoRules.rule("qctl", Mta.POSTFIX, postfix, new SudoRules.Directories("/var/spool/postfix-out", null));
        String d = "/var/lib/qctl/quarantine/postfix";
        assertThat(commands(rule)).contains("/usr/sbin/postconf -c /etc/postfix-out -h queue_directory");
        assertThat(shAllows(rule, SCRIPT + " store-postfix " + d + " " + RUN + " 0 /var/spool/postfix-out")).isTrue();
        assertThat(shAllows(rule, SCRIPT + " envelopes " + d + " " + RUN + " /usr/sbin/postcat /etc/postfix-out")).isTrue();
        assertThat(shAllows(rule, SCRIPT + " envelopes " + d + " " + RUN + " /usr/sbin/postcat")).isFalse();
        assertThat(shAllows(rule, SCRIPT + " restore-postfix " + d + " " + RUN + " /usr/sbin/postcat /usr/sbin/sendmail /etc/postfix-out"))
                .isTrue();

        MtaSettings exim = new MtaSettings(Mta.EXIM, null, null, null, "/usr/local/libexec/qctl-exim-spool", SCRIPT);
        String eximRule = SudoRules.rule("qctl", Mta.EXIM, exim, new SudoRules.Directories("/var/spool/exim4", null));
        String e = "/var/lib/qctl/quarantine/exim";
        assertThat(SudoRules.quarantineMode(Mta.EXIM, exim)).isEqualTo(SudoRules.Mode.PINNED);
        assertThat(commands(eximRule)).doesNotContain("/bin/sh");
        assertThat(shAllows(eximRule, SCRIPT + " store-exim " + e + " " + RUN + " 524288 /var/spool/exim4")).isTrue();
        assertThat(shAllows(eximRule, SCRIPT + " restore-exim " + e + " " + RUN + " /var/spool/exim4")).isTrue();
        assertThat(shAllows(eximRule, SCRIPT + " purge " + e + " 100000000000 0")).isTrue();
        // a run is listed by the spool reader, on the run's own spool
        assertThat(shAllows(eximRule, "/usr/local/libexec/qctl-exim-spool " + e + "/" + RUN)).isTrue();
        assertThat(shAllows(eximRule, "/usr/local/libexec/qctl-exim-spool " + e + "/../../../etc")).isFalse();
        assertThat(shAllows(eximRule, SCRIPT + " restore-exim " + e + " " + RUN + " /tmp/spool")).isFalse();
        assertThat(shAllows(eximRule, SCRIPT + " store-postfix " + e + " " + RUN + " 0 /var/spool/exim4")).isFalse();
    }

    @Test
    void withoutAnInstalledScriptTheQuarantineNeedsTheShell() {
        assertThat(SudoRules.quarantineMode(Mta.POSTFIX, INLINE)).isEqualTo(SudoRules.Mode.SHELL);
        // the queue's rule does not give the shell away for it: the README says so, hosts check warns
        assertThat(commands(SudoRules.rule("qctl", Mta.POSTFIX, INLINE, SudoRules.Directories.DEFAULTS))).noneMatch(c -> c.startsWith("/bin/sh"));
        // Exim's quarantine lists a run with the spool reader: pinned only when both are installed
        assertThat(SudoRules.quarantineMode(Mta.EXIM, new MtaSettings(Mta.EXIM, null, null, null, null, SCRIPT)))
                .isEqualTo(SudoRules.Mode.SHELL);
    }

    @Test
    void alternateConfigurationsArePinnedToo() {
        MtaSettings custom = new MtaSettings(null, "/etc/postfix-out", "/opt/exim/bin/exim", "/etc/exim-out.conf", null);
        List<String> commands = commands(SudoRules.rule("qctl", null, custom, SudoRules.Directories.DEFAULTS));
        assertThat(commands).filteredOn(c -> c.startsWith("/usr/sbin/post")).allSatisfy(c -> assertThat(c).contains("-c /etc/postfix-out "));
        assertThat(commands).filteredOn(c -> c.startsWith("/opt/exim/bin/exim")).hasSize(7)
                .allSatisfy(c -> assertThat(c).contains("-C /etc/exim-out.conf "));
    }

    @Test
    void theReadmeShowsTheRulesQctlPrints() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("qctl.basedir", "."), "README.md"));
        assertThat(readme).contains(SudoRules.rule("qctl", Mta.POSTFIX, INLINE, SudoRules.Directories.DEFAULTS))
                .contains(SudoRules.rule("qctl", Mta.EXIM, PINNED, SudoRules.Directories.DEFAULTS))
                .contains(SudoRules.rule("qctl", Mta.POSTFIX, new MtaSettings(null, null, null, null, null, SCRIPT),
                        SudoRules.Directories.DEFAULTS))
                .contains(SudoRules.rule("qctl", Mta.EXIM, new MtaSettings(null, null, null, null,
                        "/usr/local/libexec/qctl-exim-spool", SCRIPT), SudoRules.Directories.DEFAULTS));
    }
}
