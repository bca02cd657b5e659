package dev.qctl.mta;

import java.time.Instant;

/**
 * One file of a mail log on the target: the current file or a rotated one.
 *
 * @param modified when it was last written (no line in it is later)
 * @param readable whether qctl's user (root under sudo) may read it
 */
public record LogFile(String path, Instant modified, boolean readable) {
    public boolean compressed() {
        return path.endsWith(".gz");
    }
}
