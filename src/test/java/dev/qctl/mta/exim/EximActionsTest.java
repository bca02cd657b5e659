package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.Command;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.mta.OutcomeSink;
import dev.qctl.testing.ScriptedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Exim actions in chunks: every outcome from Exim's words, and what a failing chunk leaves. */
class EximActionsTest {
    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("1xX5eJ-%06d-2X", i));
        }
        return ids;
    }

    /** Removes what it is asked to, saying so per message; the chunk holding FAILING loses its connection. */
    private static final class Exim implements Transport {
        final Set<String> failing;
        final boolean failBeforeStart;

        Exim(Set<String> failing, boolean failBeforeStart) {
            this.failing = failing;
            this.failBeforeStart = failBeforeStart;
        }

        @Override
        public String target() {
            return "mx1";
        }

        @Override
        public boolean isExecutable(String path) {
            return true;
        }

        @Override
        public RunningCommand start(Command command) {
            List<String> chunk = command.argv().stream().filter(a -> a.startsWith("1xX5eJ-")).toList();
            boolean fails = chunk.stream().anyMatch(failing::contains);
            if (fails && failBeforeStart) {
                throw new ExecException("the connection to mx1 was lost");
            }
            StringBuilder out = new StringBuilder();
            List<String> said = fails ? chunk.subList(0, chunk.size() / 2) : chunk;
            said.forEach(id -> out.append("Message ").append(id).append(" has been removed\n"));
            return ScriptedProcess.now(new ScriptedProcess.Answer(out.toString(), List.of(), 0,
                    fails ? new ExecException("the connection to mx1 was lost while exim ran") : null));
        }
    }

    private static final class Recorder implements OutcomeSink {
        final Map<String, Result> outcomes = new ConcurrentHashMap<>();
        final Set<String> handed = ConcurrentHashMap.newKeySet();

        @Override
        public void outcome(String id, Result result, String detail) {
            outcomes.put(id, result);
        }

        @Override
        public void handedOver(String id) {
            handed.add(id);
        }
    }

    private static EximActions actions(Transport t) {
        return new EximActions(t, new EximCommands("/usr/sbin/exim4", null));
    }

    @Test
    void everyMessageOfEveryChunkGetsEximsOutcome() {
        List<String> ids = ids(1200);
        Recorder r = new Recorder();
        actions(new Exim(Set.of(), false)).act(Action.DELETE, ids, r);
        assertThat(r.outcomes).hasSize(1200).allSatisfy((id, result) -> assertThat(result).isEqualTo(Result.OK));
        assertThat(r.handed).hasSize(1200);
    }

    @Test
    void aChunkThatDiesKeepsWhatEximSaidAndLeavesTheRestOpen() {
        List<String> ids = ids(1500);
        Recorder r = new Recorder();
        assertThatThrownBy(() -> actions(new Exim(Set.of(ids.get(600)), false)).act(Action.DELETE, ids, r))
                .isInstanceOf(ExecException.class);
        List<String> second = ids.subList(500, 1000);
        assertThat(ids.subList(0, 500)).allMatch(id -> r.outcomes.get(id) == Result.OK);
        assertThat(second.subList(0, 250)).allMatch(id -> r.outcomes.get(id) == Result.OK); // said before it died
        assertThat(second.subList(250, 500)).allMatch(id -> !r.outcomes.containsKey(id) && r.handed.contains(id));
        // the chunk after it: done whole, or never handed over
        List<String> third = ids.subList(1000, 1500);
        assertThat(third.stream().allMatch(id -> r.outcomes.get(id) == Result.OK)
                || third.stream().noneMatch(id -> r.handed.contains(id) || r.outcomes.containsKey(id))).isTrue();
    }

    @Test
    void aChunkThatCannotStartIsNotHandedOver() {
        List<String> ids = ids(1000);
        Recorder r = new Recorder();
        assertThatThrownBy(() -> actions(new Exim(Set.of(ids.get(700)), true)).act(Action.HOLD, ids, r))
                .isInstanceOf(ExecException.class);
        assertThat(ids.subList(500, 1000)).noneMatch(r.handed::contains);
    }

    @Test
    void flushSkipsFrozenMessagesAndTheSiteIsTheExactDomain() {
        EximActions a = actions(new Exim(Set.of(), false));
        assertThat(a.flushCommand(null).argv()).endsWith("-qf");
        assertThat(a.flushCommand("example.com").argv()).endsWith("-Rrf", "@example\\.com$");
        assertThat(EximActions.siteRegex("[192.0.2.1]")).isEqualTo("@\\[192\\.0\\.2\\.1\\]$");
    }
}
