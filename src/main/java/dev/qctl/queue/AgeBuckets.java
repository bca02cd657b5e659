package dev.qctl.queue;

import java.time.Duration;
import java.util.List;

/** qshape's age buckets: 0-5m, 5-10m, then doubling up to 1280m, and 1280m+. */
public final class AgeBuckets {
    private static final long[] UPPER_MINUTES = {5, 10, 20, 40, 80, 160, 320, 640, 1280};
    public static final List<String> LABELS = List.of("0-5m", "5-10m", "10-20m", "20-40m", "40-80m",
            "80-160m", "160-320m", "320-640m", "640-1280m", "1280m+");

    private AgeBuckets() {
    }

    public static int of(Duration age) {
        long minutes = age.toMinutes();
        for (int i = 0; i < UPPER_MINUTES.length; i++) {
            if (minutes < UPPER_MINUTES[i]) {
                return i;
            }
        }
        return UPPER_MINUTES.length;
    }
}
