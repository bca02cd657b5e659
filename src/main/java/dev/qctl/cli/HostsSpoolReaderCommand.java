package dev.qctl.cli;

import dev.qctl.mta.exim.EximAdapter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code qctl hosts spool-reader}: prints Exim's spool reader script, to install root-owned on a
 * host (e.g. /usr/local/libexec/qctl-exim-spool) and name as {@code exim_spool_reader} in the config,
 * so that its sudoers rule pins {@code /bin/sh FILE SPOOL} instead of allowing any shell command.
 */
@Command(name = "spool-reader", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Print the script qctl reads Exim's spool with, to install on a host (owned by root, mode 0755) "
                + "and name as exim_spool_reader in the config: its sudoers rule then pins '/bin/sh FILE SPOOL' "
                + "instead of allowing /bin/sh, which is root.")
final class HostsSpoolReaderCommand implements Callable<Integer> {
    private final CliContext context;

    HostsSpoolReaderCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out().print(EximAdapter.spoolReaderScript());
        context.out().flush();
        return 0;
    }
}
