package dev.qctl.mta.exim;

import static dev.qctl.mta.exim.EximFixtures.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.LocalTransport;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.RecipientStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool script itself, run by a real sh/find/awk through {@link LocalTransport} on copies of
 * recorded spools and on spools made for the case: no Exim needed.
 */
class EximSpoolScriptTest {
    private final Transport local = new LocalTransport();
    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path tmp;

    @Test
    void readsARecordedSplitSpoolLikeTheRecordedRun() throws IOException {
        Path spool = EximFixtures.copySpool(SPLIT, tmp.resolve("spool"));
        Map<String, QueuedMessage> live = index(list(spool));
        Map<String, QueuedMessage> recorded = index(recordedRecords());
        assertThat(live).isEqualTo(recorded).hasSize(4);
        assertThat(warnings).isEmpty();
    }

    @Test
    void readsTheRecordedSandboxSpoolExactly() throws IOException {
        // the sandbox's seeded queue: flat spool, a 5 MB message (its -D is restored to its real size)
        Path spool = EximFixtures.copySpool(EximFixtures.SANDBOX, tmp.resolve("spool"));
        Map<String, QueuedMessage> live = index(list(spool));
        assertThat(live.keySet()).isEqualTo(EximFixtures.messageSizes(EximFixtures.SANDBOX).keySet());
        EximFixtures.messageSizes(EximFixtures.SANDBOX).forEach((id, size) -> assertThat(live.get(id).size()).isEqualTo(size));
        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutGnuStatTheSizesComeFromLs() throws IOException {
        // BSD stat has no -c: a stat that fails makes the script fall back to ls -ln.
        Path spool = EximFixtures.copySpool(SPLIT, tmp.resolve("spool"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fakeStat = bin.resolve("stat");
        Files.writeString(fakeStat, "#!/bin/sh\necho 'stat: illegal option -- c' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fakeStat, PosixFilePermissions.fromString("rwxr-xr-x"));
        Transport withoutStat = new Transport() {
            @Override
            public String target() {
                return "local";
            }

            @Override
            public RunningCommand start(Command command) {
                List<String> argv = new ArrayList<>(List.of("env", "PATH=" + bin + ":" + System.getenv("PATH")));
                argv.addAll(command.argv());
                return local.start(new Command(argv));
            }

            @Override
            public boolean isExecutable(String path) {
                return local.isExecutable(path);
            }
        };
        try (Stream<QueuedMessage> s = EximSpoolListing.open(withoutStat, EximSpoolScript.listAll(spool.toString()),
                spool.toString(), warnings::add)) {
            assertThat(index(s.toList())).isEqualTo(index(recordedRecords()));
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void oneMessageByIdInASplitSpool() throws IOException {
        Path spool = EximFixtures.copySpool(SPLIT, tmp.resolve("spool"));
        List<QueuedMessage> one = drain(EximSpoolScript.listSome(spool.toString(), List.of("1xX5fY-0003Vi-1f")));
        assertThat(one).extracting(QueuedMessage::id).containsExactly("1xX5fY-0003Vi-1f");
        assertThat(one.get(0).size()).isEqualTo(425);
        assertThat(drain(EximSpoolScript.listSome(spool.toString(), List.of("1xX5fY-0003Vi-1X")))).isEmpty();
    }

    @Test
    void theInstalledReaderListsExactlyWhatTheInlineScriptLists() throws IOException {
        // the pinned sudo mode: qctl hosts spool-reader > FILE, run as "sh FILE SPOOL [ID]"
        Path spool = EximFixtures.copySpool(SPLIT, tmp.resolve("spool"));
        Path reader = java.nio.file.Files.writeString(tmp.resolve("qctl-exim-spool"), EximAdapter.spoolReaderScript());
        assertThat(EximSpoolScript.listAll(spool.toString(), reader.toString()).argv())
                .containsExactly("sh", reader.toString(), spool.toString());
        List<QueuedMessage> pinned = drain(EximSpoolScript.listAll(spool.toString(), reader.toString()));
        assertThat(pinned).hasSize(4).containsExactlyInAnyOrderElementsOf(drain(EximSpoolScript.listAll(spool.toString())));
        assertThat(drain(EximSpoolScript.listSome(spool.toString(), List.of("1xX5fY-0003Vi-1f", "1xX5fY-0003Vi-1X"), reader.toString())))
                .extracting(QueuedMessage::id).containsExactly("1xX5fY-0003Vi-1f");
    }

    @Test
    void truncatedVanishedAndOddFilesDoNotStopTheListing() throws IOException {
        Path spool = EximFixtures.copySpool(SPLIT, tmp.resolve("spool"));
        Path input = spool.resolve("input");
        // a -H file cut in the middle of its headers (being written, or a crash)
        Path cut = input.resolve("Y/1xX5fY-0003Vi-1f-H");
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 20));
        // a message whose -D file is gone (Exim removes -D before -H when it is done)
        Files.delete(input.resolve("Y/1xX5fY-0003Vm-1h-D"));
        // names that are no Exim spool files
        Files.writeString(input.resolve("odd name-H"), "x");
        Files.writeString(input.resolve("K/it's-H"), "x");
        Files.writeString(input.resolve("hdr.12345"), "x");
        // a message log that is missing
        Files.delete(spool.resolve("msglog/K/1xX5fK-0003Sd-1m"));

        List<QueuedMessage> records = list(spool);
        assertThat(records).extracting(QueuedMessage::id)
                .containsExactlyInAnyOrder("1xX5fK-0003Sd-1m", "1xX5fY-0003Vq-1k");
        assertThat(warnings).singleElement().asString().contains("1xX5fY-0003Vi-1f").contains("truncated");
    }

    @Test
    void journalFileMarksDeliveredAddresses() throws IOException {
        Path spool = EximFixtures.copySpool(SPLIT, tmp.resolve("spool"));
        Files.writeString(spool.resolve("input/Y/1xX5fY-0003Vi-1f-J"), "plain@example.com\n");
        QueuedMessage m = index(list(spool)).get("1xX5fY-0003Vi-1f");
        assertThat(m.recipients()).filteredOn(r -> r.status() == RecipientStatus.DELIVERED)
                .extracting(r -> r.address()).containsExactly("plain@example.com", "heidi@local.test");
    }

    @Test
    void flatSpoolWithMsglogInASubdirectoryAndHostileContent() throws IOException {
        Path spool = tmp.resolve("spool");
        Files.createDirectories(spool.resolve("input"));
        Files.createDirectories(spool.resolve("msglog/J"));
        String id = "1xX5eJ-0001hg-2t";
        byte[] header = HeaderFileBuilder.message(id).recipient("bob@example.com")
                .header(' ', "Subject: x\n\nE 0\nM input/1xX5eJ-0001hg-2u-H 1 1\nH\n.1xX5eJ-0001hg-2u-H")
                .header(' ', "X-Bytes: \u00e9\u00e8 \u001b[31m").build();
        Files.write(spool.resolve("input/" + id + "-H"), header);
        Files.writeString(spool.resolve("input/" + id + "-D"), id + "-D\nbody\n");
        Files.writeString(spool.resolve("msglog/J/" + id),
                "2026-11-27 23:46:41 bob@example.com R=r T=t defer (111): Connection refused\n");
        List<QueuedMessage> records = list(spool);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).recipients().get(0).reason()).isEqualTo("Connection refused");
        assertThat(records.get(0).size()).isEqualTo(header.length - headerEnvelopeLength(header) - 5L * 2 + 1 + 5);
    }

    @Test
    void emptyAndMissingSpools() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("fresh")); // Exim creates input/ on first use
        assertThat(list(empty)).isEmpty();
        Files.createDirectories(empty.resolve("input"));
        assertThat(list(empty)).isEmpty();
        assertThatThrownBy(() -> list(tmp.resolve("nowhere")))
                .isInstanceOf(QctlException.class)
                .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.UNAVAILABLE))
                .hasMessageContaining("no Exim spool directory at " + tmp.resolve("nowhere"));
    }

    @Test
    void anUnreadableSpoolIsAPermissionError() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to run the script as an unprivileged user");
        Path spool = EximFixtures.copySpool(SPLIT, Files.createDirectories(tmp.resolve("private")).resolve("spool"));
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(spool.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Transport asNobody = new Transport() {
            @Override
            public String target() {
                return "local";
            }

            @Override
            public RunningCommand start(Command command) {
                List<String> argv = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
                argv.addAll(command.argv());
                return local.start(new Command(argv));
            }

            @Override
            public boolean isExecutable(String path) {
                return local.isExecutable(path);
            }
        };
        try (Stream<QueuedMessage> s = EximSpoolListing.open(asNobody, EximSpoolScript.listAll(spool.toString()),
                spool.toString(), warnings::add)) {
            assertThatThrownBy(s::count)
                    .isInstanceOf(QctlException.class)
                    .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.PERMISSION))
                    .hasMessageContaining("run qctl as root or with --sudo");
        }
    }

    @Test
    @Timeout(120)
    void manyMessagesInSeveralBatchesAndStoppingEarly() throws IOException {
        Path spool = tmp.resolve("spool");
        byte[] template = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("bob@example.com")
                .header(' ', "Subject: bulk").build();
        String templateText = new String(template, StandardCharsets.ISO_8859_1);
        int n = 7000; // find hands the script a few thousand names per batch
        for (int i = 0; i < n; i++) {
            String id = String.format("1xX5eJ-%06d-%02d", i / 100, i % 100);
            Path dir = Files.createDirectories(spool.resolve("input/" + id.charAt(5)));
            Files.write(dir.resolve(id + "-H"),
                    templateText.replace("1xX5eJ-0001hg-2t", id).getBytes(StandardCharsets.ISO_8859_1));
            Files.writeString(dir.resolve(id + "-D"), id + "-D\nbody\n");
        }
        List<QueuedMessage> all = list(spool);
        assertThat(all).hasSize(n);
        assertThat(all).extracting(QueuedMessage::queue).containsOnly(QueueName.DEFERRED);
        assertThat(all.stream().map(QueuedMessage::id).distinct().count()).isEqualTo(n);

        try (Stream<QueuedMessage> s = EximSpoolListing.open(local, EximSpoolScript.listAll(spool.toString()),
                spool.toString(), warnings::add)) {
            assertThat(s.limit(3).count()).isEqualTo(3); // closing stops the script
        }
        assertThat(warnings).isEmpty();
    }

    private List<QueuedMessage> list(Path spool) {
        return drain(EximSpoolScript.listAll(spool.toString()));
    }

    private List<QueuedMessage> drain(Command command) {
        String spool = command.argv().get(command.argv().get(1).equals("-c") ? 4 : 2); // sh -c SCRIPT sh SPOOL, or sh FILE SPOOL
        try (Stream<QueuedMessage> s = EximSpoolListing.open(local, command, spool, warnings::add)) {
            return s.toList();
        }
    }

    private List<QueuedMessage> recordedRecords() throws IOException {
        EximSpoolStreamParser parser = new EximSpoolStreamParser(
                new ByteArrayInputStream(EximFixtures.bytes(SPLIT, "stream.txt")));
        EximRecordMapper mapper = new EximRecordMapper(LocalTransport.TARGET, warnings::add);
        List<QueuedMessage> records = new ArrayList<>();
        EximSpoolEntry e;
        while ((e = parser.next()) != null) {
            mapper.map(e).ifPresent(records::add);
        }
        return records;
    }

    private static Map<String, QueuedMessage> index(List<QueuedMessage> records) {
        return records.stream().collect(Collectors.toMap(QueuedMessage::id, m -> m));
    }

    /** Bytes of a hand-made -H file before its first header line. */
    private static int headerEnvelopeLength(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        return text.indexOf("\n\n") + 2;
    }
}
