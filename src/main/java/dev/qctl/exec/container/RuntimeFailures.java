package dev.qctl.exec.container;

import dev.qctl.exec.container.ContainerException.Reason;
import dev.qctl.model.Sanitizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells the runtime's own failures (no such container, daemon down, the socket's permission) apart
 * from the MTA command's, from the exit status and stderr of {@code docker exec} and its kin. Only
 * lines in the runtime's (or the shell's, or sudo's) own format count, so an MTA's message is never
 * taken for one: docker's "Error response from daemon: ...", podman's "Error: ...", kubectl's
 * "Error from server (...)", "error: ...", "Unable to connect to the server: ...".
 */
final class RuntimeFailures {
    private static final List<String> RUNTIME_PREFIXES = List.of("error response from daemon:", "error:",
            "error from server", "unable to connect to the server", "the connection to the server",
            "cannot connect to the docker daemon", "cannot connect to podman", "got permission denied",
            "permission denied while trying", "error during connect", "oci runtime exec failed", "sudo:");

    private RuntimeFailures() {
    }

    /**
     * @param host   where the runtime runs ("local", or the SSH host's name)
     * @return the runtime's failure, or null when the command itself ran and failed
     */
    static ContainerException classify(ContainerRef ref, String host, int exit, String stderr) {
        if (exit == 0 || stderr == null) {
            return null;
        }
        String program = ref.runtime().program();
        Pattern missing = Pattern.compile("(^|[\\s:])" + program + ": (command )?not found");
        for (String raw : stderr.split("\n")) {
            String line = raw.strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if ((exit == 127 || lower.startsWith("sudo:")) && missing.matcher(lower).find()) {
                return new ContainerException(Reason.NOT_INSTALLED, program + " is not installed on " + host
                        + " (no '" + program + "' on the PATH)");
            }
            if (RUNTIME_PREFIXES.stream().noneMatch(lower::startsWith)) {
                continue;
            }
            ContainerException e = classifyLine(ref, host, line, lower);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private static ContainerException classifyLine(ContainerRef ref, String host, String line, String lower) {
        String program = ref.runtime().program();
        String said = Sanitizer.inline(line);
        String where = ref.noun() + " on " + host;
        if (lower.startsWith("sudo:")) {
            if (lower.contains("password is required") || lower.contains("terminal is required")
                    || lower.contains("not allowed to execute") || lower.contains("not in the sudoers")) {
                return new ContainerException(Reason.PERMISSION, "sudo for " + program + " on " + host
                        + " refused (" + said + ")");
            }
            return null;
        }
        if (lower.contains("permission denied while trying to connect") || lower.contains("(forbidden)")) {
            return new ContainerException(Reason.PERMISSION, program + " on " + host + ": permission denied (" + said
                    + "): run qctl as root, or give the user access to the " + program
                    + (ref.runtime() == ContainerRuntime.KUBECTL ? " exec API (RBAC pods/exec)"
                    : " socket, or use sudo: true with a sudoers rule for '" + program + " exec -i " + ref.name() + " *'"));
        }
        if (lower.contains("cannot connect to the docker daemon") || lower.contains("is the docker daemon running")
                || lower.contains("error during connect") || lower.contains("cannot connect to podman")
                || lower.startsWith("unable to connect to the server") || lower.startsWith("the connection to the server")) {
            return new ContainerException(Reason.DAEMON_UNREACHABLE, program + " on " + host
                    + " cannot reach its " + (ref.runtime() == ContainerRuntime.KUBECTL ? "cluster" : "daemon")
                    + " (" + said + ")");
        }
        if (lower.contains("no such container") || lower.contains("no container with name or id")
                || (lower.startsWith("error from server (notfound)")) || lower.contains("container not found")
                || lower.contains("is not valid for pod")) {
            return new ContainerException(Reason.NO_SUCH_CONTAINER, "no " + where + " (" + said + ")");
        }
        if (lower.contains("is not running") || lower.contains("is paused") || lower.contains("is restarting")
                || lower.contains("container state improper") || lower.contains("completed pod")) {
            return new ContainerException(Reason.NOT_RUNNING, where + " is not running"
                    + (ref.runtime() == ContainerRuntime.KUBECTL ? " (" + said + ")"
                    : ": start it with '" + program + " start " + ref.name() + "'"));
        }
        if (lower.contains("executable file not found") || lower.contains("no such file or directory")) {
            return new ContainerException(Reason.COMMAND_MISSING, "a command qctl needs is missing in " + where
                    + " (" + said + "): is the MTA in another container?");
        }
        return null;
    }

    /** kubectl adds "command terminated with exit code N" to the command's stderr: the MTA's words come first. */
    static String withoutRuntimeNoise(String stderr) {
        if (stderr == null || !stderr.contains("command terminated with exit code")) {
            return stderr;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : stderr.split("\n", -1)) {
            if (!line.strip().matches("command terminated with exit code \\d+")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString().stripTrailing() + (stderr.endsWith("\n") ? "\n" : "");
    }
}
