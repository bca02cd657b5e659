package dev.qctl.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshTransport against the sandbox's real OpenSSH server on loopback. */
class SshTransportIT {
    @TempDir
    Path sshDir;

    @BeforeEach
    void sandbox() {
        SshSandbox.require();
    }

    @Test
    void runsACommandAndReportsItsExitStatusAndStderr() {
        try (SshTransport ssh = new SshTransport(SshSandbox.endpoint(), SshSandbox.settings(sshDir))) {
            CommandResult ok = ssh.run(Command.of("id", "-un"));
            assertThat(ok.exitCode()).isZero();
            assertThat(ok.stdout()).isEqualTo(SshSandbox.user() + "\n");
            CommandResult failing = ssh.run(Command.of("ls", "/nonexistent-qctl"));
            assertThat(failing.exitCode()).isEqualTo(2);
            assertThat(failing.stderr()).contains("nonexistent-qctl");
            assertThat(ssh.target()).isEqualTo("sandbox");
        }
    }
}
