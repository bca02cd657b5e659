package dev.qctl.mta;

import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A host for setup tests: files in a map that cat, tee, cp, rm, mkdir and chmod work on, every other
 * command answered by the test's function (null: "not found", exit 127). Remembers what ran.
 */
public final class FakeHost implements Transport {
    public final Map<String, String> files = new TreeMap<>();
    public final List<String> ran = new ArrayList<>();
    private final Function<List<String>, CommandResult> others;
    /** The stdin of the command being answered (for the test's function). */
    public byte[] stdin;

    public FakeHost(Function<List<String>, CommandResult> others) {
        this.others = others;
    }

    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout.getBytes(StandardCharsets.UTF_8), "");
    }

    public static CommandResult fail(int exit, String stderr) {
        return new CommandResult(exit, new byte[0], stderr);
    }

    @Override
    public String target() {
        return "mx1";
    }

    @Override
    public RunningCommand start(Command command) {
        throw new UnsupportedOperationException("FakeHost answers run() only");
    }

    @Override
    public CommandResult run(Command command, byte[] stdin) {
        List<String> a = command.argv();
        ran.add(command.display());
        this.stdin = stdin;
        String last = a.get(a.size() - 1);
        switch (a.get(0)) {
            case "cat":
                return files.containsKey(last) ? ok(files.get(last)) : fail(1, "cat: " + last + ": No such file or directory");
            case "tee":
                files.put(last, new String(stdin, StandardCharsets.UTF_8));
                return ok(files.get(last));
            case "cp":
                String from = a.get(a.size() - 2);
                if (!files.containsKey(from)) {
                    return fail(1, "cp: cannot stat '" + from + "': No such file or directory");
                }
                files.put(last, files.get(from));
                return ok("");
            case "rm":
                files.remove(last);
                return ok("");
            case "mkdir":
            case "chmod":
                return ok("");
            default:
                CommandResult r = others.apply(a);
                return r == null ? fail(127, a.get(0) + ": not found") : r;
        }
    }

    @Override
    public boolean isExecutable(String path) {
        return path.equals("/usr/sbin/postconf") || path.equals("/usr/sbin/exim4");
    }
}
