package dev.qctl.exec.ssh;

/** Lets end-to-end tests in other packages skip (or fail) unless the sandbox sshd is there. */
public final class SshSandboxAccess {
    private SshSandboxAccess() {
    }

    public static void require() {
        SshSandbox.require();
    }
}
