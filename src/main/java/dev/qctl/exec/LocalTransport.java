package dev.qctl.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Runs commands on this machine with {@link ProcessBuilder}: argv straight to exec, no shell. */
public final class LocalTransport implements Transport {
    public static final String TARGET = "local";
    /** Commands still running, so close() can stop them (a scrape given up at its deadline). */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public RunningCommand start(Command command) {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ExecException("cannot run " + command.program() + ": " + rootMessage(e), e);
        }
        running.add(process);
        process.onExit().thenRun(() -> running.remove(process));
        return new LocalProcess(process, command.program());
    }

    /**
     * Kills every command still running, with the processes it started (the spool script's find and
     * awk), so nothing outlives a deadline; the transport stays usable for the next command.
     */
    @Override
    public void close() {
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Override
    public boolean isExecutable(String path) {
        Path p = Path.of(path);
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    private static String rootMessage(IOException e) {
        String message = e.getMessage();
        int colon = message == null ? -1 : message.lastIndexOf("error=");
        return colon >= 0 ? message.substring(colon) : String.valueOf(message);
    }

    private static final class LocalProcess extends ProcessCommand {
        LocalProcess(Process process, String name) {
            super(process, name);
        }

        @Override
        public int waitFor() {
            try {
                int exit = process.waitFor();
                stderr.processEnded();
                return exit;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                throw new ExecException("interrupted while waiting for a command");
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
            }
            closeStdin();
        }
    }
}
