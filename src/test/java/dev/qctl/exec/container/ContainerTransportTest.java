package dev.qctl.exec.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.CannedProcess;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.SudoTransport;
import dev.qctl.exec.Transport;
import dev.qctl.exec.container.ContainerException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The argv each runtime gets, and how the runtime's own failures are told apart from the MTA's.
 * Docker's messages below were recorded from docker 20.10 (daemon) with the 28.2 and 20.10 clients
 * of the sandbox; podman's and kubectl's are their documented and source-code wordings (podman
 * could not start a container on the build machines, and no cluster is reachable there).
 */
class ContainerTransportTest {
    private final Host host = new Host();

    private ContainerTransport transport(String ref) {
        return new ContainerTransport(host, ContainerRef.parse(ref), ref);
    }

    @Test
    void dockerAndPodmanRunTheArgvThroughExecWithStdinAndNoShell() {
        List<String> hostile = List.of("/usr/sbin/postcat", "-q", "'; rm -rf / '", "$(id)", "a b", "");
        transport("docker:postfix-mailcow").start(new Command(hostile)).close();
        transport("podman:mailserver").start(Command.of("/usr/sbin/postqueue", "-j")).close();
        List<String> docker = new ArrayList<>(List.of("docker", "exec", "-i", "postfix-mailcow"));
        docker.addAll(hostile);
        assertThat(host.started).containsExactly(docker,
                List.of("podman", "exec", "-i", "mailserver", "/usr/sbin/postqueue", "-j"));
    }

    @Test
    void kubectlGetsNamespacePodContainerAndADoubleDash() {
        transport("kubectl:mail/postfix-0:postfix").start(Command.of("postqueue", "-j")).close();
        transport("kubectl:relay-7f9c").start(Command.of("postqueue", "-j")).close();
        assertThat(host.started).containsExactly(
                List.of("kubectl", "exec", "-i", "-n", "mail", "postfix-0", "-c", "postfix", "--", "postqueue", "-j"),
                List.of("kubectl", "exec", "-i", "relay-7f9c", "--", "postqueue", "-j"));
    }

    @Test
    void stdinReachesTheCommandForPostsuperDash() {
        CommandResult r = transport("docker:mx").run(Command.of("/usr/sbin/postsuper", "-d", "-"), "ABC123\n".getBytes(UTF_8));
        assertThat(r.ok()).isTrue();
        assertThat(host.stdin.toString(UTF_8)).isEqualTo("ABC123\n");
        assertThat(host.started.get(0)).containsExactly("docker", "exec", "-i", "mx", "/usr/sbin/postsuper", "-d", "-");
    }

    @Test
    void sudoGoesOutsideTheRuntime() {
        new ContainerTransport(new SudoTransport(host), ContainerRef.parse("docker:mx"), "mx")
                .start(Command.of("postqueue", "-j")).close();
        assertThat(host.started).containsExactly(List.of("sudo", "-n", "--", "docker", "exec", "-i", "mx", "postqueue", "-j"));
    }

    @Test
    void isExecutableAsksInsideTheContainer() {
        host.answer(0, "");
        assertThat(transport("docker:mx").isExecutable("/usr/sbin/postconf")).isTrue();
        host.answer(1, "");
        ContainerTransport mx = transport("docker:mx");
        assertThat(mx.isExecutable("/usr/sbin/exim4")).isFalse();
        assertThat(mx.isExecutable("/usr/sbin/exim4")).as("asked once per run").isFalse();
        assertThat(host.started).containsExactly(
                List.of("docker", "exec", "-i", "mx", "test", "-f", "/usr/sbin/postconf", "-a", "-x", "/usr/sbin/postconf"),
                List.of("docker", "exec", "-i", "mx", "test", "-f", "/usr/sbin/exim4", "-a", "-x", "/usr/sbin/exim4"));
    }

    @Test
    void theMtasOwnFailureKeepsItsExitStatusAndWords() {
        host.answer(1, "postcat: fatal: open queue file ABC123: No such file or directory\n");
        CommandResult r = transport("docker:mx").run(Command.of("postcat", "-q", "ABC123"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("postcat: fatal");
        host.answer(1, "postsuper: fatal: use of this command is reserved for the superuser\n");
        assertThat(transport("docker:mx").run(Command.of("postsuper", "-d", "-")).exitCode()).isEqualTo(1);
    }

    @Test
    void dockerStoppedPausedMissingDaemonAndSocket() {
        assertFailure("docker:qctl-stopped", 1, "Error response from daemon: Container df2efcd86232 is not running",
                Reason.NOT_RUNNING, "container qctl-stopped on this machine is not running: start it with 'docker start qctl-stopped'");
        assertFailure("docker:mx", 1, "Error response from daemon: Container mx is paused, unpause the container before exec",
                Reason.NOT_RUNNING, "is not running");
        assertFailure("docker:nosuch", 1, "Error response from daemon: No such container: nosuch",
                Reason.NO_SUCH_CONTAINER, "no container nosuch on this machine (Error response from daemon: No such container: nosuch)");
        assertFailure("docker:mx", 1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
                Reason.DAEMON_UNREACHABLE, "docker on this machine cannot reach its daemon");
        assertFailure("docker:mx", 1, "permission denied while trying to connect to the Docker daemon socket at "
                        + "unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.50/containers/mx/json\": "
                        + "dial unix /var/run/docker.sock: connect: permission denied",
                Reason.PERMISSION, "docker on this machine: permission denied");
        assertFailure("docker:mx", 126, "OCI runtime exec failed: exec failed: unable to start container process: "
                        + "exec: \"postqueue\": executable file not found in $PATH: unknown",
                Reason.COMMAND_MISSING, "missing in container mx");
    }

    @Test
    void permissionIsExitFiveTheOthersFour() {
        host.answer(1, "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock");
        assertThatThrownBy(() -> transport("docker:mx").run(Command.of("postqueue", "-j")))
                .isInstanceOfSatisfying(ContainerException.class, e -> assertThat(e.permissionDenied()).isTrue());
        host.answer(1, "Error response from daemon: No such container: mx");
        assertThatThrownBy(() -> transport("docker:mx").run(Command.of("postqueue", "-j")))
                .isInstanceOfSatisfying(ContainerException.class, e -> assertThat(e.permissionDenied()).isFalse());
    }

    @Test
    void runtimeMissingLocallyOrOverSsh() {
        host.failToStart = true;
        assertThatThrownBy(() -> transport("podman:mx").start(Command.of("postqueue", "-j")))
                .isInstanceOfSatisfying(ContainerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_INSTALLED))
                .hasMessage("podman is not installed on this machine (no 'podman' on the PATH)");
        host.failToStart = false;
        host.remote = true;
        assertFailure("docker:mx", 127, "bash: line 1: docker: command not found", Reason.NOT_INSTALLED,
                "docker is not installed on mx1 (no 'docker' on the PATH)");
        assertFailure("docker:mx", 127, "sh: 1: docker: not found", Reason.NOT_INSTALLED, "not installed on mx1");
        assertFailure("docker:mx", 1, "sudo: docker: command not found", Reason.NOT_INSTALLED, "not installed on mx1");
        assertFailure("docker:mx", 1, "sudo: a password is required", Reason.PERMISSION,
                "sudo for docker on mx1 refused (sudo: a password is required)");
    }

    @Test
    void throughSudoTheHostIsStillNamed() {
        host.remote = true;
        host.answer(1, "Error response from daemon: Container abc is not running\n");
        assertThatThrownBy(() -> new ContainerTransport(new SudoTransport(host), ContainerRef.parse("docker:mx"), "mx1")
                .run(Command.of("postqueue", "-j"))).hasMessage("container mx on mx1 is not running: start it with 'docker start mx'");
    }

    @Test
    void sshFailuresPassUnchanged() {
        host.remote = true;
        host.failToStart = true;
        assertThatThrownBy(() -> transport("docker:mx").start(Command.of("postqueue", "-j")))
                .isExactlyInstanceOf(ExecException.class);
    }

    @Test
    void podmanFailures() {
        assertFailure("podman:mx", 125, "Error: no container with name or ID \"mx\" found: no such container",
                Reason.NO_SUCH_CONTAINER, "no container mx");
        assertFailure("podman:mx", 125, "Error: can only create exec sessions on running containers: container state improper",
                Reason.NOT_RUNNING, "container mx on this machine is not running: start it with 'podman start mx'");
        assertFailure("podman:mx", 125, "Cannot connect to Podman. Please verify your connection to the Linux system "
                + "using `podman system connection list`, or try `podman machine init` and `podman machine start` "
                + "to manage a new Linux VM", Reason.DAEMON_UNREACHABLE, "podman on this machine cannot reach its daemon");
    }

    @Test
    void kubectlFailures() {
        assertFailure("kubectl:mail/postfix-0", 1, "Error from server (NotFound): pods \"postfix-0\" not found",
                Reason.NO_SUCH_CONTAINER, "no pod mail/postfix-0 on this machine");
        assertFailure("kubectl:mail/postfix-0:mta", 1, "error: unable to upgrade connection: container not found (\"mta\")",
                Reason.NO_SUCH_CONTAINER, "no pod mail/postfix-0 (container mta)");
        assertFailure("kubectl:postfix-0", 1, "error: cannot exec into a container in a completed pod; current phase is Succeeded",
                Reason.NOT_RUNNING, "pod postfix-0 on this machine is not running");
        assertFailure("kubectl:postfix-0", 1, "The connection to the server localhost:8080 was refused - did you specify "
                + "the right host or port?", Reason.DAEMON_UNREACHABLE, "kubectl on this machine cannot reach its cluster");
        assertFailure("kubectl:postfix-0", 1, "Error from server (Forbidden): pods \"postfix-0\" is forbidden: User \"ci\" "
                + "cannot create resource \"pods/exec\" in API group \"\" in the namespace \"default\"",
                Reason.PERMISSION, "RBAC pods/exec");
    }

    @Test
    void kubectlsTrailerIsDroppedSoTheMtasWordsAreLast() {
        host.answer(1, "postcat: fatal: open queue file ABC: No such file or directory\ncommand terminated with exit code 1\n");
        CommandResult r = transport("kubectl:postfix-0").run(Command.of("postcat", "-q", "ABC"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("postcat: fatal: open queue file ABC: No such file or directory\n");
    }

    @Test
    void theMtasErrorLinesAreNeverTakenForTheRuntimes() {
        // An MTA may well say "not running" or "No such file"; only the runtime's own line format counts.
        host.answer(1, "postqueue: fatal: Queue report unavailable - mail system is down\n"
                + "exim: message ABC is not running\npostcat: fatal: open queue file X: No such file or directory\n");
        assertThat(transport("docker:mx").run(Command.of("postqueue", "-j")).exitCode()).isEqualTo(1);
    }

    private void assertFailure(String ref, int exit, String stderr, Reason reason, String message) {
        host.answer(exit, stderr + "\n");
        assertThatThrownBy(() -> transport(ref).run(Command.of("postqueue", "-j")))
                .isInstanceOfSatisfying(ContainerException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    /** The machine the runtime runs on: records argv and stdin, answers with a canned result. */
    private static final class Host implements Transport {
        final List<List<String>> started = new ArrayList<>();
        final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        int exit;
        String stderr = "";
        boolean failToStart;
        boolean remote;

        void answer(int exit, String stderr) {
            this.exit = exit;
            this.stderr = stderr;
        }

        @Override
        public String target() {
            return remote ? "mx1" : "local";
        }

        @Override
        public boolean remote() {
            return remote;
        }

        @Override
        public RunningCommand start(Command command) {
            if (failToStart) {
                throw new ExecException("cannot run " + command.program() + ": error=2, No such file or directory");
            }
            started.add(command.argv());
            CannedProcess canned = new CannedProcess(exit, new byte[0], stderr, () -> { });
            return new RunningCommand() {
                @Override
                public InputStream stdout() {
                    return new ByteArrayInputStream(new byte[0]);
                }

                @Override
                public OutputStream stdin() {
                    return stdin;
                }

                @Override
                public int waitFor() {
                    return canned.waitFor();
                }

                @Override
                public void onStderrLine(java.util.function.Consumer<String> lines) {
                    canned.onStderrLine(lines);
                }

                @Override
                public String stderr() {
                    return canned.stderr();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean isExecutable(String path) {
            throw new AssertionError("the host's files are not the container's");
        }
    }
}
