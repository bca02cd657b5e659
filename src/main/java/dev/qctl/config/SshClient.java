package dev.qctl.config;

import java.util.Locale;

/** Which SSH client reaches a host: the system's OpenSSH, or the library built into qctl. */
public enum SshClient {
    OPENSSH, BUILTIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code openssh} or {@code builtin}; anything else is an IllegalArgumentException naming both. */
    public static SshClient parse(String text) {
        for (SshClient c : values()) {
            if (c.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("ssh must be openssh or builtin, not '" + text + "'");
    }
}
