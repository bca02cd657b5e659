package dev.qctl.cli;

import dev.qctl.config.ActionDefaults;
import dev.qctl.mta.QuarantineSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the targets keep quarantined messages and for how long: shared by delete, restore and quarantine. */
public final class QuarantineOptions {
    @Option(names = "--quarantine-dir", paramLabel = "DIR",
            description = "The quarantine directory on each target (default: " + QuarantineSettings.DEFAULT_DIRECTORY
                    + "; created owned by the user qctl runs as there, mode 0700; or $QCTL_QUARANTINE_DIR, "
                    + "or actions.quarantine_dir in the config).")
    String directory;

    @Option(names = "--quarantine-retention", paramLabel = "AGE", converter = Converters.Age.class,
            description = "Purge quarantine runs older than this whenever qctl uses the quarantine (default: 7d).")
    Duration retention;

    @Option(names = "--quarantine-max-size", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "The quarantine's size cap on each target: the oldest runs are purged to stay under it "
                    + "(default: 2G; 0 for none).")
    Long maxSize;

    @Option(names = "--quarantine-min-free", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "Refuse to delete (exit 8) when quarantining would leave less free space than this on "
                    + "the target (default: 512M).")
    Long minFree;

    /** The command line first, then $QCTL_QUARANTINE_DIR (the directory), the config's actions: section, the built-in defaults. */
    QuarantineSettings settings(CliContext context, ActionDefaults configured) {
        QuarantineSettings d = QuarantineSettings.defaults();
        String env = context.env().get("QCTL_QUARANTINE_DIR");
        String dir = directory != null ? directory : env != null && !env.isEmpty() ? env
                : configured.quarantineDir() != null ? configured.quarantineDir() : d.directory();
        return new QuarantineSettings(dir, first(retention, configured.quarantineRetention(), d.retention()),
                first(maxSize, configured.quarantineMaxSize(), d.maxBytes()),
                first(minFree, configured.quarantineMinFree(), d.minFreeBytes()));
    }

    private static <T> T first(T given, T configured, T builtIn) {
        return given != null ? given : configured != null ? configured : builtIn;
    }
}
