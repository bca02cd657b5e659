package dev.qctl.output;

import static dev.qctl.model.TestMessages.message;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RecordWritersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private static final Instant ARRIVAL = Instant.parse("2026-11-27T23:49:23Z");
    private static final String REFUSED = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";
    private static final List<String> RECORD_FIELDS = List.of("host", "mta", "id", "queue", "arrival", "age_seconds",
            "size", "sender", "frozen", "recipients");

    private static final QueuedMessage PLAIN = message("EDEDC161FF9").arrival(ARRIVAL).size(5_297_125)
            .sender("alice@example.org").to("judy@example.net", REFUSED).build();
    private static final QueuedMessage BOUNCE = message("C43621602DE").arrival(ARRIVAL).size(655).bounce()
            .to("carol@example.net", REFUSED).build();
    private static final QueuedMessage MULTI = message("CDDF2161FFF").queue(QueueName.HOLD).arrival(ARRIVAL)
            .size(761).sender("dave@example.org")
            .to("frank@greylist.test", "Greylisted, please try again later")
            .to("grace@full.test", "Mailbox full")
            .to("erin@example.com").build();
    private static final QueuedMessage HOSTILE = message("4jbq6Y3nLkzC08f").queue(QueueName.ACTIVE)
            .arrival(ARRIVAL.minusSeconds(86_400 * 3)).size(42).sender("evil\u001b[31m@example.org")
            .to("jörg@exämple.org", "line1\nline2, \"quoted\"").build();

    private static String render(OutputFormat format, Terminal terminal, boolean headers, QueuedMessage... messages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, UTF_8);
        RecordWriter writer = RecordWriters.create(format, out, terminal, CLOCK, headers, false);
        for (QueuedMessage m : messages) {
            writer.write(m);
        }
        writer.finish();
        out.flush();
        return bytes.toString(UTF_8);
    }

    private static String render(OutputFormat format, QueuedMessage... messages) {
        return render(format, Terminal.PIPE, true, messages);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The documented record, checked the same way for JSON, NDJSON and YAML. */
    private static void assertPlainRecord(JsonNode r) {
        assertThat(fieldNames(r)).containsExactlyElementsOf(RECORD_FIELDS);
        assertThat(r.get("host").asText()).isEqualTo("local");
        assertThat(r.get("mta").asText()).isEqualTo("postfix");
        assertThat(r.get("id").asText()).isEqualTo("EDEDC161FF9");
        assertThat(r.get("queue").asText()).isEqualTo("deferred");
        assertThat(r.get("arrival").asText()).isEqualTo("2026-11-27T23:49:23Z");
        assertThat(r.get("age_seconds").isIntegralNumber()).isTrue();
        assertThat(r.get("age_seconds").asLong()).isEqualTo(637);
        assertThat(r.get("size").asLong()).isEqualTo(5_297_125);
        assertThat(r.get("sender").asText()).isEqualTo("alice@example.org");
        assertThat(r.get("frozen").isBoolean()).isTrue();
        assertThat(r.get("frozen").asBoolean()).isFalse();
        JsonNode recipients = r.get("recipients");
        assertThat(recipients.isArray()).isTrue();
        assertThat(recipients).hasSize(1);
        assertThat(fieldNames(recipients.get(0))).containsExactly("address", "status", "reason");
        assertThat(recipients.get(0).get("address").asText()).isEqualTo("judy@example.net");
        assertThat(recipients.get(0).get("status").asText()).isEqualTo("deferred");
        assertThat(recipients.get(0).get("reason").asText()).isEqualTo(REFUSED);
    }

    private static void assertMultiRecord(JsonNode r) {
        assertThat(r.get("queue").asText()).isEqualTo("hold");
        JsonNode recipients = r.get("recipients");
        assertThat(recipients).hasSize(3);
        assertThat(recipients.get(1).get("reason").asText()).isEqualTo("Mailbox full");
        assertThat(recipients.get(2).get("status").asText()).isEqualTo("pending");
        assertThat(recipients.get(2).get("reason").isNull()).isTrue();
    }

    @Nested
    class Json {
        @Test
        void oneArrayOfTheDocumentedRecords() throws Exception {
            JsonNode root = new ObjectMapper().readTree(render(OutputFormat.JSON, PLAIN, BOUNCE, MULTI, HOSTILE));
            assertThat(root.isArray()).isTrue();
            assertThat(root).hasSize(4);
            assertPlainRecord(root.get(0));
            assertThat(root.get(1).get("sender").asText()).isEmpty();
            assertMultiRecord(root.get(2));
            assertThat(root.get(3).get("sender").asText()).isEqualTo("evil\u001b[31m@example.org");
            assertThat(root.get(3).get("recipients").get(0).get("address").asText()).isEqualTo("jörg@exämple.org");
        }

        @Test
        void arrivalIsInWholeSeconds() throws Exception {
            QueuedMessage m = message("ABC123").arrival(Instant.parse("2026-11-27T23:49:23.987654Z")).build();
            JsonNode r = new ObjectMapper().readTree(render(OutputFormat.JSON, m)).get(0);
            assertThat(r.get("arrival").asText()).isEqualTo("2026-11-27T23:49:23Z");
            assertThat(r.get("age_seconds").asLong()).isEqualTo(636);
        }

        @Test
        void controlCharactersAreEscapedAndUtf8IsRaw() {
            String json = render(OutputFormat.JSON, HOSTILE);
            assertThat(json).doesNotContain("\u001b").contains("\\u001B").contains("jörg@exämple.org");
        }

        @Test
        void anEmptyListingIsAnEmptyArray() throws Exception {
            JsonNode root = new ObjectMapper().readTree(render(OutputFormat.JSON));
            assertThat(root.isArray()).isTrue();
            assertThat(root).isEmpty();
        }

        @Test
        void theDocumentEndsWithANewline() {
            assertThat(render(OutputFormat.JSON, PLAIN)).endsWith("]\n");
        }
    }

    @Nested
    class Ndjson {
        @Test
        void oneCompactObjectPerLine() throws Exception {
            String text = render(OutputFormat.NDJSON, PLAIN, BOUNCE, MULTI);
            assertThat(text).endsWith("\n");
            String[] lines = text.split("\n");
            assertThat(lines).hasSize(3);
            ObjectMapper json = new ObjectMapper();
            assertPlainRecord(json.readTree(lines[0]));
            assertThat(json.readTree(lines[1]).get("sender").asText()).isEmpty();
            assertMultiRecord(json.readTree(lines[2]));
        }

        @Test
        void aNewlineInsideAFieldStaysEscaped() {
            String text = render(OutputFormat.NDJSON, HOSTILE);
            assertThat(text.split("\n")).hasSize(1);
        }

        @Test
        void eachLineIsFlushedWholeWithinAMoment() throws InterruptedException {
            FlushRecorder recorder = new FlushRecorder();
            PrintStream out = new PrintStream(recorder, false, UTF_8);
            RecordWriter writer = RecordWriters.create(OutputFormat.NDJSON, out, Terminal.PIPE, CLOCK, true, false);

            writer.write(PLAIN);
            recorder.awaitFlushOf(1);
            assertThat(recorder.lastFlushed()).endsWith("\n").isEqualTo(recorder.content());

            writer.write(BOUNCE);
            recorder.awaitFlushOf(2);
            assertThat(recorder.lastFlushed()).endsWith("\n").isEqualTo(recorder.content());

            writer.finish();
            assertThat(recorder.content().split("\n")).hasSize(2);
            assertThat(recorder.flushes()).allSatisfy(f -> assertThat(f).endsWith("\n"));
        }

        @Test
        void aLongListingIsFlushedAFewTimesNotOncePerLine() {
            FlushRecorder recorder = new FlushRecorder();
            PrintStream out = new PrintStream(recorder, false, UTF_8);
            RecordWriter writer = RecordWriters.create(OutputFormat.NDJSON, out, Terminal.PIPE, CLOCK, true, false);
            for (int i = 0; i < 20_000; i++) {
                writer.write(PLAIN);
            }
            writer.finish();
            assertThat(recorder.content().split("\n")).hasSize(20_000);
            assertThat(recorder.flushes()).hasSizeLessThan(2_000)
                    .allSatisfy(f -> assertThat(f).endsWith("\n"));
        }

        @Test
        void anEmptyListingPrintsNothing() {
            assertThat(render(OutputFormat.NDJSON)).isEmpty();
        }
    }

    @Nested
    class Yaml {
        @Test
        void aSequenceOfTheDocumentedRecords() throws Exception {
            String text = render(OutputFormat.YAML, PLAIN, BOUNCE, MULTI, HOSTILE);
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
            assertThat(root.isArray()).isTrue();
            assertThat(root).hasSize(4);
            assertPlainRecord(root.get(0));
            assertThat(root.get(1).get("sender").asText()).isEmpty();
            assertMultiRecord(root.get(2));
            assertThat(root.get(3).get("sender").asText()).isEqualTo("evil\u001b[31m@example.org");
            assertThat(root.get(3).get("recipients").get(0).get("reason").asText())
                    .isEqualTo("line1\nline2, \"quoted\"");
            assertThat(text).doesNotStartWith("---");
        }

        @Test
        void yamlAndJsonCarryTheSameData() throws Exception {
            JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(render(OutputFormat.YAML, PLAIN, MULTI));
            JsonNode json = new ObjectMapper().readTree(render(OutputFormat.JSON, PLAIN, MULTI));
            assertThat(yaml).isEqualTo(json);
        }
    }

    @Nested
    class Csv {
        private static final String HEADER = "host,mta,id,queue,arrival,age_seconds,size,sender,frozen,recipients,reason\r\n";

        @Test
        void headerAndOneRowPerMessageWithCrlf() {
            String text = render(OutputFormat.CSV, PLAIN, BOUNCE);
            assertThat(text).isEqualTo(HEADER
                    + "local,postfix,EDEDC161FF9,deferred,2026-11-27T23:49:23Z,637,5297125,alice@example.org,false,"
                    + "judy@example.net," + REFUSED + "\r\n"
                    + "local,postfix,C43621602DE,deferred,2026-11-27T23:49:23Z,637,655,,false,"
                    + "carol@example.net," + REFUSED + "\r\n");
        }

        @Test
        void noHeaders() {
            String text = render(OutputFormat.CSV, Terminal.PIPE, false, PLAIN);
            assertThat(text).startsWith("local,postfix,EDEDC161FF9,");
            assertThat(text.split("\r\n")).hasSize(1);
        }

        @Test
        void recipientsAreSpaceSeparatedAndTheFirstReasonIsQuotedForItsComma() {
            String text = render(OutputFormat.CSV, Terminal.PIPE, false, MULTI);
            assertThat(text).endsWith(",frank@greylist.test grace@full.test erin@example.com,"
                    + "\"Greylisted, please try again later\"\r\n");
        }

        @Test
        void quotesAndNewlinesAreQuotedPerRfc4180() {
            String text = render(OutputFormat.CSV, Terminal.PIPE, false, HOSTILE);
            assertThat(text).endsWith(",\"line1\nline2, \"\"quoted\"\"\"\r\n");
        }

        @Test
        void aLineBreakAloneIsEnoughToQuote() {
            QueuedMessage lf = message("ABC123").arrival(ARRIVAL).to("a@x.test", "line1\nline2").build();
            assertThat(render(OutputFormat.CSV, Terminal.PIPE, false, lf)).endsWith(",a@x.test,\"line1\nline2\"\r\n");
            QueuedMessage cr = message("ABC123").arrival(ARRIVAL).to("a@x.test", "line1\rline2").build();
            assertThat(render(OutputFormat.CSV, Terminal.PIPE, false, cr)).endsWith(",a@x.test,\"line1\rline2\"\r\n");
        }

        @Test
        void onATerminalControlsC1AndBidiOverridesAreShownNotObeyed() {
            QueuedMessage bidi = message("ABC123").arrival(ARRIVAL).sender("a\u202egpj.exe@x.test")
                    .to("b@x.test", "csi \u009b31m red \u001b[0m").build();
            String screen = render(OutputFormat.CSV, new Terminal(true, false, 80), false, HOSTILE, bidi);
            assertThat(screen).doesNotContain("\u001b").doesNotContain("\u009b").doesNotContain("\u202e")
                    .contains("evil^[[31m@example.org").contains("a<U+202E>gpj.exe@x.test")
                    .contains("csi <U+009B>31m red ^[[0m").contains("line1^Jline2");
            // a pipe gets the MTA's text unchanged (a program reads it)
            assertThat(render(OutputFormat.CSV, Terminal.PIPE, false, bidi)).contains("\u202e").contains("\u009b");
        }

        @Test
        void parsesBackToTheSameFields() {
            List<List<String>> rows = parseCsv(render(OutputFormat.CSV, PLAIN, BOUNCE, MULTI, HOSTILE));
            assertThat(rows).hasSize(5).allSatisfy(row -> assertThat(row).hasSize(11));
            assertThat(rows.get(0)).containsExactly("host", "mta", "id", "queue", "arrival", "age_seconds", "size",
                    "sender", "frozen", "recipients", "reason");
            assertThat(rows.get(2).get(7)).isEmpty();
            assertThat(rows.get(3).get(10)).isEqualTo("Greylisted, please try again later");
            assertThat(rows.get(4)).containsExactly("local", "postfix", "4jbq6Y3nLkzC08f", "active",
                    "2026-11-24T23:49:23Z", "259837", "42", "evil\u001b[31m@example.org", "false", "jörg@exämple.org",
                    "line1\nline2, \"quoted\"");
        }

        /** A strict RFC 4180 reader: CRLF between records, quoted fields may hold anything. */
        private List<List<String>> parseCsv(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"' && field.length() == 0) {
                    i++;
                    while (true) {
                        char q = text.charAt(i++);
                        if (q == '"') {
                            if (i < text.length() && text.charAt(i) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            field.append(q);
                        }
                    }
                    continue;
                }
                if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    i++;
                } else if (c == '\r') {
                    assertThat(text.charAt(i + 1)).as("CR must be followed by LF").isEqualTo('\n');
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i += 2;
                } else {
                    assertThat(c).as("bare LF or quote outside a quoted field").isNotIn('\n', '"');
                    field.append(c);
                    i++;
                }
            }
            assertThat(row).as("the last record ends with CRLF").isEmpty();
            return rows;
        }
    }

    @Nested
    class Ids {
        @Test
        void oneIdPerLine() {
            assertThat(render(OutputFormat.IDS, PLAIN, BOUNCE, HOSTILE))
                    .isEqualTo("EDEDC161FF9\nC43621602DE\n4jbq6Y3nLkzC08f\n");
        }

        @Test
        void noHeaderEvenWithHeaders() {
            assertThat(render(OutputFormat.IDS, Terminal.PIPE, true)).isEmpty();
        }

        @Test
        void anIdFromTheMtaIsShownNotObeyedOnATerminalAndPassedUnchangedToAPipe() {
            QueuedMessage odd = message("ABC\u001b]0;x\u0007\u009b2J\u202eDEF").arrival(ARRIVAL).to("a@x.test").build();
            assertThat(render(OutputFormat.IDS, new Terminal(true, false, 80), false, odd))
                    .isEqualTo("ABC^[]0;x^G<U+009B>2J<U+202E>DEF\n");
            assertThat(render(OutputFormat.IDS, Terminal.PIPE, false, odd)).isEqualTo(odd.id() + "\n");
        }
    }

    @Nested
    class Table {
        private List<String> lines(String text) {
            return Arrays.asList(text.split("\n"));
        }

        @Test
        void headerThenOneRowPerMessage() {
            List<String> lines = lines(render(OutputFormat.TABLE, PLAIN, BOUNCE, MULTI));
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0).split("\\s+"))
                    .containsExactly("ID", "QUEUE", "AGE", "SIZE", "SENDER", "RECIPIENTS", "REASON");
            assertThat(lines.get(1).split("\\s{3,}"))
                    .containsExactly("EDEDC161FF9", "deferred", "10m", "5.1M", "alice@example.org", "judy@example.net",
                            REFUSED);
        }

        @Test
        void theNullSenderIsShownAsAngleBrackets() {
            List<String> lines = lines(render(OutputFormat.TABLE, PLAIN, BOUNCE));
            assertThat(lines.get(2).split("\\s{3,}")).contains("<>");
        }

        @Test
        void furtherRecipientsAreCounted() {
            String text = render(OutputFormat.TABLE, MULTI);
            assertThat(text).contains("frank@greylist.test (+2)").doesNotContain("grace@full.test");
            assertThat(text).contains("Greylisted, please try again later");
        }

        @Test
        void controlCharactersAreShownInCaretNotation() {
            String text = render(OutputFormat.TABLE, HOSTILE);
            assertThat(text).contains("evil^[[31m@example.org").contains("line1^Jline2")
                    .doesNotContain("\u001b");
        }

        @Test
        void columnsLineUp() {
            List<String> lines = lines(render(OutputFormat.TABLE, PLAIN, HOSTILE));
            int queueColumn = lines.get(0).indexOf("QUEUE");
            assertThat(lines.get(1).indexOf("deferred")).isEqualTo(queueColumn);
            assertThat(lines.get(2).indexOf("active")).isEqualTo(queueColumn);
        }

        @Test
        void noColourWhenColourIsOff() {
            String text = render(OutputFormat.TABLE, new Terminal(true, false, 0), true, PLAIN, BOUNCE, MULTI, HOSTILE);
            assertThat(text).doesNotContain("\u001b");
        }

        @Test
        void colourWhenColourIsOnButMessageDataStaysSanitized() {
            String text = render(OutputFormat.TABLE, new Terminal(true, true, 0), true, PLAIN, HOSTILE);
            assertThat(text).contains(Ansi.BOLD + "ID" + Ansi.RESET)
                    .contains(Ansi.YELLOW + "deferred" + Ansi.RESET)
                    .contains(Ansi.GREEN + "active" + Ansi.RESET)
                    .contains("evil^[[31m@example.org")
                    .doesNotContain("evil\u001b");
        }

        @Test
        void theReasonIsCutToAKnownTerminalWidth() {
            String longReason = "host mx.example.net[192.0.2.1] said: 452-4.2.2 The email account that you tried to "
                    + "reach is over quota. Please direct the recipient to https://support.example/quota (in reply to "
                    + "RCPT TO command)";
            QueuedMessage m = message("ABCDEF12345").arrival(ARRIVAL).sender("alice@example.org")
                    .to("judy@example.net", longReason).build();
            List<String> lines = lines(render(OutputFormat.TABLE, new Terminal(true, false, 120), true, PLAIN, m));
            assertThat(lines).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(120));
            assertThat(lines.get(2)).endsWith("…").contains("host mx.example.net[192.0.2.1] said:");

            String unbounded = render(OutputFormat.TABLE, new Terminal(false, false, 0), true, PLAIN, m);
            assertThat(unbounded).contains(longReason);
        }

        @Test
        void noHeaders() {
            List<String> lines = lines(render(OutputFormat.TABLE, Terminal.PIPE, false, PLAIN, BOUNCE));
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("EDEDC161FF9");
        }

        @Test
        void anEmptyListingPrintsOnlyTheHeader() {
            assertThat(lines(render(OutputFormat.TABLE))).singleElement().asString().startsWith("ID");
        }

        @Test
        void wideShowsArrivalAllRecipientsExactSizeAndIsNotCut() {
            String longReason = "x".repeat(300);
            QueuedMessage m = message("ABCDEF12345").arrival(ARRIVAL).sender("alice@example.org").size(5_297_125)
                    .to("a@x.test", longReason).to("b@y.test").build();
            List<String> lines = lines(render(OutputFormat.WIDE, new Terminal(true, false, 80), true, m));
            assertThat(lines.get(0).split("\\s+")).containsExactly("ID", "QUEUE", "ARRIVAL", "AGE", "SIZE", "SENDER",
                    "RECIPIENTS", "REASON");
            assertThat(lines.get(1)).contains("5297125").contains("a@x.test,b@y.test").endsWith(longReason);
        }

        @Test
        void theHostColumnWhenAsked() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, false, UTF_8);
            RecordWriter writer = RecordWriters.create(OutputFormat.TABLE, out, Terminal.PIPE, CLOCK, true, true);
            writer.write(message("ABC123").host("mx1").mta(Mta.EXIM).build());
            writer.finish();
            List<String> lines = lines(bytes.toString(UTF_8));
            assertThat(lines.get(0)).startsWith("HOST");
            assertThat(lines.get(1)).startsWith("mx1");
        }
    }

    /** Records what had reached it at each flush. */
    private static final class FlushRecorder extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<String> flushes = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile String lastFlushed = "";

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void flush() {
            lastFlushed = bytes.toString(UTF_8);
            if (!lastFlushed.isEmpty() && (flushes.isEmpty() || !flushes.get(flushes.size() - 1).equals(lastFlushed))) {
                flushes.add(lastFlushed);
            }
        }

        String lastFlushed() {
            return lastFlushed;
        }

        List<String> flushes() {
            return flushes;
        }

        /** Waits (at most 5 s) until a flush has passed on this many lines. */
        void awaitFlushOf(int lines) throws InterruptedException {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (lastFlushed.split("\n", -1).length - 1 < lines && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(lastFlushed.split("\n", -1).length - 1).isEqualTo(lines);
        }

        synchronized String content() {
            return bytes.toString(UTF_8);
        }
    }
}
