package dev.qctl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @Nested
    class Parse {
        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource({
            "500, 500",
            "0, 0",
            "10K, 10240",
            "10k, 10240",
            "10KB, 10240",
            "10KiB, 10240",
            "5M, 5242880",
            "1.5M, 1572864",
            "1G, 1073741824",
            "512b, 512",
            "' 2m ', 2097152",
            "'5 M', 5242880",
            "0.5K, 512",
        })
        void parsesPowersOf1024(String text, long bytes) {
            assertThat(Sizes.parse(text)).isEqualTo(bytes);
        }

        @ParameterizedTest(name = "[{0}]")
        @NullAndEmptySource
        @ValueSource(strings = {"abc", "-5", "5T", "1.5.2M", "M", "K10", "1,5M", "5MX", ".5M"})
        void refusesWithAMessageThatShowsTheInputAndExamples(String text) {
            assertThatThrownBy(() -> Sizes.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid size '" + text + "' (use e.g. 500, 10K, 5M, 1G)");
        }
    }

    @Nested
    class Human {
        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource({
            "0, 0",
            "512, 512",
            "1023, 1023",
            "1024, 1.0K",
            "1536, 1.5K",
            "4300, 4.2K",
            "10240, 10K",
            "599040, 585K",
            "5242880, 5.0M",
            "5297125, 5.1M",
            "1073741824, 1.0G",
            "1099511627776, 1.0T",
            "2199023255552000, 2000T",
        })
        void showsOneDecimalBelowTenAndNoneAbove(long bytes, String text) {
            assertThat(Sizes.human(bytes)).isEqualTo(text);
        }

        /**
         * Just under a unit boundary the value is divided once too few times and then rounded up:
         * 1048575 bytes (1024 K - 1 byte) is printed as "1024K" instead of "1.0M".
         */
        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource({"1048575, 1.0M", "1073741823, 1.0G"})
        void roundingUpToTheNextUnitUsesThatUnit(long bytes, String text) {
            assertThat(Sizes.human(bytes)).isEqualTo(text);
        }
    }
}
