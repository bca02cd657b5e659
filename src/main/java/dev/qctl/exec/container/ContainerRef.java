package dev.qctl.exec.container;

import java.util.List;

/**
 * Which container the MTA runs in: {@code docker:NAME}, {@code podman:NAME} or
 * {@code kubectl:[NAMESPACE/]POD[:CONTAINER]}. Every name is checked against its runtime's grammar
 * before anything runs, so none can be taken for an option.
 *
 * @param namespace the Kubernetes namespace, or null for the context's default (kubectl only)
 * @param name      the container (docker, podman) or the pod (kubectl)
 * @param container the container in the pod, or null for its default one (kubectl only)
 */
public record ContainerRef(ContainerRuntime runtime, String namespace, String name, String container) {
    public ContainerRef {
        if (runtime != ContainerRuntime.KUBECTL && (namespace != null || container != null)) {
            throw new IllegalArgumentException("only kubectl targets have a namespace and a container");
        }
        check(runtime, namespace, name, container);
    }

    /** Whether a -H word or config value names a container target (it starts with a runtime's name and ':'). */
    public static boolean looksLike(String word) {
        int colon = word.indexOf(':');
        return colon > 0 && ContainerRuntime.of(word.substring(0, colon)) != null;
    }

    /** Parses {@code RUNTIME:...}; an IllegalArgumentException says what is wrong in one line. */
    public static ContainerRef parse(String word) {
        int colon = word.indexOf(':');
        ContainerRuntime runtime = colon > 0 ? ContainerRuntime.of(word.substring(0, colon)) : null;
        if (runtime == null) {
            throw bad(word, "expected docker:NAME, podman:NAME or kubectl:[NAMESPACE/]POD[:CONTAINER]");
        }
        String rest = word.substring(colon + 1);
        if (runtime != ContainerRuntime.KUBECTL) {
            return build(word, runtime, null, rest, null);
        }
        String namespace = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        String container = null;
        int c = rest.indexOf(':');
        if (c >= 0) {
            container = rest.substring(c + 1);
            rest = rest.substring(0, c);
        }
        return build(word, runtime, namespace, rest, container);
    }

    private static ContainerRef build(String word, ContainerRuntime runtime, String namespace, String name,
                                      String container) {
        try {
            return new ContainerRef(runtime, namespace, name, container);
        } catch (IllegalArgumentException e) {
            throw bad(word, e.getMessage());
        }
    }

    private static void check(ContainerRuntime runtime, String namespace, String name, String container) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(runtime == ContainerRuntime.KUBECTL ? "no pod name" : "no container name");
        }
        if (runtime != ContainerRuntime.KUBECTL) {
            if (!ContainerRuntime.CONTAINER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid container name (letters, digits, "
                        + "and _ . - after the first character)");
            }
            return;
        }
        if (name.length() > 253 || !ContainerRuntime.POD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid pod name (lower-case letters, digits, "
                    + "'-' and '.', starting and ending with a letter or digit)");
        }
        label("namespace", namespace);
        label("container name", container);
    }

    private static void label(String what, String value) {
        if (value != null && (value.length() > 63 || !ContainerRuntime.DNS_LABEL.matcher(value).matches())) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + what + " (at most 63 lower-case "
                    + "letters, digits and '-', starting and ending with a letter or digit)");
        }
    }

    private static IllegalArgumentException bad(String word, String why) {
        return new IllegalArgumentException("invalid container target '" + word + "': " + why);
    }

    /** The argv that runs {@code argv} in this container, as the host runs it. */
    public List<String> exec(List<String> argv) {
        return runtime.exec(this, argv);
    }

    /** The container as the user wrote it: {@code docker:NAME}, {@code kubectl:NS/POD:C}. */
    public String display() {
        StringBuilder sb = new StringBuilder(runtime.program()).append(':');
        if (namespace != null) {
            sb.append(namespace).append('/');
        }
        sb.append(name);
        if (container != null) {
            sb.append(':').append(container);
        }
        return sb.toString();
    }

    /** What a person calls it in a sentence: "container qctl-postfix", "pod mail/postfix-0". */
    String noun() {
        if (runtime != ContainerRuntime.KUBECTL) {
            return "container " + name;
        }
        return "pod " + (namespace == null ? "" : namespace + "/") + name + (container == null ? "" : " (container "
                + container + ")");
    }

    @Override
    public String toString() {
        return display();
    }
}
