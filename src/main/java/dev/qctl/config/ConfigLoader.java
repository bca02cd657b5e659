package dev.qctl.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads the config: the first of {@code --config FILE}, {@code $QCTL_CONFIG},
 * {@code $XDG_CONFIG_HOME/qctl/config.yaml} (default {@code ~/.config}), {@code /etc/qctl/config.yaml}.
 * A file named explicitly must exist; the standard places are simply skipped when absent.
 */
public final class ConfigLoader {
    public static final Path SYSTEM_CONFIG = Path.of("/etc/qctl/config.yaml");

    private final Map<String, String> env;
    private final Path home;
    private final Path systemConfig;
    private final StrictModes strictModes;

    public ConfigLoader(Map<String, String> env, Path home, Path systemConfig) {
        this(env, home, systemConfig, StrictModes.forThisProcess());
    }

    public ConfigLoader(Map<String, String> env, Path home, Path systemConfig, StrictModes strictModes) {
        this.env = env;
        this.home = home;
        this.systemConfig = systemConfig;
        this.strictModes = strictModes;
    }

    /** For the running process: its environment, user.home and /etc/qctl/config.yaml. */
    public static ConfigLoader forThisUser() {
        return new ConfigLoader(System.getenv(), Path.of(System.getProperty("user.home")), SYSTEM_CONFIG);
    }

    /** The file to read, if any. @param explicit the --config value, or null */
    public Optional<Path> locate(Path explicit) {
        if (explicit != null) {
            return Optional.of(mustExist(explicit, "--config"));
        }
        String fromEnv = env.get("QCTL_CONFIG");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(mustExist(Path.of(fromEnv), "$QCTL_CONFIG"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        Path user = base.resolve("qctl/config.yaml");
        if (Files.isRegularFile(user)) {
            return Optional.of(user);
        }
        return Files.isRegularFile(systemConfig) ? Optional.of(systemConfig) : Optional.empty();
    }

    /** Reads the config found by {@link #locate}, or an empty config when there is none. */
    public QctlConfig load(Path explicit) {
        return load(explicit, null);
    }

    /**
     * The config with an Ansible inventory's hosts and groups added: {@code inventory} (--inventory)
     * or else the config's defaults.inventory.
     */
    public QctlConfig load(Path explicit, Path inventory) {
        Optional<Path> file = locate(explicit);
        if (file.isEmpty()) {
            return inventory == null ? QctlConfig.empty() : ConfigParser.parse("", null, inventory, home);
        }
        strictModes.check(file.get(), "config file");
        QctlConfig config;
        try {
            config = ConfigParser.parse(Files.readString(file.get(), StandardCharsets.UTF_8), file.get(), inventory, home);
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + file.get() + ": " + e.getMessage(), e);
        }
        // an exim_bin that exists here may be run here, as root: it must be as safe as the config
        for (HostConfig host : config.hosts().values()) {
            if (host.eximBin() != null && !host.eximBin().contains("\0") && Files.exists(Path.of(host.eximBin()))) {
                strictModes.check(Path.of(host.eximBin()), "exim_bin of " + host.name());
            }
        }
        return config;
    }

    private static Path mustExist(Path file, String from) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " (from " + from + ") does not exist");
        }
        return file;
    }
}
