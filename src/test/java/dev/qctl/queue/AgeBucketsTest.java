package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeBucketsTest {

    @Test
    void theLabelsAreQshapes() {
        assertThat(AgeBuckets.LABELS).containsExactly("0-5m", "5-10m", "10-20m", "20-40m", "40-80m", "80-160m",
                "160-320m", "320-640m", "640-1280m", "1280m+");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "PT0S, 0-5m",
        "PT4M59S, 0-5m",
        "PT5M, 5-10m",
        "PT9M59.999S, 5-10m",
        "PT10M, 10-20m",
        "PT19M59S, 10-20m",
        "PT20M, 20-40m",
        "PT40M, 40-80m",
        "PT80M, 80-160m",
        "PT160M, 160-320m",
        "PT320M, 320-640m",
        "PT640M, 640-1280m",
        "PT1279M59S, 640-1280m",
        "PT1280M, 1280m+",
        "P30D, 1280m+",
    })
    void bucketBoundaries(Duration age, String label) {
        assertThat(AgeBuckets.LABELS.get(AgeBuckets.of(age))).isEqualTo(label);
    }
}
