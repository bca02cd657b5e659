package dev.qctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SUDO column of hosts check: the queue's mode, and the quarantine's where it differs. */
class HostsCheckSudoCellTest {
    private static HostsCheckCommand.Check check(String sudo, String quarantine) {
        return new HostsCheckCommand.Check("mx1", true, true, "postfix", "3.7.11", true, null, sudo, quarantine, null, false,
                List.of());
    }

    @Test
    void theQuarantinesModeIsNamedOnlyWhereItDiffers() {
        assertThat(HostsCheckCommand.sudoCell(check("pinned", "pinned"))).isEqualTo("pinned");
        assertThat(HostsCheckCommand.sudoCell(check("pinned", "shell (root-equivalent)")))
                .isEqualTo("pinned, quarantine: shell (root-equivalent)");
        assertThat(HostsCheckCommand.sudoCell(check("shell (root-equivalent)", "shell (root-equivalent)")))
                .isEqualTo("shell (root-equivalent)");
        assertThat(HostsCheckCommand.sudoCell(check("none", ""))).isEqualTo("none");
        assertThat(HostsCheckCommand.sudoCell(check("", ""))).isEqualTo("-");
    }
}
