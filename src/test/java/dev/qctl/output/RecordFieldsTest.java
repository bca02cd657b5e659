package dev.qctl.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordFieldsTest {
    private static String isoInstant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:34:56.5Z",
        "2026-11-27T23:49:23Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
        "-0001-12-31T23:59:59Z", "0042-03-04T05:06:07Z"})
    void theArrivalIsWrittenAsIsoInstantWritesIt(String text) {
        Instant instant = Instant.parse(text);
        assertThat(RecordFields.isoUtc(instant)).isEqualTo(isoInstant(instant));
    }

    @Test
    void everySecondOfRandomDaysAcrossTheCenturiesAsIsoInstant() {
        Random random = new Random(15);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 400_000_000_000L, random.nextInt(1_000_000_000));
            assertThat(RecordFields.isoUtc(instant)).isEqualTo(isoInstant(instant));
        }
    }
}
