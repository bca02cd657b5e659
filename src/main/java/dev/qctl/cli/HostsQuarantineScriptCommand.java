package dev.qctl.cli;

import dev.qctl.mta.QuarantineScript;
import picocli.CommandLine.Command;

/**
 * {@code qctl hosts quarantine-script}: prints the quarantine's script, to install root-owned on a
 * host (e.g. /usr/local/libexec/qctl-quarantine) and name as {@code quarantine_script} in the config,
 * so that its sudoers rule pins each verb ({@code /bin/sh FILE store-postfix DIR …}) instead of
 * allowing any shell command.
 */
@Command(name = "quarantine-script", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Print the script of delete --quarantine, restore and quarantine list|purge, to install on a host "
                + "(owned by root, mode 0755) and name as quarantine_script in the config: its sudoers rule then pins "
                + "'/bin/sh FILE VERB DIR ...' with every argument instead of allowing /bin/sh, which is root.")
final class HostsQuarantineScriptCommand extends PrintScriptCommand {
    HostsQuarantineScriptCommand(CliContext context) {
        super(context);
    }

    @Override
    String script() {
        return QuarantineScript.script();
    }
}
