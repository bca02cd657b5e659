package dev.qctl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Nested
    class Parse {
        @ParameterizedTest(name = "{0} = {1}s")
        @CsvSource({
            "90s, 90",
            "15m, 900",
            "2h, 7200",
            "3d, 259200",
            "1w, 604800",
            "1h30m, 5400",
            "1d2h3m4s, 93784",
            "120, 120",
            "0, 0",
            "0s, 0",
            "'  2H ', 7200",
            "1W2D, 777600",
        })
        void parses(String text, long seconds) {
            assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
        }

        @ParameterizedTest(name = "[{0}]")
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "abc", "5x", "1.5h", "-5m", "+5m", "h", "5m3", "1h 30m", "m5", "5mm", "1y", "5 m"})
        void refusesWithAMessageThatShowsTheInputAndExamples(String text) {
            assertThatThrownBy(() -> Durations.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid duration '" + text + "' (use e.g. 90s, 15m, 2h, 3d, 1w, 1h30m)");
        }

        /**
         * Numbers too big for a long surface as a bare {@code NumberFormatException} ("For input string: ...")
         * instead of the usual message; numbers that fit a long but overflow once multiplied by the unit
         * wrap around silently (here to a negative duration, so --older-than would select everything).
         */
        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"99999999999999999999", "99999999999999999999s", "1000000000000000w"})
        void refusesNumbersTooLargeForADuration(String text) {
            assertThatThrownBy(() -> Durations.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid duration '" + text + "'");
        }
    }

    @Nested
    class Human {
        @ParameterizedTest(name = "{0}s = {1}")
        @CsvSource({
            "0, 0s",
            "45, 45s",
            "59, 59s",
            "60, 1m",
            "90, 1m",
            "512, 8m",
            "3599, 59m",
            "3600, 1h",
            "10800, 3h",
            "86399, 23h",
            "86400, 1d",
            "172800, 2d",
            "31536000, 365d",
        })
        void roundsDownToTheLargestUnit(long seconds, String text) {
            assertThat(Durations.human(Duration.ofSeconds(seconds))).isEqualTo(text);
        }

        @Test
        void aNegativeDurationIsZero() {
            assertThat(Durations.human(Duration.ofSeconds(-30))).isEqualTo("0s");
        }
    }
}
