package dev.qctl.output;

import static dev.qctl.model.TestMessages.message;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EnvelopeWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private static final QueuedMessage MESSAGE = message("CDDF2161FFF").arrival(Instant.parse("2026-11-27T23:49:23Z"))
            .size(761).sender("dave@example.org")
            .to("frank@greylist.test", "Greylisted, please try again later")
            .to(new Recipient("grace@full.test", RecipientStatus.DELIVERED, null))
            .to("erin@example.com").build();

    private static String render(QueuedMessage m, Terminal terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, UTF_8);
        new EnvelopeWriter(out, terminal, CLOCK).write(m);
        out.flush();
        return bytes.toString(UTF_8);
    }

    private static final Pattern LABELLED = Pattern.compile("^([A-Za-z]+):( +)(.*)$");

    /** The labelled lines as label -> value, checking that every value starts in the same column. */
    private static Map<String, String> labelled(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        int valueColumn = -1;
        for (String line : lines) {
            Matcher m = LABELLED.matcher(line);
            assertThat(m.matches()).as("labelled line: [%s]", line).isTrue();
            int column = m.start(3);
            if (valueColumn < 0) {
                valueColumn = column;
            }
            assertThat(column).as("value column of [%s]", line).isEqualTo(valueColumn);
            values.put(m.group(1), m.group(3));
        }
        return values;
    }

    @Test
    void labelledLinesThenTheRecipients() {
        List<String> lines = Arrays.asList(render(MESSAGE, Terminal.PIPE).split("\n"));
        assertThat(lines).hasSize(12);
        assertThat(labelled(lines.subList(0, 8))).containsExactly(
                Map.entry("Host", "local"),
                Map.entry("MTA", "postfix"),
                Map.entry("ID", "CDDF2161FFF"),
                Map.entry("Queue", "deferred"),
                Map.entry("Arrival", "2026-11-27T23:49:23Z (10m ago)"),
                Map.entry("Size", "761 bytes"),
                Map.entry("Sender", "dave@example.org"),
                Map.entry("Recipients", "3"));
        assertThat(lines.get(8).split("\\s{3,}")).containsExactly("  ADDRESS", "STATUS", "REASON");
        assertThat(lines.get(9).split("\\s{3,}"))
                .containsExactly("  frank@greylist.test", "deferred", "Greylisted, please try again later");
        assertThat(lines.get(10).split("\\s{3,}")).containsExactly("  grace@full.test", "delivered");
        assertThat(lines.get(11).split("\\s{3,}")).containsExactly("  erin@example.com", "pending");
    }

    /** "Recipients:" is the longest label: its value must not touch the colon (it did with a %-11s column). */
    @Test
    void theRecipientCountIsSeparatedFromItsLabel() {
        assertThat(render(MESSAGE, Terminal.PIPE)).containsPattern("(?m)^Recipients: +3$");
    }

    @Test
    void aBounceAndAFrozenMessageAreSaidSo() {
        String text = render(message("A1").bounce().queue(QueueName.HOLD).frozen().build(), Terminal.PIPE);
        Map<String, String> values = labelled(Arrays.asList(text.split("\n")).subList(0, 8));
        assertThat(values).containsEntry("Sender", "<> (null sender: a bounce)").containsEntry("Queue", "hold (frozen)");
    }

    @Test
    void messageDataIsSanitizedAndColourOnlyWhenAsked() {
        QueuedMessage hostile = message("A1").sender("evil\u001b]0;pwn\u0007@example.org")
                .to("x@y.test", "bad\u001b[2Jreason").build();
        String plain = render(hostile, Terminal.PIPE);
        assertThat(plain).doesNotContain("\u001b").contains("evil^[]0;pwn^G@example.org").contains("bad^[[2Jreason");
        String coloured = render(hostile, new Terminal(true, true, 0));
        assertThat(coloured).containsPattern(Pattern.quote(Ansi.BOLD) + "Sender: +" + Pattern.quote(Ansi.RESET)
                        + Pattern.quote("evil^[]0;pwn^G@example.org"))
                .doesNotContain("\u001b]0");
    }
}
