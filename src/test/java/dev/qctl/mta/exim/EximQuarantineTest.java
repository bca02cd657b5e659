package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.LocalTransport;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.QuarantinedMessage;
import dev.qctl.mta.OutcomeSink;
import dev.qctl.mta.QuarantineSettings;
import dev.qctl.mta.QuarantineStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Exim quarantine's script run for real (local sh) on a spool of the test's own: what is kept,
 * listed and put back, byte for byte with the files' modes, and the refusals.
 */
class EximQuarantineTest {
    private static final String A = "1xYMyX-0002yU-1v";
    private static final String B = "1xYMyX-0002yW-1x"; // kept in a split_spool_directory subdirectory
    private static final String GONE = "1xYMyX-0002yZ-2a";

    @TempDir
    Path dir;
    private Path spool;
    private final Map<String, String> outcomes = new LinkedHashMap<>();

    @BeforeEach
    void spool() throws IOException {
        spool = dir.resolve("spool");
        message(spool.resolve("input"), spool.resolve("msglog"), A, "alice@example.org");
        char x = B.charAt(5);
        message(spool.resolve("input").resolve(String.valueOf(x)), spool.resolve("msglog").resolve(String.valueOf(x)), B,
                "bob@example.org");
    }

    private static void message(Path input, Path msglog, String id, String sender) throws IOException {
        Files.createDirectories(input);
        Files.createDirectories(msglog);
        Files.write(input.resolve(id + "-H"), HeaderFileBuilder.message(id).sender(sender).time(1_796_000_000L)
                .recipient("one@example.com").recipient("two@example.com").header(' ', "Subject: hi " + id).build());
        Files.writeString(input.resolve(id + "-D"), id + "-D\nbody of " + id + "\n.\n\u00e9\n", StandardCharsets.UTF_8);
        Files.writeString(msglog.resolve(id), "2026-11-28 00:00:00 Received from " + sender + "\n");
        for (Path p : List.of(input.resolve(id + "-H"), input.resolve(id + "-D"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
        }
    }

    /**
     * The pinned sudo mode: the quarantine script and the spool reader installed ({@code qctl hosts
     * quarantine-script}, {@code spool-reader}) and run as {@code sh FILE …}: the same outcomes, the
     * same records of the kept messages and the same files back as inline.
     */
    @Test
    void theInstalledScriptsKeepListAndRestoreExactlyAsTheInlineOnes() throws IOException {
        Path script = Files.writeString(dir.resolve("qctl-quarantine"), dev.qctl.mta.QuarantineScript.script());
        Path reader = Files.writeString(dir.resolve("qctl-exim-spool"), EximAdapter.spoolReaderScript());
        byte[] aH = read(spool.resolve("input").resolve(A + "-H"));
        List<Object> inline = cycle(new EximQuarantine(new LocalTransport(), settings("q-inline"), spool::toString, null, null));
        assertThat(read(spool.resolve("input").resolve(A + "-H"))).isEqualTo(aH);
        List<Object> pinned = cycle(new EximQuarantine(new LocalTransport(), settings("q-pinned"), spool::toString,
                reader.toString(), script.toString()));
        assertThat(read(spool.resolve("input").resolve(A + "-H"))).isEqualTo(aH);
        assertThat(pinned).isEqualTo(inline);
        assertThat(inline.get(0).toString()).contains(A + "=ok", GONE + "=not-found");
        assertThat(dir.resolve("q-pinned/exim")).isDirectory();
    }

    /** Keep A, B and one gone; list; take them out of the spool; restore; list again. */
    private List<Object> cycle(QuarantineStore store) throws IOException {
        outcomes.clear();
        store.prepare(1000);
        store.store("tpd9c5-d4dc31", List.of(A, B, GONE), sink());
        List<Object> seen = new java.util.ArrayList<>(List.of(new LinkedHashMap<>(outcomes)));
        List<dev.qctl.model.QueuedMessage> kept;
        try (Stream<QuarantinedMessage> s = store.list(w -> { })) {
            kept = s.map(QuarantinedMessage::message).sorted(java.util.Comparator.comparing(dev.qctl.model.QueuedMessage::id)).toList();
        }
        assertThat(kept).hasSize(2);
        seen.add(kept);
        Path bInput = spool.resolve("input").resolve(String.valueOf(B.charAt(5)));
        for (Path p : List.of(spool.resolve("input").resolve(A + "-H"), spool.resolve("input").resolve(A + "-D"),
                bInput.resolve(B + "-H"), bInput.resolve(B + "-D"))) {
            Files.delete(p);
        }
        outcomes.clear();
        store.restore("tpd9c5-d4dc31", kept, sink());
        seen.add(new LinkedHashMap<>(outcomes));
        try (Stream<QuarantinedMessage> s = store.list(w -> { })) {
            seen.add(s.toList());
        }
        seen.add(store.purge(Duration.ZERO).stream().map(r -> r.run()).toList());
        return seen;
    }

    private QuarantineSettings settings(String name) {
        return new QuarantineSettings(dir.resolve(name).toString(), Duration.ofDays(7), 0, 0);
    }

    private QuarantineStore store(long minFree, long cap) {
        return new EximQuarantine(new LocalTransport(), new QuarantineSettings(dir.resolve("q").toString(), Duration.ofDays(7),
                cap, minFree), spool::toString, null, null);
    }

    private OutcomeSink sink() {
        return new OutcomeSink() {
            @Override
            public void outcome(String id, Result result, String detail) {
                outcomes.putIfAbsent(id, result.label() + (detail.isEmpty() ? "" : ": " + detail));
            }

            @Override
            public void handedOver(String id) {
            }
        };
    }

    private byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    @Test
    void keepsTheSpoolFilesAndPutsThemBackExactlyUnderTheSameIds() throws IOException {
        Path bInput = spool.resolve("input").resolve(String.valueOf(B.charAt(5)));
        byte[] aH = read(spool.resolve("input").resolve(A + "-H"));
        byte[] aD = read(spool.resolve("input").resolve(A + "-D"));
        byte[] bH = read(bInput.resolve(B + "-H"));
        QuarantineStore store = store(0, 0);
        store.prepare(1000);
        store.store("tpd9c5-d4dc31", List.of(A, B, GONE), sink());
        assertThat(outcomes).containsEntry(A, "ok").containsEntry(B, "ok")
                .containsEntry(GONE, "not-found: left the queue before the quarantine");
        Path run = dir.resolve("q").resolve("exim").resolve("tpd9c5-d4dc31");
        assertThat(read(run.resolve("input").resolve(A + "-H"))).isEqualTo(aH);
        assertThat(read(run.resolve("input").resolve(A + "-D"))).isEqualTo(aD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve("input").resolve(A + "-D"))))
                .isEqualTo("rw-r-----");
        assertThat(run.resolve("msglog").resolve(A)).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("q").resolve("exim"))))
                .isEqualTo("rwx------");

        List<QuarantinedMessage> kept;
        try (Stream<QuarantinedMessage> s = store.list(w -> { })) {
            kept = s.toList();
        }
        assertThat(kept).extracting(q -> q.message().id()).containsExactlyInAnyOrder(A, B);
        assertThat(kept).allSatisfy(q -> {
            assertThat(q.run()).isEqualTo("tpd9c5-d4dc31");
            assertThat(q.message().recipients()).extracting(r -> r.address()).containsExactly("one@example.com", "two@example.com");
        });

        // deleted from the queue, then restored
        Files.delete(spool.resolve("input").resolve(A + "-H"));
        Files.delete(spool.resolve("input").resolve(A + "-D"));
        Files.delete(bInput.resolve(B + "-H"));
        Files.delete(bInput.resolve(B + "-D"));
        outcomes.clear();
        store.restore("tpd9c5-d4dc31", kept.stream().map(QuarantinedMessage::message).toList(), sink());
        assertThat(outcomes).containsEntry(A, "ok").containsEntry(B, "ok");
        assertThat(read(spool.resolve("input").resolve(A + "-H"))).isEqualTo(aH);
        assertThat(read(spool.resolve("input").resolve(A + "-D"))).isEqualTo(aD);
        assertThat(read(bInput.resolve(B + "-H"))).isEqualTo(bH); // back in its subdirectory
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.resolve("input").resolve(A + "-H"))))
                .isEqualTo("rw-r-----");
        try (Stream<QuarantinedMessage> s = store.list(w -> { })) {
            assertThat(s.toList()).isEmpty();
        }
        try (Stream<Path> left = Files.list(spool.resolve("input"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".qctl-"));
        }
    }

    @Test
    void aTakenIdStaysKeptAndAMessageNoLongerKeptIsNotFound() {
        QuarantineStore store = store(0, 0);
        store.store("tpd9c5-d4dc31", List.of(A), sink());
        List<QuarantinedMessage> kept;
        try (Stream<QuarantinedMessage> s = store.list(w -> { })) {
            kept = s.toList();
        }
        outcomes.clear();
        store.restore("tpd9c5-d4dc31", kept.stream().map(QuarantinedMessage::message).toList(), sink()); // A still queued
        assertThat(outcomes.get(A)).startsWith("failed: its queue ID is taken");
        try (Stream<QuarantinedMessage> s = store.list(w -> { })) {
            assertThat(s.toList()).hasSize(1);
        }
        outcomes.clear();
        store.restore("tpd9c5-ffffff", kept.stream().map(QuarantinedMessage::message).toList(), sink());
        assertThat(outcomes.get(A)).startsWith("not-found");
    }

    @Test
    void refusesWhenTheFreeSpaceOrTheCapWouldNotDo() {
        assertThatThrownBy(() -> store(1L << 60, 0).prepare(1000))
                .isInstanceOfSatisfying(QctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NO_SPACE))
                .hasMessageContaining("not enough free space").hasMessageContaining("nothing was deleted");
        assertThatThrownBy(() -> store(0, 4096).prepare(1L << 20))
                .isInstanceOfSatisfying(QctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NO_SPACE))
                .hasMessageContaining("size cap");
        outcomes.clear();
        assertThatThrownBy(() -> store(1L << 60, 0).store("tpd9c5-d4dc31", List.of(A), sink()))
                .isInstanceOfSatisfying(QctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NO_SPACE));
        assertThat(outcomes).isEmpty();
    }

    @Test
    void purgesRunsByAgeAndKeepsTheRecentOnes() throws IOException {
        QuarantineStore store = store(0, 0);
        store.store("tpd9c5-000001", List.of(A), sink());
        store.store("tpd9c5-000002", List.of(B), sink());
        Path old = dir.resolve("q").resolve("exim").resolve("tpd9c5-000001").resolve("run");
        long then = System.currentTimeMillis() / 1000 - 8 * 86_400L;
        Files.writeString(old, Files.readString(old).replaceAll("(?m)^time \\d+$", "time " + then));
        List<QuarantineStore.PurgedRun> purged = store.purge(Duration.ofDays(7));
        assertThat(purged).extracting(QuarantineStore.PurgedRun::run).containsExactly("tpd9c5-000001");
        assertThat(purged.get(0).why()).isEqualTo("age");
        assertThat(old.getParent()).doesNotExist();
        assertThat(store.purge(Duration.ZERO)).extracting(QuarantineStore.PurgedRun::run).containsExactly("tpd9c5-000002");
    }

    @Test
    void aSymbolicLinkIsNeverUsedAsTheQuarantine() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(dir.resolve("q"));
        Files.createSymbolicLink(dir.resolve("q").resolve("exim"), elsewhere);
        assertThatThrownBy(() -> store(0, 0).store("tpd9c5-d4dc31", List.of(A), sink()))
                .isInstanceOf(QctlException.class).hasMessageContaining("refusing to use it");
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
