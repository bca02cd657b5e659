package dev.qctl.queue;

import static dev.qctl.queue.QuarantineFakes.delivered;
import static dev.qctl.queue.QuarantineFakes.message;
import static dev.qctl.queue.QuarantineFakes.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.ExitCode;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.QuarantineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine step of the act path, and restore, over an in-memory queue and quarantine. */
class QuarantineStepTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private static final QuarantineSettings SETTINGS = QuarantineSettings.defaults();
    private static final String A = "1xYMyX-0002yU-1v";
    private static final String B = "1xYMyX-0002yW-1x";
    private static final String C = "1xYMyX-0002yY-1z";

    @TempDir
    Path dir;
    private QuarantineFakes.Adapter adapter;
    private final List<String> warnings = new ArrayList<>();
    private int confirmations;

    @BeforeEach
    void queue() {
        adapter = new QuarantineFakes.Adapter();
        adapter.queue.put(A, message(A, "spam1@example.org", pending("x@example.com")));
        adapter.queue.put(B, message(B, "spam2@example.org", pending("x@example.com"), delivered("y@example.com")));
        adapter.queue.put(C, message(C, "spam3@example.org", delivered("x@example.com")));
    }

    private ActionHosts hosts() {
        return ActionHosts.inTurn(List.of(new ActionHosts.Open("local", adapter)));
    }

    private ActionCallbacks callbacks() {
        return new ActionCallbacks() {
            @Override
            public boolean confirm(ActionPreview preview) {
                confirmations++;
                return true;
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
    }

    private ActionReport delete(QuarantineSettings quarantine, String... ids) {
        return new ActionService(AuditLog.at(dir.resolve("audit.log")), CLOCK).run(
                new ActionRequest(Action.DELETE, new Selection(List.of(ids), MessageFilter.none(), false), false, "", quarantine),
                hosts(), callbacks());
    }

    private ActionReport restore(RestoreRequest request) {
        return new RestoreService(AuditLog.at(dir.resolve("audit.log")), CLOCK).run(request, hosts(), SETTINGS, callbacks());
    }

    private static Map<String, ActionOutcome> outcomes(ActionReport report) {
        Map<String, ActionOutcome> all = new LinkedHashMap<>();
        report.forEachRow(r -> all.put(r.outcome().id(), r.outcome()));
        return all;
    }

    @Test
    void onlyWhatWasKeptIsDeletedUnderTheAuditRunsId() throws IOException {
        adapter.store.cannotKeep.add(B);
        ActionReport report = delete(SETTINGS, A, B);
        Map<String, ActionOutcome> outcomes = outcomes(report);
        assertThat(outcomes.get(A).isOk()).isTrue();
        assertThat(outcomes.get(B).result()).isEqualTo(ActionOutcome.Result.FAILED);
        assertThat(outcomes.get(B).detail()).contains("not deleted");
        assertThat(adapter.deleted).containsExactly(A);
        assertThat(adapter.queue).containsKey(B);
        assertThat(adapter.store.runs).containsOnlyKeys(report.runId());
        assertThat(adapter.store.prepared).isEqualTo(2000 + 2); // the fake's estimate of both selected messages
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"run\":\"" + report.runId() + "\"");
        assertThat(report.exitCode()).isEqualTo(ExitCode.PARTIAL);
    }

    @Test
    void aRefusalStopsTheHostBeforeTheConfirmationAndDeletesNothing() {
        adapter.store.refuse = true;
        ActionReport report = delete(SETTINGS, A, B); // in turn: the host fails (one host over Fleet: thrown, exit 8)
        assertThat(report.failedHosts()).containsEntry("local", "not enough free space; nothing was deleted");
        assertThat(confirmations).isZero();
        assertThat(adapter.deleted).isEmpty();
        assertThat(adapter.queue).containsKeys(A, B);
    }

    @Test
    void withoutQuarantineNothingIsKept() {
        delete(null, A);
        assertThat(adapter.deleted).containsExactly(A);
        assertThat(adapter.store.runs).isEmpty();
        assertThat(adapter.store.prepared).isEqualTo(-1);
    }

    @Test
    void onlyDeleteQuarantines() {
        assertThatThrownBy(() -> new ActionRequest(Action.HOLD, new Selection(List.of(A), MessageFilter.none(), false), false,
                "", SETTINGS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoreByRunPutsBackWhatThatRunKeptAndSkipsTheFullyDelivered() throws IOException {
        String first = delete(SETTINGS, A, C).runId();
        String second = delete(SETTINGS, B).runId();
        assertThat(adapter.queue).isEmpty();
        ActionReport report = restore(new RestoreRequest(new Selection(List.<String>of(), MessageFilter.none(), false), first,
                false, ""));
        Map<String, ActionOutcome> outcomes = outcomes(report);
        assertThat(outcomes.get(A).isOk()).isTrue();
        assertThat(outcomes.get(C).result()).isEqualTo(ActionOutcome.Result.SKIPPED);
        assertThat(outcomes).doesNotContainKey(B);
        assertThat(adapter.queue).containsOnlyKeys(A);
        assertThat(adapter.store.purges).containsExactly(SETTINGS.retention()); // the retention, enforced on the way
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"action\":\"restore\"").contains("\"selection\":\"run\"");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void anIdKeptByTwoRunsComesBackFromTheNewest() {
        String first = delete(SETTINGS, A).runId();
        restore(new RestoreRequest(new Selection(List.of(A), MessageFilter.none(), false), null, false, ""));
        adapter.queue.put(A, message(A, "changed@example.org", pending("z@example.com")));
        String second = delete(SETTINGS, A).runId();
        // put the first run's copy back in the fake, as if the first restore had been refused
        adapter.store.runs.get(first).add(new dev.qctl.model.QuarantinedMessage(first, Instant.EPOCH,
                message(A, "spam1@example.org", pending("x@example.com"))));
        restore(new RestoreRequest(new Selection(List.of(A), MessageFilter.none(), false), null, false, ""));
        assertThat(adapter.queue.get(A).sender()).isEqualTo("changed@example.org");
        assertThat(adapter.store.runs.get(second)).isEmpty();
        assertThat(adapter.store.runs.get(first)).hasSize(1);
    }

    @Test
    void restoreNeedsSomethingToChooseByAndReportsWhatIsNotKept() {
        assertThatThrownBy(() -> restore(new RestoreRequest(new Selection(List.<String>of(), MessageFilter.none(), false), null,
                false, ""))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--run");
        assertThatThrownBy(() -> new RestoreRequest(new Selection(List.<String>of(), MessageFilter.none(), false), "../x", false, ""))
                .isInstanceOf(IllegalArgumentException.class);
        ActionReport report = restore(new RestoreRequest(new Selection(List.of(A), MessageFilter.none(), false), null, false, ""));
        assertThat(outcomes(report).get(A).result()).isEqualTo(ActionOutcome.Result.NOT_FOUND);
        assertThat(report.exitCode()).isEqualTo(ExitCode.PARTIAL);
    }

    @Test
    void aDryRunRestoresNothing() {
        String run = delete(SETTINGS, A).runId();
        ActionReport report = restore(new RestoreRequest(new Selection(List.<String>of(), MessageFilter.none(), false), run, true, ""));
        assertThat(report.hosts().get(0).selected()).isEqualTo(1);
        assertThat(adapter.queue).doesNotContainKey(A);
        assertThat(confirmations).isEqualTo(1); // the delete's only
    }
}
