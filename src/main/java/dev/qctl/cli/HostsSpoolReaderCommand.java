package dev.qctl.cli;

import dev.qctl.mta.exim.EximAdapter;
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
final class HostsSpoolReaderCommand extends PrintScriptCommand {
    HostsSpoolReaderCommand(CliContext context) {
        super(context);
    }

    @Override
    String script() {
        return EximAdapter.spoolReaderScript();
    }
}
