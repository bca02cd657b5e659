package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quarantine over SSH on two hosts at once: the sandbox's Postfix and Exim, each reached through
 * the real sshd and sudo (as FleetIT does). One {@code delete --quarantine} keeps both hosts'
 * messages under one run ID, {@code quarantine list} shows them per host, {@code restore --run}
 * puts them all back: Exim's under the same IDs, Postfix's with their senders and recipients.
 */
class QuarantineSshIT {
    private static final int EACH = 20;

    private Path home;
    private Path config;
    private Path quarantine;

    @BeforeEach
    void setUp() throws IOException {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        home = Files.createTempDirectory("qctl-quarantine-ssh-");
        quarantine = home.resolve("quarantine");
        config = Files.writeString(home.resolve("config.yaml"), "hosts:\n" + SandboxFleet.postfixAndExim()
                + "groups:\n  both: [pf, ex]\n");
    }

    @AfterEach
    void tearDown() {
        Proc.run("rm", "-rf", home.toString());
    }

    private Proc.Result qctl(String... args) {
        Map<String, String> env = new HashMap<>(SandboxFleet.env(home, config));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--quarantine-dir", quarantine.toString()));
        return Proc.qctlWith(env, null, all.toArray(String[]::new));
    }

    @Test
    void deleteWithQuarantineAndRestoreByRunOnTwoHostsOverSsh() {
        try (QuarantineRoundTrip trip = QuarantineRoundTrip.submit(this::qctl, quarantine, EACH)) {
            String run = trip.delete();
            assertThat(trip.listKept()).hasSize(2 * EACH);
            trip.restore(run);
        }
    }
}
