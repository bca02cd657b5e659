package dev.qctl.cli;

import dev.qctl.exec.ssh.PassphraseSource;
import java.io.BufferedReader;
import java.io.Console;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Passphrases of encrypted keys: {@code $QCTL_SSH_PASSPHRASE} when set (for scripts), else asked
 * once per key on the terminal with echo off; never without a terminal (the key is then skipped).
 * One question at a time, even when hosts connect in parallel.
 */
final class TtyPassphrases implements PassphraseSource {
    static final String ENV = "QCTL_SSH_PASSPHRASE";

    private final String fromEnv;
    private final Map<Path, char[]> answers = new HashMap<>();

    TtyPassphrases(String fromEnv) {
        this.fromEnv = fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
    }

    @Override
    public synchronized char[] passphraseFor(Path keyFile) {
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        if (!answers.containsKey(keyFile)) {
            answers.put(keyFile, ask("Enter passphrase for key '" + keyFile + "': "));
        }
        char[] answer = answers.get(keyFile);
        return answer == null ? null : answer.clone();
    }

    private static char[] ask(String prompt) {
        Console console = System.console();
        if (console != null) {
            return console.readPassword("%s", prompt);
        }
        // stdin or stdout is redirected: ask on the controlling terminal, if there is one.
        File tty = new File("/dev/tty");
        try (FileInputStream in = new FileInputStream(tty); FileOutputStream out = new FileOutputStream(tty)) {
            stty(tty, "-echo");
            try {
                out.write(prompt.getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                return line == null ? null : line.toCharArray();
            } finally {
                stty(tty, "echo");
                out.write('\n');
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static void stty(File tty, String mode) throws IOException {
        try {
            new ProcessBuilder("stty", mode).redirectInput(tty).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
