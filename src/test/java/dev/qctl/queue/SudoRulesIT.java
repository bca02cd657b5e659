package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.e2e.Sandbox;
import dev.qctl.model.Mta;
import dev.qctl.mta.MtaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suggested rules against the real sudo (1.9.13 here): installed for the user nobody, they let
 * qctl's exact command lines through and refuse the ones that would be root. Runs as root, as the
 * sandbox does; the sudoers file is checked with visudo before it is installed, and removed after.
 */
class SudoRulesIT {
    private static final Path INSTALLED = Path.of("/etc/sudoers.d/zz-qctl-sudorules-it");
    private static final String READER = "/usr/local/libexec/qctl-exim-spool";
    private static final String ID = "1xX5eJ-0001hg-2t";
    private static final String QUARANTINE = "/usr/local/libexec/qctl-quarantine";
    private static final String RUN = "tpd99h-a6c805";
    private static final String KEPT = "/var/lib/qctl/quarantine/";

    private static String exim;

    @BeforeAll
    static void install() throws Exception {
        Sandbox.requireExim(); // sudo, visudo and a real exim binary (sudo -l wants the command to exist)
        exim = Sandbox.get("QCTL_SANDBOX_EXIM_BIN");
        String rules = SudoRules.rule("nobody", null, new MtaSettings(null, null, exim, null, READER, QUARANTINE),
                new SudoRules.Directories("/var/spool/exim4", null))
                + "\n" + SudoRules.rule("daemon", Mta.EXIM, new MtaSettings(null, null, exim,
                "/etc/exim-out.conf", null), SudoRules.Directories.DEFAULTS) + "\n";
        Path candidate = Files.createTempFile("qctl-sudoers", "");
        Files.writeString(candidate, rules);
        Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("r--r-----"));
        assertThat(run("visudo", "-c", "-f", candidate.toString())).as("visudo accepts:\n" + rules).isZero();
        Files.move(candidate, INSTALLED, StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void remove() throws IOException {
        Files.deleteIfExists(INSTALLED);
    }

    private static int run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }

    /** Whether sudo would let nobody run this command line (sudo -l -U as root asks without running it). */
    private static boolean allowed(String... command) throws Exception {
        return allowedFor("nobody", command);
    }

    private static boolean allowedFor(String user, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sudo", "-n", "-l", "-U", user));
        argv.addAll(List.of(command));
        return run(argv.toArray(String[]::new)) == 0;
    }

    @Test
    void qctlsCommandLinesAreAllowed() throws Exception {
        assertThat(allowed("/usr/sbin/postconf", "-h", "mail_version", "command_directory", "maximal_queue_lifetime",
                "bounce_queue_lifetime")).isTrue();
        assertThat(allowed("/usr/sbin/postqueue", "-j")).isTrue();
        assertThat(allowed("/usr/sbin/postqueue", "-i", "4jbq6Y3nLkzC08f")).isTrue();
        assertThat(allowed("/usr/sbin/postqueue", "-s", "example.com")).isTrue();
        assertThat(allowed("/usr/sbin/postsuper", "-d", "-")).isTrue();
        assertThat(allowed("/usr/sbin/postcat", "-bh", "-q", "EDEDC161FF9")).isTrue();
        assertThat(allowed(exim, "-bP", "spool_directory")).isTrue();
        assertThat(allowed(exim, "-Mvh", ID)).isTrue();
        assertThat(allowed(exim, "-Mrm", ID, "1xX5eJ-0001hg-2u")).isTrue();
        assertThat(allowed(exim, "-Mes", ID, "new@example.org")).isTrue();
        assertThat(allowed(exim, "-Rff", "example.com")).isTrue();
        assertThat(allowed("/bin/sh", READER, "/var/spool/exim4")).isTrue();
        assertThat(allowed("/bin/sh", READER, "/var/spool/exim4", ID)).isTrue();
        assertThat(allowedFor("daemon", exim, "-C", "/etc/exim-out.conf", "-Mvl", ID)).isTrue();
    }

    @Test
    void theInstalledQuarantineScriptIsLetThroughWithQctlsArgumentsOnly() throws Exception {
        String p = KEPT + "postfix";
        String e = KEPT + "exim";
        assertThat(allowed("/usr/sbin/postconf", "-h", "queue_directory")).isTrue();
        assertThat(allowed("/bin/sh", QUARANTINE, "prepare", p, "524288", "8", "604800", "2097152")).isTrue();
        assertThat(allowed("/bin/sh", QUARANTINE, "store-postfix", p, RUN, "524288", "/var/spool/postfix")).isTrue();
        assertThat(allowed("/bin/sh", QUARANTINE, "envelopes", p, RUN, "/usr/sbin/postcat")).isTrue();
        assertThat(allowed("/bin/sh", QUARANTINE, "restore-postfix", p, RUN, "/usr/sbin/postcat", "/usr/sbin/sendmail")).isTrue();
        assertThat(allowed("/bin/sh", QUARANTINE, "runs", e)).isTrue();
        assertThat(allowed("/bin/sh", QUARANTINE, "purge", e, "0", "2097152")).isTrue();
        assertThat(allowed("/bin/sh", QUARANTINE, "store-exim", e, RUN, "524288", "/var/spool/exim4")).isTrue();
        assertThat(allowed("/bin/sh", QUARANTINE, "restore-exim", e, RUN, "/var/spool/exim4")).isTrue();
        assertThat(allowed("/bin/sh", READER, e + "/" + RUN)).isTrue();

        assertThat(allowed("/bin/sh", QUARANTINE, "runs", "/etc")).isFalse();
        assertThat(allowed("/bin/sh", QUARANTINE, "restore-exim", e, RUN, "/tmp/spool")).isFalse();
        assertThat(allowed("/bin/sh", QUARANTINE, "store-postfix", p, "../x", "1", "/var/spool/postfix")).isFalse();
        assertThat(allowed("/bin/sh", QUARANTINE, "restore-postfix", p, RUN, "/tmp/postcat", "/usr/sbin/sendmail")).isFalse();
        assertThat(allowed("/bin/sh", QUARANTINE, "prepare", p, "1", "2", "3", "4", "5")).isFalse();
        assertThat(allowed("/bin/sh", QUARANTINE, "runs", e, "-c", "id")).isFalse();
        assertThat(allowed("/bin/sh", READER, e + "/../../../../etc")).isFalse();
    }

    @Test
    void whatWouldBeRootIsRefused() throws Exception {
        assertThat(allowed("/usr/sbin/postconf", "-e", "mailbox_command=/tmp/x")).isFalse();
        assertThat(allowed("/usr/sbin/postsuper", "-d", "ALL")).isFalse();
        assertThat(allowed("/usr/sbin/postqueue", "-c", "/tmp/evil", "-f")).isFalse();
        assertThat(allowed(exim, "-be", "${run{/bin/sh}}")).isFalse();
        assertThat(allowed(exim, "-Mvh", ID, "-C", "/tmp/evil.conf")).isFalse();
        assertThat(allowed(exim, "-C", "/tmp/evil.conf", "-Mvh", ID)).isFalse();
        assertThat(allowed(exim, "-Mar", ID, "-be")).isFalse();
        assertThat(allowed("/bin/sh", "-c", "id")).isFalse();
        assertThat(allowed("/bin/sh", READER, "/etc")).isFalse();
        assertThat(allowed("/bin/sh", "/tmp/other-script", "/var/spool/exim4")).isFalse();
        assertThat(allowedFor("daemon", exim, "-Mvl", ID)).isFalse(); // its rules pin -C FILE
        // the inline reader's rule is /bin/sh itself: exactly why that mode is called root-equivalent
        assertThat(allowedFor("daemon", "/bin/sh", "-c", "id")).isTrue();
    }
}
