package dev.qctl.exec.ssh;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qctl.e2e.Sandbox;
import dev.qctl.exec.ssh.PassphraseSource;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.exec.ssh.SshSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The sandbox's OpenSSH server on 127.0.0.1:2222 and its client keys (scripts/sandbox env). */
final class SshSandbox {
    static final String PASSPHRASE_VAR = "QCTL_SANDBOX_SSH_KEY_PASSPHRASE";

    private SshSandbox() {
    }

    /** Skips the test (or fails it when QCTL_REQUIRE_SANDBOX=1) unless sshd answers and the keys are readable. */
    static void require() {
        boolean up = Sandbox.env().containsKey("QCTL_SANDBOX_SSH_PORT") && listening()
                && Files.isReadable(Path.of(Sandbox.get("QCTL_SANDBOX_SSH_KEY")));
        String why = "no sandbox sshd on 127.0.0.1 (run scripts/sandbox up)";
        if ("1".equals(System.getenv("QCTL_REQUIRE_SANDBOX"))) {
            if (!up) {
                fail(why + ", and QCTL_REQUIRE_SANDBOX=1");
            }
        } else {
            assumeTrue(up, why);
        }
    }

    private static boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host(), port()), 2000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String host() {
        return Sandbox.get("QCTL_SANDBOX_SSH_HOST");
    }

    static int port() {
        return Integer.parseInt(Sandbox.get("QCTL_SANDBOX_SSH_PORT"));
    }

    static String user() {
        return Sandbox.get("QCTL_SANDBOX_SSH_USER");
    }

    static Path key(String var) {
        return Path.of(Sandbox.get(var));
    }

    static Path knownHosts() {
        return key("QCTL_SANDBOX_SSH_KNOWN_HOSTS");
    }

    static SshEndpoint endpoint(Path identity, Path knownHosts) {
        return new SshEndpoint("sandbox", host(), port(), user(), List.of(identity), true, List.of(knownHosts));
    }

    static SshEndpoint endpoint() {
        return endpoint(key("QCTL_SANDBOX_SSH_KEY"), knownHosts());
    }

    /** Settings that never touch the real ~/.ssh or agent of whoever runs the tests. */
    static SshSettings settings(Path emptySshDir) {
        return new SshSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(5), emptySshDir,
                PassphraseSource.NONE, null);
    }

    static char[] passphrase() {
        return Sandbox.get(PASSPHRASE_VAR).toCharArray();
    }
}
