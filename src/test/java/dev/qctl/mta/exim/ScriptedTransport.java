package dev.qctl.mta.exim;

import dev.qctl.exec.Command;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** A transport that answers commands with recorded output and remembers what was run. */
final class ScriptedTransport implements Transport {
    record Answer(int exit, byte[] stdout, String stderr) {
        static Answer ok(byte[] stdout) {
            return new Answer(0, stdout, "");
        }

        static Answer ok(String stdout) {
            return ok(stdout.getBytes(StandardCharsets.UTF_8));
        }

        static Answer fail(int exit, String stdout, String stderr) {
            return new Answer(exit, stdout.getBytes(StandardCharsets.UTF_8), stderr);
        }
    }

    private final Map<Predicate<Command>, Answer> answers = new LinkedHashMap<>();
    private final Set<String> executables;
    final List<Command> commands = new ArrayList<>();
    int closed;

    ScriptedTransport(String... executables) {
        this.executables = Set.of(executables);
    }

    /** Answers commands whose argv contains these words in this order (not necessarily adjacent). */
    ScriptedTransport on(Answer answer, String... words) {
        answers.put(c -> containsInOrder(c.argv(), words), answer);
        return this;
    }

    @Override
    public String target() {
        return "mx1";
    }

    @Override
    public boolean isExecutable(String path) {
        return executables.contains(path);
    }

    @Override
    public RunningCommand start(Command command) {
        commands.add(command);
        Answer answer = answers.entrySet().stream().filter(e -> e.getKey().test(command)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new ExecException("cannot run " + command.program() + ": error=2"));
        return new dev.qctl.exec.CannedProcess(answer.exit(), answer.stdout(), answer.stderr(), () -> closed++);
    }

    private static boolean containsInOrder(List<String> argv, String... words) {
        int i = 0;
        for (String word : argv) {
            if (i < words.length && word.equals(words[i])) {
                i++;
            }
        }
        return i == words.length;
    }
}
