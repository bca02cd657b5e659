package dev.qctl.exec.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a host key was refused, with what a user needs to decide: the key type and its SHA256
 * fingerprint as OpenSSH shows them, and the command that records the key once checked (never for
 * a revoked key).
 *
 * @param certificate     the server offered a host certificate (the fingerprint is of its key)
 * @param authorityListed a {@code @cert-authority} entry names this host
 */
public record HostKeyProblem(Kind kind, String target, String knownHostsName, String keyType, String fingerprint,
                             List<Path> files, boolean certificate, boolean authorityListed) {
    public enum Kind { UNKNOWN, CHANGED, REVOKED }

    /** The one line that names the way out when only OpenSSH can check this host's certificate. */
    public static final String USE_OPENSSH = "the built-in SSH library verifies ed25519 and ECDSA host certificates "
            + "only (RSA ones just with SHA-1, which OpenSSH 8.8+ no longer offers): use the OpenSSH transport "
            + "('ssh: openssh' in the config, or --ssh openssh)";

    public HostKeyProblem {
        files = List.copyOf(files);
    }

    public String message() {
        String offered = (certificate ? "a host certificate for the " : "") + keyType + " key " + fingerprint;
        return switch (kind) {
            case REVOKED -> "host key of " + target + " (" + knownHostsName + ") is REVOKED: the server offers " + offered
                    + ", which " + fileList() + " marks @revoked (or whose certificate authority it marks @revoked); "
                    + "refusing to connect";
            case CHANGED -> "HOST KEY CHANGED for " + target + " (" + knownHostsName + "): the server offers " + offered
                    + ", which does not match " + fileList() + " (a reinstalled server, or an attack); check it and run "
                    + "'qctl hosts trust --replace " + target + "' to replace the old entry";
            case UNKNOWN -> authorityListed
                    ? "host key of " + target + " (" + knownHostsName + ") is not trusted: " + fileList() + " lists a "
                    + "@cert-authority for it, but the server offers " + offered
                    + (certificate ? " signed by another authority" : ", not a certificate") + "; " + USE_OPENSSH
                    + " if the host has only RSA certificates"
                    : "host key of " + target + " (" + knownHostsName + ") is not known: the server offers "
                    + offered + "; check it and run 'qctl hosts trust " + target + "' to record it";
        };
    }

    private String fileList() {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
