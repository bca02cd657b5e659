package dev.qctl.config;

import java.time.Duration;

/**
 * The config file's {@code actions:} section: whether {@code delete} quarantines by default, and
 * where and for how long the targets keep what it quarantines. Every value may be absent (null):
 * the command line and then the built-in defaults decide.
 *
 * @param quarantine          {@code delete} quarantines unless told {@code --no-quarantine}
 * @param quarantineDir       the quarantine directory on each target
 * @param quarantineRetention how long a run is kept
 * @param quarantineMaxSize   the size cap on each target, in bytes (0: none)
 * @param quarantineMinFree   the free space a quarantine must leave on the target, in bytes
 */
public record ActionDefaults(Boolean quarantine, String quarantineDir, Duration quarantineRetention,
                             Long quarantineMaxSize, Long quarantineMinFree) {
    public static final ActionDefaults NONE = new ActionDefaults(null, null, null, null, null);
}
