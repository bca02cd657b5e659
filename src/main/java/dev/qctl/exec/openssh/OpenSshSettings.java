package dev.qctl.exec.openssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How qctl runs the system's ssh, the same for every host of a run.
 *
 * @param program        the ssh client ("ssh" from the PATH)
 * @param connectTimeout ssh's ConnectTimeout; the whole handshake (a jump host's included) may take twice that
 * @param commandTimeout deadline for one remote command
 * @param controlParent  where qctl's private ControlMaster directory is made (e.g. $XDG_RUNTIME_DIR or /tmp)
 * @param persist        how long an idle master of qctl's outlives its last command (ControlPersist): a
 *                       qctl that is killed leaves no connection behind for longer than this
 */
public record OpenSshSettings(String program, Duration connectTimeout, Duration commandTimeout, Path controlParent,
                              Duration persist) {
    public static final Duration DEFAULT_PERSIST = Duration.ofSeconds(60);

    public OpenSshSettings {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(controlParent, "controlParent");
        Objects.requireNonNull(persist, "persist");
    }
}
