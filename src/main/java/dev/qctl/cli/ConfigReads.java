package dev.qctl.cli;

import dev.qctl.config.ConfigLoader;
import dev.qctl.config.QctlConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The config of one run, read once for every option and command that asks for it, and started on a
 * second thread before picocli builds its model: reading a config costs about as long as that model
 * (70 ms with 20 hosts, most of it Jackson's first use), so the two overlap instead of adding up.
 * A read that fails fails again, with the same exception, for whoever asks.
 */
final class ConfigReads {
    private final Map<String, String> env;
    // Keyed by [--config, --inventory] as an Arrays.asList (nulls allowed). Not a record: a record's
    // equals and hashCode are bootstrapped at their first call, 20 ms of the start.
    private final Map<List<Path>, CompletableFuture<QctlConfig>> reads = new ConcurrentHashMap<>();

    ConfigReads(Map<String, String> env) {
        this.env = env;
    }

    /** Starts reading the config these arguments name (--config, --inventory) on a daemon thread. */
    void prefetch(List<String> args) {
        List<Path> key;
        try {
            key = Arrays.asList(pathOption(args, "--config"), pathOption(args, "--inventory"));
        } catch (InvalidPathException e) {
            return; // picocli reports the bad name
        }
        reads.computeIfAbsent(key, k -> {
            CompletableFuture<QctlConfig> read = new CompletableFuture<>();
            Thread thread = new Thread(() -> complete(read, k), "qctl-config");
            thread.setDaemon(true);
            thread.start();
            return read;
        });
    }

    /**
     * The config: {@code explicit} (--config) or the usual places, with {@code inventory}
     * (--inventory) or the config's own; both may be null.
     */
    QctlConfig get(Path explicit, Path inventory) {
        CompletableFuture<QctlConfig> read = reads.computeIfAbsent(Arrays.asList(explicit, inventory), k -> {
            CompletableFuture<QctlConfig> now = new CompletableFuture<>();
            complete(now, k);
            return now;
        });
        try {
            return read.join();
        } catch (CompletionException e) {
            // The read's own exception, as if it had been thrown here: its message and exit code.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void complete(CompletableFuture<QctlConfig> read, List<Path> key) {
        try {
            read.complete(new ConfigLoader(env, Path.of(System.getProperty("user.home")), ConfigLoader.SYSTEM_CONFIG)
                    .load(key.get(0), key.get(1)));
        } catch (RuntimeException | Error e) {
            read.completeExceptionally(e);
        }
    }

    /** The value of {@code NAME FILE} or {@code NAME=FILE} among the arguments (before a {@code --}), or null. */
    static Path pathOption(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.equals(name) && i + 1 < args.size()) {
                return Path.of(args.get(i + 1));
            }
            if (a.startsWith(name + "=")) {
                return Path.of(a.substring(name.length() + 1));
            }
        }
        return null;
    }
}
