package dev.qctl.exec.openssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a command's ssh a stdout pipe of up to 1 MiB instead of Linux's 64 KiB.
 *
 * <p>Why: a ControlMaster writes a client's output straight into the client's stdout (the client
 * passes its descriptors to the master), one pipe-full per turn of its loop, while it reads up to
 * 256 KiB from the network per turn. With a 64 KiB pipe the surplus piles up in the master's channel
 * buffer, and OpenSSH grows that buffer by copying all of it (recallocarray) for every packet: a 10k
 * message listing cost the master seconds of CPU and took 3–4 s instead of 0.7 s (docs/benchmarks.md).
 * Java cannot size a child's pipe; perl, part of every Linux distribution's base, sets it
 * (F_SETPIPE_SZ) and then execs ssh with the argv unchanged (no shell). Elsewhere, or without perl,
 * ssh runs as before.
 */
final class WidePipe {
    /** Linux's fcntl command to set a pipe's size. */
    private static final int F_SETPIPE_SZ = 1031;
    private static final int WANTED = 1 << 20;
    private static final Path PERL = Path.of("/usr/bin/perl");
    private static final Path MAX_SIZE = Path.of("/proc/sys/fs/pipe-max-size");

    private static final List<String> PREFIX = prefix();

    private WidePipe() {
    }

    /** The argv that runs {@code argv} with the wider stdout pipe, or {@code argv} itself where that cannot be done. */
    static List<String> around(List<String> argv) {
        if (PREFIX.isEmpty()) {
            return argv;
        }
        List<String> wrapped = new ArrayList<>(PREFIX);
        wrapped.addAll(argv);
        return wrapped;
    }

    /** The pipe size asked for (the system's limit for unprivileged users, at most 1 MiB). */
    static int size() {
        // Files.readString trusts the size procfs reports and reads one byte; a reader reads it all.
        try (BufferedReader in = Files.newBufferedReader(MAX_SIZE)) {
            String line = in.readLine();
            return line == null ? WANTED : Math.min(WANTED, Integer.parseInt(line.strip()));
        } catch (IOException | NumberFormatException e) {
            return WANTED;
        }
    }

    private static List<String> prefix() {
        if (!System.getProperty("os.name", "").equals("Linux") || !Files.isExecutable(PERL)) {
            return List.of();
        }
        // A refused fcntl (a user over the kernel's pipe quota) leaves the pipe as it was.
        String script = "fcntl(STDOUT, " + F_SETPIPE_SZ + ", " + size() + "); exec { $ARGV[0] } @ARGV;"
                + " print STDERR \"qctl: cannot run $ARGV[0]: $!\\n\"; exit 127;";
        return List.of(PERL.toString(), "-e", script);
    }
}
