package dev.qctl.exec.ssh;

import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.userauth.method.AuthMethod;

/** Authentication with the keys of a running ssh-agent. */
final class AgentAuth {
    private AgentAuth() {
    }

    static void methods(Path socket, List<AuthMethod> methods, List<String> tried) {
        // filled in below
    }
}
