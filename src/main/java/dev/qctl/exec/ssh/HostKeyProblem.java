package dev.qctl.exec.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a host key was refused, with what a user needs to decide: the key type and its SHA256
 * fingerprint as OpenSSH shows them, and the command that records the key once checked.
 */
public record HostKeyProblem(Kind kind, String target, String knownHostsName, String keyType, String fingerprint,
                             List<Path> files) {
    public enum Kind { UNKNOWN, CHANGED }

    public HostKeyProblem {
        files = List.copyOf(files);
    }

    public String message() {
        String offered = keyType + " key " + fingerprint;
        if (kind == Kind.UNKNOWN) {
            return "host key of " + target + " (" + knownHostsName + ") is not known: the server offers "
                    + offered + "; check it and run 'qctl hosts trust " + target + "' to record it";
        }
        return "HOST KEY CHANGED for " + target + " (" + knownHostsName + "): the server offers " + offered
                + ", which does not match " + fileList() + " (a reinstalled server, or an attack); check it, remove "
                + "the old entry and run 'qctl hosts trust " + target + "'";
    }

    private String fileList() {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
