package dev.qctl.e2e;

import java.nio.file.Path;
import java.util.Map;

/**
 * Config entries for hosts reached over the sandbox's real sshd, and the environment that makes
 * qctl use only them: its own home (never the tester's ~/.ssh or ~/.config), no SSH agent.
 */
final class SandboxFleet {
    private SandboxFleet() {
    }

    /**
     * A host entry of config.yaml (through sudo, as the sandbox's sshd user needs), reached with the
     * built-in SSH client these tests were written for (OpenSshIT covers the system's ssh).
     */
    static String host(String name, int port, String key, String knownHosts) {
        return host(name, Sandbox.get("QCTL_SANDBOX_SSH_USER"), port, key, knownHosts);
    }

    /** The same for another login of the sandbox's sshd (QCTL_SANDBOX_SSH_PINNED_USER: no sudo rights of its own). */
    static String host(String name, String user, int port, String key, String knownHosts) {
        return "  " + name + ":\n    address: 127.0.0.1\n    port: " + port + "\n    user: " + user
                + "\n    identity_file: " + key + "\n    known_hosts: " + knownHosts + "\n    sudo: true\n    ssh: builtin\n";
    }

    /** The two MTAs of the sandbox as hosts {@code pf} (Postfix) and {@code ex} (Exim), both over SSH. */
    static String postfixAndExim() {
        return host("pf", sshPort(), key(), knownHosts()) + "    mta: postfix\n"
                + host("ex", sshPort(), key(), knownHosts()) + "    mta: exim\n"
                + "    exim_bin: " + EximQueue.bin() + "\n"
                + "    exim_config: " + EximQueue.config() + "\n";
    }

    static int sshPort() {
        return Integer.parseInt(Sandbox.get("QCTL_SANDBOX_SSH_PORT"));
    }

    static String key() {
        return Sandbox.get("QCTL_SANDBOX_SSH_KEY");
    }

    static String knownHosts() {
        return Sandbox.get("QCTL_SANDBOX_SSH_KNOWN_HOSTS");
    }

    /** qctl's environment: this config and home, no agent, the audit log in the home. */
    static Map<String, String> env(Path home, Path config) {
        return Map.of("SSH_AUTH_SOCK", "", "QCTL_CONFIG", config.toString(), "JAVA_OPTS", "-Duser.home=" + home,
                "QCTL_AUDIT_LOG", home.resolve("audit.log").toString());
    }
}
