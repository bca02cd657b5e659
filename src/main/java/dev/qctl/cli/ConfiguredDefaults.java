package dev.qctl.cli;

import dev.qctl.config.QctlConfig;
import java.util.List;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The config file's {@code defaults.output} as the default of {@code -o}. Picocli asks for defaults
 * before it has parsed {@code --config}, so the file is found from the raw arguments (or the usual
 * places), the same run's read as every command's ({@link ConfigReads}). A config that cannot be
 * read gives no default here: the command asks for it too and reports the error.
 */
final class ConfiguredDefaults implements IDefaultValueProvider {
    private final CliContext context;
    private final List<String> args;

    ConfiguredDefaults(CliContext context, List<String> args) {
        this.context = context;
        this.args = List.copyOf(args);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option && option.longestName().equals("--output")) {
            QctlConfig c = config();
            return c == null ? null : c.defaults().output();
        }
        return null;
    }

    private QctlConfig config() {
        try {
            return context.configs().get(ConfigReads.pathOption(args, "--config"),
                    ConfigReads.pathOption(args, "--inventory"));
        } catch (RuntimeException e) {
            return null; // the command asks for the config too, and reports this
        }
    }
}
