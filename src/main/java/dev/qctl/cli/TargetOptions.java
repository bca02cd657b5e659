package dev.qctl.cli;

import dev.qctl.exec.LocalTransport;
import dev.qctl.exec.SudoTransport;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.MtaAdapters;
import dev.qctl.mta.MtaSettings;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Which MTA to talk to and how: shared by every command that reads or changes a queue. */
public final class TargetOptions {
    enum MtaChoice { auto, postfix, exim }

    @Option(names = "--mta", paramLabel = "MTA", defaultValue = "auto",
            description = "The MTA on the target: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, detect it).")
    MtaChoice mta = MtaChoice.auto;

    @Option(names = "--sudo", description = "Run the MTA's commands through 'sudo -n'.")
    boolean sudo;

    @Option(names = "--postfix-config", paramLabel = "DIR",
            description = "Postfix configuration directory of the instance to use (passed as -c DIR).")
    String postfixConfig;

    @Option(names = "--exim-bin", paramLabel = "PATH", description = "Path of the exim binary (default: found in /usr/sbin).")
    String eximBinary;

    @Option(names = "--exim-config", paramLabel = "FILE", description = "Alternate Exim configuration file (passed as -C FILE).")
    String eximConfig;

    MtaSettings settings() {
        Mta chosen = mta == MtaChoice.postfix ? Mta.POSTFIX : mta == MtaChoice.exim ? Mta.EXIM : null;
        return new MtaSettings(chosen, postfixConfig, eximBinary, eximConfig);
    }

    Transport transport() {
        Transport local = new LocalTransport();
        return sudo ? new SudoTransport(local) : local;
    }

    MtaAdapter open(Clock clock) {
        return MtaAdapters.open(transport(), settings(), clock);
    }
}
