package dev.qctl.mta;

import java.time.Duration;

/**
 * Where and how long a target keeps what {@code delete --quarantine} removed.
 *
 * @param directory    absolute path on the target; created root-owned 0700 (as whoever qctl runs as there)
 * @param retention    runs older than this are purged whenever qctl uses the quarantine
 * @param maxBytes     the quarantine's size cap: the oldest runs are purged to stay under it; 0 for none
 * @param minFreeBytes free space that must stay on the quarantine's file system, or nothing is deleted
 */
public record QuarantineSettings(String directory, Duration retention, long maxBytes, long minFreeBytes) {
    public static final String DEFAULT_DIRECTORY = "/var/lib/qctl/quarantine";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final long DEFAULT_MAX_BYTES = 2L << 30;
    public static final long DEFAULT_MIN_FREE_BYTES = 512L << 20;

    public QuarantineSettings {
        if (directory == null || !directory.startsWith("/")) {
            throw new IllegalArgumentException("the quarantine directory must be an absolute path, not '" + directory + "'");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the quarantine retention must be positive (e.g. 7d)");
        }
        if (maxBytes < 0 || minFreeBytes < 0) {
            throw new IllegalArgumentException("quarantine sizes cannot be negative");
        }
    }

    public static QuarantineSettings defaults() {
        return new QuarantineSettings(DEFAULT_DIRECTORY, DEFAULT_RETENTION, DEFAULT_MAX_BYTES, DEFAULT_MIN_FREE_BYTES);
    }
}
