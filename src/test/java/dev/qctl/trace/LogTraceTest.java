package dev.qctl.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.CannedProcess;
import dev.qctl.exec.Command;
import dev.qctl.exec.LocalTransport;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.LogEvent;
import dev.qctl.model.LogEventKind;
import dev.qctl.mta.LogTimestamps;
import dev.qctl.mta.MailLog;
import dev.qctl.mta.exim.EximLogParserAccess;
import dev.qctl.mta.postfix.PostfixLogParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces through real log lines captured from the sandbox's Postfix 3.7 and Exim 4.96, searched
 * with this machine's real grep and zgrep (LocalTransport), in files laid out as logrotate leaves them.
 */
class LogTraceTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String FIRST = "09CEB16268F";
    private static final String SECOND = "11F09162699";

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private List<String> postfix;

    @BeforeEach
    void load() throws IOException {
        postfix = resource("postfix-3.7-sandbox.log");
    }

    static List<String> resource(String name) throws IOException {
        try (InputStream in = LogTraceTest.class.getResourceAsStream("/dev/qctl/trace/" + name)) {
            return List.of(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    private MailLog postfixLog(Transport transport, Path... candidates) {
        List<String> files = java.util.Arrays.stream(candidates).map(Path::toString).toList();
        return new MailLog(transport, "Postfix", new PostfixLogParser(new LogTimestamps(ZoneOffset.UTC, NOW)),
                () -> files, true);
    }

    private TraceResult trace(MailLog log, LogQuery query) {
        return new LogTrace(log, warnings::add).trace(query);
    }

    private static LogQuery ids(String... ids) {
        return new LogQuery(List.of(ids), null, null, null, null, null, 100, 5, null);
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }

    private static List<String> linesOf(MessageTrace m) {
        return m.events().stream().map(LogEvent::line).toList();
    }

    private List<String> grepF(String needle) {
        return postfix.stream().filter(l -> l.contains(needle)).toList();
    }

    @Test
    void contentFilterHopFromTheFirstQueueIdToTheLast() throws IOException {
        Path log = write("postfix.log", postfix);
        TraceResult r = trace(postfixLog(new LocalTransport(), log), ids(FIRST));
        assertThat(r.messages()).hasSize(1);
        MessageTrace m = r.messages().get(0);
        assertThat(m.queueIds()).containsExactly(FIRST, SECOND);
        assertThat(r.passes()).isEqualTo(2);
        List<String> expected = new ArrayList<>(grepF(FIRST + ":"));
        expected.addAll(grepF(SECOND + ":"));
        assertThat(linesOf(m)).containsExactlyElementsOf(expected);
        assertThat(m.sender()).isEqualTo("hoptest@example.org");
        assertThat(m.messageId()).isEqualTo("hoptest-1@qctl.test");
        LogEvent last = m.finalAttempts().get("x@refused.mx.test");
        assertThat(last.queueId()).isEqualTo(SECOND);
        assertThat(last.kind()).isEqualTo(LogEventKind.DEFERRED);
        assertThat(warnings).isEmpty();
    }

    @Test
    void fromTheLastQueueIdBackToTheFirst() throws IOException {
        Path log = write("postfix.log", postfix);
        MessageTrace m = trace(postfixLog(new LocalTransport(), log), ids(SECOND)).messages().get(0);
        assertThat(m.queueIds()).containsExactly(FIRST, SECOND);
        assertThat(m.events().get(0).line()).contains(FIRST + ": client=");
    }

    @Test
    void rotatedAndGzippedFilesInOrder() throws IOException {
        int a = postfix.indexOf(grepF(FIRST + ": message-id").get(0));
        int b = postfix.indexOf(grepF(FIRST + ": removed").get(0));
        write("mail.log.2.gz", postfix.subList(0, a));
        write("mail.log.1", postfix.subList(a, b));
        Path current = write("mail.log", postfix.subList(b, postfix.size()));
        MailLog log = postfixLog(new LocalTransport(), dir.resolve("nonexistent.log"), current);
        TraceResult r = trace(log, ids(FIRST));
        assertThat(r.sources().files()).extracting(f -> Path.of(f.path()).getFileName().toString())
                .containsExactly("mail.log.2.gz", "mail.log.1", "mail.log");
        List<String> expected = new ArrayList<>(grepF(FIRST + ":"));
        expected.addAll(grepF(SECOND + ":"));
        assertThat(linesOf(r.messages().get(0))).containsExactlyElementsOf(expected);
        // a line only the .gz file has
        String seeded = "AD6F6162549";
        MessageTrace old = trace(log, ids(seeded)).messages().get(0);
        assertThat(linesOf(old)).containsExactlyElementsOf(grepF(seeded + ":")).isNotEmpty();
    }

    @Test
    void sinceAndUntilNarrow() throws IOException {
        Path log = write("postfix.log", postfix);
        MailLog mailLog = postfixLog(new LocalTransport(), log);
        String id = "374DB162573"; // 09:16:12 queued and tried, 09:16:14 removed
        LogQuery untilBefore = new LogQuery(List.of(id), null, null, null, null,
                Instant.parse("2026-12-01T09:16:13Z"), 100, 5, null);
        assertThat(trace(mailLog, untilBefore).messages().get(0).events()).extracting(LogEvent::kind)
                .doesNotContain(LogEventKind.REMOVED).contains(LogEventKind.DEFERRED);
        LogQuery sinceAfter = new LogQuery(List.of(id), null, null, null, Instant.parse("2026-12-01T09:16:13Z"),
                null, 100, 5, null);
        assertThat(trace(mailLog, sinceAfter).messages().get(0).events()).extracting(LogEvent::kind)
                .containsExactly(LogEventKind.REMOVED);
        LogQuery outside = new LogQuery(List.of(id), null, null, null, Instant.parse("2026-12-01T10:00:00Z"),
                null, 100, 5, null);
        assertThat(trace(mailLog, outside).messages()).isEmpty();
    }

    @Test
    void byMessageIdAndBySender() throws IOException {
        MailLog log = postfixLog(new LocalTransport(), write("postfix.log", postfix));
        TraceResult byId = trace(log, new LogQuery(List.of(), "hoptest-1@qctl.test", null, null, null, null, 100, 5, null));
        assertThat(byId.messages()).singleElement().satisfies(m -> assertThat(m.queueIds()).containsExactly(FIRST, SECOND));
        TraceResult bySender = trace(log, new LogQuery(List.of(), null, "HOPTEST@*", null, null, null, 100, 5, null));
        assertThat(bySender.messages()).singleElement().satisfies(m -> assertThat(m.queueIds()).containsExactly(FIRST, SECOND));
        TraceResult byRecipient = trace(log, new LogQuery(List.of(), null, null, "*@example.com", null, null, 100, 5, null));
        // samples 1, 4, 6, 3 (erin) and the probe: each its own message
        assertThat(byRecipient.messages()).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(m -> assertThat(m.queueIds()).hasSize(1));
        TraceResult limited = trace(log, new LogQuery(List.of(), null, null, "*@example.com", null, null, 2, 5, null));
        assertThat(limited.messages()).hasSize(2);
        assertThat(warnings).anyMatch(w -> w.contains("--limit"));
    }

    @Test
    void eximLinesAreExactlyThoseOfTheMessage() throws IOException {
        List<String> exim = resource("exim-4.96-mainlog");
        Path log = write("mainlog", exim);
        MailLog mailLog = new MailLog(new LocalTransport(), "Exim", EximLogParserAccess.parser(NOW), () -> List.of(log.toString()), false);
        String id = "1xYJqn-00012Y-1Z";
        TraceResult r = trace(mailLog, ids(id));
        assertThat(r.passes()).isEqualTo(1);
        assertThat(linesOf(r.messages().get(0))).containsExactlyElementsOf(
                exim.stream().filter(l -> l.contains(" " + id + " ")).toList());
    }

    @Test
    void missingLog() {
        MailLog log = postfixLog(new LocalTransport(), dir.resolve("none.log"));
        assertThatThrownBy(() -> trace(log, new LogQuery(List.of(FIRST), null, null, null, null, null, 100, 5,
                dir.resolve("none.log").toString())))
                .isInstanceOfSatisfying(QctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_FOUND))
                .hasMessageContaining("no mail log " + dir.resolve("none.log"));
    }

    /** find's answer for a file root could not read (the tests run as root, so it is scripted here). */
    @Test
    void unreadableLog() {
        Transport transport = new Transport() {
            @Override
            public String target() {
                return "mx1";
            }

            @Override
            public RunningCommand start(Command command) {
                String out = command.program().equals("find") ? "u 1764580000.5 /var/log/mail.log\n" : "";
                return new CannedProcess(0, out.getBytes(StandardCharsets.UTF_8), "", () -> { });
            }

            @Override
            public boolean isExecutable(String path) {
                return false;
            }
        };
        MailLog log = new MailLog(transport, "Postfix", new PostfixLogParser(new LogTimestamps(ZoneOffset.UTC, NOW)),
                () -> List.of("/var/log/mail.log"), true);
        assertThatThrownBy(() -> log.locate(null))
                .isInstanceOfSatisfying(QctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PERMISSION))
                .hasMessageContaining("cannot read the mail log /var/log/mail.log on mx1");
    }
}
