package dev.qctl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void firstFoundWins() throws IOException {
        Path home = dir.resolve("home");
        Path system = write("etc/qctl/config.yaml", "hosts: {sys: {}}\n");
        Map<String, String> env = new HashMap<>();
        ConfigLoader loader = new ConfigLoader(env, home, system);
        assertThat(loader.locate(null)).contains(system);
        Path user = write("home/.config/qctl/config.yaml", "hosts: {user: {}}\n");
        assertThat(loader.locate(null)).contains(user);
        Path xdg = write("xdg/qctl/config.yaml", "hosts: {xdg: {}}\n");
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        assertThat(loader.locate(null)).contains(xdg);
        Path fromEnv = write("env.yaml", "hosts: {env: {}}\n");
        env.put("QCTL_CONFIG", fromEnv.toString());
        assertThat(loader.locate(null)).contains(fromEnv);
        Path explicit = write("explicit.yaml", "hosts: {explicit: {}}\n");
        assertThat(loader.load(explicit).hosts()).containsOnlyKeys("explicit");
        assertThat(loader.load(explicit).source()).isEqualTo(explicit);
    }

    @Test
    void noConfigAnywhereIsAnEmptyConfig() {
        ConfigLoader loader = new ConfigLoader(Map.of(), dir, dir.resolve("none.yaml"));
        assertThat(loader.load(null)).isEqualTo(QctlConfig.empty());
    }

    @Test
    void namedFilesMustExist() {
        ConfigLoader loader = new ConfigLoader(Map.of("QCTL_CONFIG", "/nonexistent/q.yaml"), dir, dir.resolve("none"));
        assertThatThrownBy(() -> loader.locate(null)).isInstanceOf(ConfigException.class)
                .hasMessage("config file /nonexistent/q.yaml (from $QCTL_CONFIG) does not exist");
        assertThatThrownBy(() -> loader.locate(dir.resolve("missing.yaml")))
                .hasMessage("config file " + dir.resolve("missing.yaml") + " (from --config) does not exist");
    }
}
