package dev.qctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.qctl.config.ConfigException;
import dev.qctl.config.QctlConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One read of the config per run, started early, with the read's own errors. */
class ConfigReadsTest {
    @TempDir
    Path dir;

    private Path config(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void thePrefetchedReadServesEveryAskerOfTheRunAndNoLaterRun() throws IOException {
        Path file = config("config.yaml", "hosts: {mx1: {address: 192.0.2.1}}\n");
        ConfigReads run = new ConfigReads(Map.of());
        run.prefetch(List.of("list", "--config", file.toString(), "-o", "ids"));

        QctlConfig first = run.get(file, null);
        assertThat(first.hosts()).containsOnlyKeys("mx1");
        Files.writeString(file, "hosts: {mx2: {address: 192.0.2.2}}\n");
        assertThat(run.get(file, null)).isSameAs(first);

        assertThat(new ConfigReads(Map.of()).get(file, null).hosts()).containsOnlyKeys("mx2");
    }

    @Test
    void anotherFileOrInventoryIsReadOnItsOwn() throws IOException {
        Path a = config("a.yaml", "hosts: {a1: {}}\n");
        Path b = config("b.yaml", "hosts: {b1: {}}\n");
        Path inventory = config("inventory.ini", "[web]\nweb1\n");
        ConfigReads run = new ConfigReads(Map.of());
        run.prefetch(List.of("summary", "--config=" + a));

        assertThat(run.get(b, null).hosts()).containsOnlyKeys("b1");
        assertThat(run.get(a, inventory).hosts()).containsOnlyKeys("web1", "a1");
        assertThat(run.get(a, null).hosts()).containsOnlyKeys("a1");
    }

    @Test
    void aConfigThatFailsFailsWithItsOwnErrorForEveryAsker() throws IOException {
        Path file = config("bad.yaml", "hosts: {mx1: {adress: 192.0.2.1}}\n");
        ConfigReads run = new ConfigReads(Map.of());
        run.prefetch(List.of("list", "--config", file.toString()));

        Throwable first = catchThrowable(() -> run.get(file, null));
        assertThat(first).isInstanceOf(ConfigException.class).hasMessageContaining("bad.yaml").hasMessageContaining("adress");
        assertThat(catchThrowable(() -> run.get(file, null))).isSameAs(first);
    }

    @Test
    void aMissingNamedConfigIsReportedWhenAskedFor() {
        Path missing = dir.resolve("none.yaml");
        ConfigReads run = new ConfigReads(Map.of());
        run.prefetch(List.of("list", "--config", missing.toString()));

        assertThat(catchThrowable(() -> run.get(missing, null))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("none.yaml");
    }

    @Test
    void theOptionsAreFoundAsPicocliTakesThem() {
        assertThat(ConfigReads.pathOption(List.of("list", "--config", "/a.yaml"), "--config")).isEqualTo(Path.of("/a.yaml"));
        assertThat(ConfigReads.pathOption(List.of("--config=/b.yaml", "list"), "--config")).isEqualTo(Path.of("/b.yaml"));
        assertThat(ConfigReads.pathOption(List.of("list", "--inventory", "hosts.ini"), "--inventory"))
                .isEqualTo(Path.of("hosts.ini"));
        assertThat(ConfigReads.pathOption(List.of("list", "--", "--config", "/c.yaml"), "--config")).isNull();
        assertThat(ConfigReads.pathOption(List.of("list", "--config"), "--config")).isNull();
        assertThat(ConfigReads.pathOption(List.of("list", "--configs", "x"), "--config")).isNull();
    }
}
