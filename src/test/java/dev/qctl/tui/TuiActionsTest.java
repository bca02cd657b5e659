package dev.qctl.tui;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import dev.qctl.queue.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Actions on marked messages of several hosts: grouped per host, each host's own capability and result. */
class TuiActionsTest {
    private static final QueuedMessage PF_A = message("A1").host("pf").build();
    private static final QueuedMessage PF_B = message("B2").host("pf").build();
    private static final QueuedMessage EX_A = message("A1").host("ex").mta(Mta.EXIM).build();

    @TempDir
    Path dir;

    private final FakeAdapter postfix = FakeAdapter.of(Mta.POSTFIX, Set.of(Action.HOLD, Action.REQUEUE),
            List.of(message("A1").build(), message("B2").build()));
    private final FakeAdapter exim = FakeAdapter.of(Mta.EXIM, Set.of(Action.HOLD), List.of(message("A1").build()));

    private TuiActions actions() {
        return new TuiActions(List.of(new Target("pf", postfix), new Target("ex", exim)),
                AuditLog.at(dir.resolve("audit.log")), Clock.fixed(NOW, ZoneOffset.UTC), w -> { });
    }

    @Test
    void eachHostActsOnlyOnItsOwnMessagesAndGetsItsOwnResult() throws IOException {
        List<TuiActions.HostRun> runs = actions().run(Action.HOLD, List.of(EX_A, PF_A, PF_B));
        assertThat(runs).extracting(TuiActions.HostRun::host).containsExactly("pf", "ex"); // the order of the hosts
        assertThat(postfix.acted).containsExactly("hold A1", "hold B2");
        assertThat(exim.acted).containsExactly("hold A1");
        assertThat(ActionReport.line(Action.HOLD, runs, true)).isEqualTo("hold: 2 ok on pf; 1 ok on ex");
        List<String> audit = Files.readAllLines(dir.resolve("audit.log"));
        assertThat(audit).hasSize(4); // per host an intent before acting and a result after
        assertThat(audit.get(0)).contains("\"host\":\"pf\"", "\"phase\":\"intent\"", "\"ids\":[\"A1\",\"B2\"]");
        assertThat(audit.get(1)).contains("\"host\":\"pf\"", "\"phase\":\"result\"", "\"ok\":2");
        assertThat(audit.get(2)).contains("\"host\":\"ex\"", "\"phase\":\"intent\"");
        assertThat(audit.get(3)).contains("\"host\":\"ex\"", "\"phase\":\"result\"", "\"ok\":1");
        assertThat(runId(audit.get(0))).isEqualTo(runId(audit.get(1))).isNotEqualTo(runId(audit.get(2)));
    }

    @Test
    void aHostThatCannotDoTheActionSaysSoWhileTheOthersAct() {
        TuiActions actions = actions();
        assertThat(actions.refusal(Action.REQUEUE, List.of(PF_A, EX_A))).isNull();
        assertThat(actions.refusal(Action.REQUEUE, List.of(EX_A))).isEqualTo("Exim cannot requeue (try another)");
        List<TuiActions.HostRun> runs = actions.run(Action.REQUEUE, List.of(PF_A, EX_A));
        assertThat(postfix.acted).containsExactly("requeue A1");
        assertThat(exim.acted).isEmpty();
        assertThat(ActionReport.line(Action.REQUEUE, runs, true))
                .isEqualTo("requeue: 1 ok on pf; ex: Exim cannot requeue (try another)");
    }

    @Test
    void oneHostReportsAsBefore() {
        TuiActions actions = new TuiActions(List.of(new Target("local", postfix)),
                AuditLog.at(dir.resolve("audit.log")), Clock.fixed(NOW, ZoneOffset.UTC), w -> { });
        List<TuiActions.HostRun> runs = actions.run(Action.HOLD, List.of(message("A1").build(), message("GONE").build()));
        assertThat(ActionReport.line(Action.HOLD, runs, false)).isEqualTo("hold: 1 ok, 1 not-found (GONE: not in the queue)");
    }

    private static String runId(String line) {
        return line.replaceAll(".*\"run\":\"([^\"]+)\".*", "$1");
    }
}
