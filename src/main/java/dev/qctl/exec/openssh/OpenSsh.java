package dev.qctl.exec.openssh;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the system's OpenSSH client is. */
public final class OpenSsh {
    /** Run from the PATH, as a user typing ssh would. */
    public static final String PROGRAM = "ssh";

    private OpenSsh() {
    }

    /** Whether an executable {@code ssh} is on this PATH. */
    public static boolean installed(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, PROGRAM);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
