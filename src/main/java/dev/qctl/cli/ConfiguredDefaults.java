package dev.qctl.cli;

import dev.qctl.config.ConfigException;
import dev.qctl.config.ConfigLoader;
import dev.qctl.config.QctlConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The config file's {@code defaults.output} as the default of {@code -o}. Picocli asks for defaults
 * before it has parsed {@code --config}, so the file is found from the raw arguments (or the usual
 * places) and read only when a command has an {@code -o}. A config that cannot be read gives no
 * default here: the command reads it again and reports the error.
 */
final class ConfiguredDefaults implements IDefaultValueProvider {
    private final CliContext context;
    private final List<String> args;
    private QctlConfig config;
    private boolean loaded;

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
        if (!loaded) {
            loaded = true;
            try {
                config = new ConfigLoader(context.env(), Path.of(System.getProperty("user.home")),
                        ConfigLoader.SYSTEM_CONFIG).load(configOption());
            } catch (ConfigException e) {
                config = null;
            }
        }
        return config;
    }

    /** The value of {@code --config FILE} or {@code --config=FILE} among the arguments, or null. */
    Path configOption() {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--config") && i + 1 < args.size()) {
                return Path.of(args.get(i + 1));
            }
            if (a.startsWith("--config=")) {
                return Path.of(a.substring("--config=".length()));
            }
        }
        return null;
    }
}
