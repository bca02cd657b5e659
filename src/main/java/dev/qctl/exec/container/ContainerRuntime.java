package dev.qctl.exec.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A container runtime qctl can run the MTA's commands through, with its name grammar and exec argv. */
public enum ContainerRuntime {
    DOCKER("docker"),
    PODMAN("podman"),
    KUBECTL("kubectl");

    /** Docker's and Podman's own check for container names (IDs and their prefixes fit it too). */
    static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    /** A pod name is a DNS subdomain (RFC 1123), at most 253 characters. */
    static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Namespaces and a pod's container names are DNS labels (RFC 1123), at most 63 characters. */
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final String program;

    ContainerRuntime(String program) {
        this.program = program;
    }

    /** The runtime's command, as typed on the host ("docker"). */
    public String program() {
        return program;
    }

    static ContainerRuntime of(String word) {
        for (ContainerRuntime r : values()) {
            if (r.program.equals(word.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return null;
    }

    /**
     * The argv that runs {@code argv} inside the container: {@code docker exec -i NAME argv...};
     * {@code -i} passes our stdin through (postsuper -), no {@code -t}: output stays byte-exact.
     */
    List<String> exec(ContainerRef ref, List<String> argv) {
        List<String> out = new ArrayList<>();
        out.add(program);
        out.add("exec");
        out.add("-i");
        if (this == KUBECTL) {
            if (ref.namespace() != null) {
                out.add("-n");
                out.add(ref.namespace());
            }
            out.add(ref.name());
            if (ref.container() != null) {
                out.add("-c");
                out.add(ref.container());
            }
            out.add("--");
        } else {
            out.add(ref.name());
        }
        out.addAll(argv);
        return out;
    }
}
