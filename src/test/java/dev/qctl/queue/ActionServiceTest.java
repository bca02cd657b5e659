package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.QctlException;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.mta.postfix.PostfixAdapter;
import dev.qctl.testing.ScriptedPostfix;
import dev.qctl.testing.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The act use case over a scripted Postfix: the real adapter, parsers and argv, an in-memory queue. */
class ActionServiceTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T00:00:00Z"));
    /** How long the person at the prompt takes to answer. */
    private Duration pause = Duration.ZERO;
    private static final long T = 1_796_000_000L;

    @TempDir
    Path dir;
    private ScriptedPostfix postfix;
    private final List<String> warnings = new ArrayList<>();
    private int confirmations;

    @BeforeEach
    void queue() {
        postfix = new ScriptedPostfix();
        for (int i = 0; i < 6; i++) {
            postfix.add("A0000" + i, "deferred", T + i, "spam" + i + "@example.org", "rcpt@example.com");
        }
        postfix.add("B00001", "deferred", T, "alice@example.org", "bob@example.com");
    }

    private ActionReport run(Action action, Selection selection) {
        return service().run(new ActionRequest(action, selection, false, "--from spam*"),
                ActionHosts.inTurn(List.of(new ActionHosts.Open("local", new PostfixAdapter(postfix, null, clock)))),
                callbacks());
    }

    private ActionService service() {
        return new ActionService(AuditLog.at(dir.resolve("audit.log")), clock);
    }

    private ActionCallbacks callbacks() {
        return new ActionCallbacks() {
            @Override
            public boolean confirm(ActionPreview preview) {
                confirmations++;
                clock.advance(pause);
                return true;
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
    }

    private static Selection byFilter(String from) {
        return new Selection(List.of(), new MessageFilter(java.util.Set.of(), TextPattern.wholeMatch(from), null, null, null,
                null, null, null, false), false);
    }

    private static Selection byIds(String... ids) {
        return new Selection(List.of(ids), MessageFilter.none(), false);
    }

    private static Map<String, ActionOutcome> outcomes(ActionReport report) {
        Map<String, ActionOutcome> all = new LinkedHashMap<>();
        report.forEachRow(r -> all.put(r.outcome().id(), r.outcome()));
        return all;
    }

    @Test
    void everySelectedMessageGetsTheOutcomePostsuperReported() {
        ActionReport report = run(Action.DELETE, byFilter("spam*"));
        Map<String, ActionOutcome> outcomes = outcomes(report);
        assertThat(outcomes).hasSize(6).allSatisfy((id, o) -> assertThat(o.result()).isEqualTo(Result.OK));
        assertThat(postfix.queue()).containsOnlyKeys("B00001");
        assertThat(report.exitCode().code()).isZero();
        assertThat(confirmations).isOne();
    }

    @Test
    void aShortIdThatNowNamesAnotherMessageWhileAPersonPausedIsSkipped() {
        pause = Duration.ofSeconds(30);
        postfix.beforeSecondReading(p -> {
            p.queue().remove("A00001");                    // gone before the action
            p.message("A00002").arrival = T + 1000;         // the ID reused by a newer message
        });
        Map<String, ActionOutcome> outcomes = outcomes(run(Action.DELETE, byFilter("spam*")));
        assertThat(outcomes.get("A00001").result()).isEqualTo(Result.NOT_FOUND);
        assertThat(outcomes.get("A00001").detail()).isEqualTo("left the queue before the action");
        assertThat(outcomes.get("A00002").result()).isEqualTo(Result.SKIPPED);
        assertThat(outcomes.get("A00002").detail()).isEqualTo("the queue ID now names another message");
        assertThat(postfix.queue()).containsKey("A00002"); // the newer message was left alone
        assertThat(outcomes.get("A00003").result()).isEqualTo(Result.OK);
    }

    @Test
    void withoutAPauseShortIdsAreNotReadAgain() {
        // No one paused: a second listing would leave as wide a window for reuse as the first.
        pause = Duration.ofMillis(900);
        run(Action.HOLD, byFilter("spam*"));
        assertThat(postfix.count("postqueue", "-j")).isOne();
        assertThat(postfix.queue().values()).filteredOn(m -> m.sender.startsWith("spam")).allMatch(m -> m.queue.equals("hold"));
    }

    @Test
    void oneIdGivenWithoutAPauseIsLookedUpOnce() {
        run(Action.HOLD, byIds("A00003"));
        assertThat(postfix.count("postcat", "-e")).isOne();
        assertThat(postfix.count("postqueue", "-j")).isZero();
        assertThat(postfix.message("A00003").queue).isEqualTo("hold");
    }

    @Test
    void longIdsAreNeverReusedSoTheQueueIsReadOnce() {
        postfix = new ScriptedPostfix().add("4jbq6Y3nLkzC08f", "deferred", T, "spam@example.org", "r@example.com")
                .add("4jbq6Y3nLkzC09g", "deferred", T, "spam@example.org", "r@example.com");
        run(Action.HOLD, byFilter("spam*"));
        assertThat(postfix.count("postqueue", "-j")).isOne();
        assertThat(postfix.queue().values()).allMatch(m -> m.queue.equals("hold"));
    }

    @Test
    void explicitIdsAreLookedUpOneByOneNotByReadingTheQueue() {
        pause = Duration.ofSeconds(5);
        ActionReport report = run(Action.HOLD, byIds("A00001", "A00002", "FFFFF9"));
        assertThat(postfix.count("postqueue", "-j")).isZero();
        assertThat(postfix.count("postcat", "-e")).isEqualTo(2); // the selection, then the re-check of short IDs
        Map<String, ActionOutcome> outcomes = outcomes(report);
        assertThat(outcomes.get("A00001").result()).isEqualTo(Result.OK);
        assertThat(outcomes.get("FFFFF9").result()).isEqualTo(Result.NOT_FOUND);
        assertThat(postfix.message("A00002").queue).isEqualTo("hold");
        assertThat(report.exitCode().code()).isEqualTo(3);
    }

    @Test
    void aConnectionLostMidwayLeavesNoMessageWithoutAnOutcome() throws IOException {
        postfix.failAfter(2);
        ActionReport report = run(Action.HOLD, byFilter("spam*"));
        Map<String, ActionOutcome> outcomes = outcomes(report);
        assertThat(outcomes).hasSize(6);
        // postsuper held two before the connection went; the queue, read again, shows which
        assertThat(outcomes.values().stream().filter(ActionOutcome::isOk).count()).isEqualTo(2);
        outcomes.forEach((id, o) -> assertThat(postfix.message(id).queue.equals("hold")).as(id + " " + o)
                .isEqualTo(o.isOk()));
        assertThat(outcomes.values()).extracting(ActionOutcome::result).containsOnly(Result.OK, Result.NOT_ATTEMPTED);
        assertThat(report.exitCode().code()).isEqualTo(3);
        assertThat(report.failedHosts()).containsKey("local");
        List<String> audit = Files.readAllLines(dir.resolve("audit.log"));
        assertThat(audit).hasSize(2);
        assertThat(audit.get(1)).contains("\"phase\":\"result\"", "\"error\":", "\"ok\":2", "\"not-attempted\":4");
    }

    @Test
    void anUnwritableAuditLogRefusesTheActionBeforeAnythingRuns() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        ActionService refusing = new ActionService(AuditLog.at(notADirectory.resolve("audit.log")), clock);
        assertThatThrownBy(() -> refusing.run(new ActionRequest(Action.DELETE, byFilter("spam*"), false, ""),
                ActionHosts.inTurn(List.of(new ActionHosts.Open("local", new PostfixAdapter(postfix, null, clock)))),
                callbacks())).isInstanceOf(QctlException.class).hasMessageContaining("cannot write the audit log");
        assertThat(postfix.commands()).isEmpty();
        assertThat(postfix.queue()).hasSize(7);
    }

    @Test
    void declinedMeansNothingChanges() {
        ActionReport report = service().run(new ActionRequest(Action.DELETE, byFilter("spam*"), false, ""),
                ActionHosts.inTurn(List.of(new ActionHosts.Open("local", new PostfixAdapter(postfix, null, clock)))),
                new ActionCallbacks() {
                    @Override
                    public boolean confirm(ActionPreview preview) {
                        assertThat(preview.total()).isEqualTo(6);
                        assertThat(preview.sample()).hasSize(ActionPreview.SAMPLE_SIZE);
                        return false;
                    }

                    @Override
                    public void warn(String message) {
                    }
                });
        assertThat(report.isDeclined()).isTrue();
        assertThat(report.exitCode().code()).isEqualTo(1);
        assertThat(postfix.queue()).hasSize(7);
        assertThat(postfix.count("postsuper", "-d")).isZero();
    }

    @Test
    void aMalformedIdInTheListingIsNeverHandedBack() {
        postfix.add("../../etc", "deferred", T, "spam-x@example.org", "r@example.com");
        Map<String, ActionOutcome> outcomes = outcomes(run(Action.DELETE, byFilter("spam*")));
        assertThat(outcomes).doesNotContainKey("../../etc").hasSize(6);
        assertThat(warnings).anyMatch(w -> w.contains("malformed queue ID"));
        assertThat(postfix.queue()).containsKey("../../etc");
    }
}
