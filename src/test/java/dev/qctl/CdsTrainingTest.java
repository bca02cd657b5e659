package dev.qctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.config.ConfigParser;
import dev.qctl.config.QctlConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {
    /** The archive's run swallows a refused config; this says when a change of the config's keys leaves it behind. */
    @Test
    void theTrainingConfigIsOneThisBuildAccepts() {
        QctlConfig config = ConfigParser.parse(CdsTraining.CONFIG, Path.of("cds-training.yaml"), null, Path.of("/nonexistent"));

        assertThat(config.hosts()).containsOnlyKeys("mx1", "mx2");
        assertThat(config.groups()).containsOnlyKeys("eu", "all");
        assertThat(config.diagnoseRules()).hasSize(1);
        assertThat(config.actions().quarantine()).isTrue();
    }
}
