package dev.qctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package direction of docs/architecture.md, checked on every build: cli → queue → mta → exec,
 * model at the bottom. Each layer names the layers it may use; a new package must be given its
 * place here, on purpose. ExitCode and QctlException (dev.qctl itself) are for every layer.
 */
class LayeringTest {
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("model", Set.of()),
            Map.entry("exec", Set.of("model")),
            Map.entry("exec.ssh", Set.of("exec", "model")),
            Map.entry("exec.container", Set.of("exec", "model")),
            Map.entry("exec.openssh", Set.of("exec", "exec.ssh", "model")),
            Map.entry("mta", Set.of("exec", "model")),
            // a host's transport is composed here: sudo and container exec wrap whatever reaches the machine
            Map.entry("queue", Set.of("mta", "exec", "exec.container", "model")),
            Map.entry("diagnose", Set.of("queue", "mta", "exec", "model")),
            Map.entry("monitor", Set.of("diagnose", "queue", "mta", "exec", "model")),
            Map.entry("trace", Set.of("queue", "mta", "exec", "model")),
            Map.entry("output", Set.of("diagnose", "trace", "queue", "mta", "exec", "model")),
            Map.entry("config", Set.of("diagnose", "output", "mta", "exec", "exec.ssh", "exec.openssh", "exec.container",
                    "model")),
            Map.entry("tui", Set.of("output", "diagnose", "queue", "mta", "exec", "model")),
            Map.entry("cli", Set.of("tui", "config", "monitor", "output", "diagnose", "trace", "queue", "mta", "exec",
                    "exec.ssh", "exec.openssh", "exec.container", "model")));
    private static final Pattern USE = Pattern.compile("dev\\.qctl\\.([a-z][a-z.]*)\\.[A-Z]");

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
        Path root = Path.of(System.getProperty("qctl.basedir", ".")).resolve("src/main/java/dev/qctl");
        List<String> violations = new ArrayList<>();
        Set<String> unplaced = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = root.relativize(file).getParent();
                if (dir == null) {
                    continue; // dev.qctl itself: the entry point, ExitCode, QctlException
                }
                String layer = layerOf(dir.toString().replace('/', '.'));
                if (!MAY_USE.containsKey(layer)) {
                    unplaced.add(layer);
                    continue;
                }
                Matcher m = USE.matcher(Files.readString(file));
                Set<String> used = new TreeSet<>();
                while (m.find()) {
                    used.add(layerOf(m.group(1)));
                }
                used.remove(layer);
                used.removeAll(MAY_USE.get(layer));
                used.forEach(u -> violations.add(root.relativize(file) + " (" + layer + ") uses " + u));
            }
        }
        assertThat(unplaced).as("packages without a place in the layering: add them to MAY_USE").isEmpty();
        assertThat(violations).as("imports against the direction of docs/architecture.md").isEmpty();
    }

    /** mta's per-MTA packages are part of mta; exec.ssh is a layer of its own above exec. */
    private static String layerOf(String pkg) {
        return pkg.startsWith("mta.") ? "mta" : pkg;
    }
}
