package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quarantine in the pinned sudo mode, over the sandbox's sshd and the real sudo, with nothing but
 * the rules qctl prints: the scripts of {@code qctl hosts quarantine-script} and {@code spool-reader}
 * installed root-owned in a directory of the test's own, {@code quarantine_script} and
 * {@code exim_spool_reader} in the config, and for the sandbox's second login (which has no sudo
 * rights of its own) exactly the {@code sudo_rule} of {@code qctl hosts check}, checked by visudo,
 * installed for the test and removed after. No rule names {@code /bin/sh} alone. Then
 * {@code delete --quarantine}, {@code quarantine list}, {@code restore} and {@code quarantine purge}
 * on Postfix and Exim at once, and what lies outside the pinned arguments refused by sudo.
 */
class QuarantineSudoIT {
    private static final int EACH = 5;
    private static final Pattern RUN = Pattern.compile("quarantined as run (\\S+) in ");
    private static final Path SUDOERS = Path.of("/etc/sudoers.d/zz-qctl-quarantine-sudo-it");

    private static Path home;
    private static Path config;
    private static Path quarantine;
    private static Path script;
    private static Path reader;
    private static String user;

    @BeforeAll
    static void install() throws Exception {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        user = Sandbox.get("QCTL_SANDBOX_SSH_PINNED_USER");
        home = Files.createTempDirectory("qctl-quarantine-sudo-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        quarantine = home.resolve("quarantine");
        // the scripts exactly as qctl prints them, owned by root (the test runs as root), not writable by others
        Path libexec = Files.createDirectory(home.resolve("libexec"));
        script = installed(libexec.resolve("qctl-quarantine"), "quarantine-script");
        reader = installed(libexec.resolve("qctl-exim-spool"), "spool-reader");
        config = Files.writeString(home.resolve("config.yaml"), "hosts:\n"
                + SandboxFleet.host("pf", user, SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts())
                + "    mta: postfix\n    quarantine_script: " + script + "\n"
                + SandboxFleet.host("ex", user, SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts())
                + "    mta: exim\n    exim_bin: " + EximQueue.bin() + "\n    exim_config: " + EximQueue.config() + "\n"
                + "    exim_spool_reader: " + reader + "\n    quarantine_script: " + script + "\n"
                + "groups:\n  both: [pf, ex]\nactions:\n  quarantine_dir: " + quarantine + "\n");

        // No rule yet: sudo refuses, and hosts check names the rule. Installed, the check can ask the
        // MTAs their queue directories (Exim's spool is not Debian's here), so ask again for the final rule.
        JsonNode first = check();
        installRules(first);
        JsonNode second = check();
        assertThat(second.findValuesAsText("sudo_rule").get(1)).contains(" " + Sandbox.get("QCTL_SANDBOX_EXIM_SPOOL") + "$");
        installRules(second);
        JsonNode third = check();
        assertThat(third.findValuesAsText("queue_readable")).as(third.toString()).containsExactly("true", "true");
        assertThat(third.findValuesAsText("sudo_rule")).isEqualTo(second.findValuesAsText("sudo_rule"));
    }

    private static Path installed(Path file, String command) throws IOException {
        Proc.Result printed = Proc.qctl("hosts", command);
        assertThat(printed.exit()).as(printed.describe()).isZero();
        Files.write(file, printed.stdoutBytes());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static JsonNode check() {
        Proc.Result r = qctl("hosts", "check", "-H", "@both", "-o", "json");
        JsonNode hosts = PostfixQueue.parse(r.stdout());
        assertThat(hosts.findValuesAsText("sudo_mode")).as(r.describe()).containsExactly("pinned", "pinned");
        assertThat(hosts.findValuesAsText("sudo_quarantine_mode")).as(r.describe()).containsExactly("pinned", "pinned");
        assertThat(r.stderr()).doesNotContain("/bin/sh");
        return hosts;
    }

    /** The rules hosts check printed, none of them /bin/sh alone, through visudo into sudoers.d. */
    private static void installRules(JsonNode hosts) throws Exception {
        List<String> rules = hosts.findValuesAsText("sudo_rule");
        assertThat(rules).hasSize(2).allSatisfy(rule -> {
            assertThat(rule).startsWith(user + " ALL=(root) NOPASSWD: ");
            assertThat(List.of(rule.substring(rule.indexOf("NOPASSWD: ") + 10).split(", ")))
                    .doesNotContain("/bin/sh", "/usr/bin/sh").allSatisfy(c -> assertThat(c).contains(" "));
        });
        String text = String.join("\n", rules) + "\n";
        Path candidate = Files.createTempFile("qctl-sudoers", "");
        Files.writeString(candidate, text);
        Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("r--r-----"));
        Proc.Result visudo = Proc.run("visudo", "-c", "-f", candidate.toString());
        assertThat(visudo.exit()).as("visudo accepts:\n" + text + visudo.describe()).isZero();
        Files.move(candidate, SUDOERS, StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void remove() throws IOException {
        Files.deleteIfExists(SUDOERS);
        if (home != null) {
            Proc.run("rm", "-rf", home.toString());
        }
    }

    private static Proc.Result qctl(String... args) {
        Map<String, String> env = new HashMap<>(SandboxFleet.env(home, config));
        return Proc.qctlWith(env, null, args);
    }

    private static JsonNode json(Proc.Result r) {
        return QuarantineRoundTrip.json(r);
    }

    private static String runOf(Proc.Result r) {
        Matcher m = RUN.matcher(r.stderr());
        assertThat(m.find()).as(r.describe()).isTrue();
        return m.group(1);
    }

    @Test
    void deleteWithQuarantineListRestoreAndPurgeWithOnlyThePinnedRules() {
        try (QuarantineRoundTrip trip = QuarantineRoundTrip.submit(QuarantineSudoIT::qctl, quarantine, EACH)) {
            String tag = trip.tag();
            String run = trip.delete();
            trip.listKept();
            trip.restore(run);

            // kept once more, then purged by age: the quarantine is empty and they stay deleted
            PostfixHarness.waitFor(tag, EACH, n -> n.get("queue_name").asText().equals("deferred"));
            Proc.Result again = qctl("delete", "-H", "@both", "--from", tag + "-*", "--quarantine", "--yes", "-o", "json");
            assertThat(json(again)).hasSize(2 * EACH);
            String second = runOf(again);
            Proc.Result purge = qctl("quarantine", "purge", "-H", "@both", "--older-than", "0");
            assertThat(purge.exit()).as(purge.describe()).isZero();
            assertThat(purge.stdout() + purge.stderr()).contains(second);
            assertThat(quarantine.resolve("postfix").resolve(second)).doesNotExist();
            assertThat(quarantine.resolve("exim").resolve(second)).doesNotExist();
            assertThat(json(qctl("quarantine", "list", "-H", "@both", "-o", "json"))).isEmpty();
            assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
        }
    }

    @Test
    void whatLiesOutsideThePinnedArgumentsIsRefusedBySudo() {
        // another quarantine directory than the rule pins: sudo refuses, qctl names the rule and why
        Path other = home.resolve("elsewhere");
        Proc.Result list = qctl("quarantine", "list", "-H", "pf", "--quarantine-dir", other.toString());
        assertThat(list.exit()).as(list.describe()).isNotZero();
        assertThat(list.stderr()).contains("sudo on pf wants a password", "another --quarantine-dir needs a rule of its own");
        assertThat(other).doesNotExist();
        // the shell itself, the script on another directory or spool, another script: sudo -l says no
        assertThat(sudoAllows("/bin/sh", "-c", "id")).isFalse();
        assertThat(sudoAllows("/bin/sh", script.toString(), "runs", "/etc")).isFalse();
        assertThat(sudoAllows("/bin/sh", script.toString(), "restore-exim", quarantine + "/exim", "tpd99h-a6c805", "/tmp")).isFalse();
        assertThat(sudoAllows("/bin/sh", home.resolve("other-script").toString(), "runs", quarantine + "/postfix")).isFalse();
        // while the pinned command line itself is allowed
        assertThat(sudoAllows("/bin/sh", script.toString(), "runs", quarantine + "/postfix")).isTrue();
    }

    /** Whether sudo would let the pinned user run this (sudo -l -U, as root, asks without running it). */
    private static boolean sudoAllows(String... command) {
        List<String> argv = new ArrayList<>(List.of("sudo", "-n", "-l", "-U", user));
        argv.addAll(List.of(command));
        return Proc.run(argv.toArray(String[]::new)).exit() == 0;
    }
}
