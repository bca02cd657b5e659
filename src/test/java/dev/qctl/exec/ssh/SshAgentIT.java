package dev.qctl.exec.ssh;

import dev.qctl.exec.Command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qctl.exec.ssh.AgentClient;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.exec.ssh.SshSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication through a real ssh-agent that the test starts on a private socket. */
class SshAgentIT {
    @TempDir
    Path dir;
    private Process agent;
    private Path socket;

    @BeforeEach
    void startAgent() throws IOException, InterruptedException {
        SshSandbox.require();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-agent")), "no ssh-agent installed");
        socket = dir.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        assertThat(socket).exists();
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (agent != null) {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void add(String keyVar) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("ssh-add", SshSandbox.key(keyVar).toString()).redirectErrorStream(true);
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private void connectWithAgentOnly() {
        Path emptySshDir = dir.resolve("ssh");
        SshEndpoint endpoint = new SshEndpoint("sandbox", SshSandbox.host(), SshSandbox.port(), SshSandbox.user(),
                List.of(), false, List.of(SshSandbox.knownHosts()));
        SshSettings settings = SshSandbox.settings(emptySshDir).withAgentSocket(socket);
        try (SshTransport ssh = new SshTransport(endpoint, settings)) {
            assertThat(ssh.run(Command.of("id", "-un")).stdout()).isEqualTo(SshSandbox.user() + "\n");
        }
    }

    @Test
    void ed25519KeyInTheAgent() throws Exception {
        add("QCTL_SANDBOX_SSH_KEY");
        try (AgentClient client = AgentClient.open(socket)) {
            assertThat(client.identities()).extracting(AgentClient.Identity::type).containsExactly("ssh-ed25519");
        }
        connectWithAgentOnly();
    }

    @Test
    void rsaKeyInTheAgentSignsWithSha2() throws Exception {
        // jsch-agentproxy would ask for ssh-rsa (SHA-1) here, which OpenSSH 9.2 refuses.
        add("QCTL_SANDBOX_SSH_KEY_RSA");
        connectWithAgentOnly();
    }
}
