package dev.qctl.mta.exim;

import dev.qctl.mta.QueueIdGrammar;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Exim message IDs, both formats: {@code XXXXXX-YYYYYY-ZZ} (16 characters, up to 4.96) and
 * {@code XXXXXX-YYYYYYYYYYY-ZZZZ} (23 characters, from 4.97). Every part is base 62
 * ({@code [0-9A-Za-z]}); the first six characters are the arrival time in seconds in both formats.
 */
public final class EximQueueIds implements QueueIdGrammar {
    public static final EximQueueIds INSTANCE = new EximQueueIds();

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern ID = Pattern.compile(
            "[0-9A-Za-z]{6}-(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{11}-[0-9A-Za-z]{4})");

    @Override
    public boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    @Override
    public String describe() {
        return "an Exim message ID such as 1xX55b-0007hH-16 (up to 4.96) or 1xX55b-000000007hH-1616 (4.97 and later)";
    }

    /** The arrival second encoded in the ID's first part (the -H file's time line is the exact source). */
    public static Instant timeOf(String id) {
        if (!INSTANCE.isValid(id)) {
            throw new IllegalArgumentException("not an Exim message ID: " + id);
        }
        long seconds = 0;
        for (int i = 0; i < 6; i++) {
            seconds = seconds * 62 + BASE62.indexOf(id.charAt(i));
        }
        return Instant.ofEpochSecond(seconds);
    }
}
