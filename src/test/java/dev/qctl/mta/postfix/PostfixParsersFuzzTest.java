package dev.qctl.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.fuzz.Mutations;
import dev.qctl.model.QueuedMessage;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of postqueue -j and -p parsing on mutations of the recorded outputs:
 * every listing ends in bounded time with records and one-line warnings, never an escaping exception.
 */
class PostfixParsersFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);

    private static byte[] recording(String name) {
        return Recordings.text(name).getBytes(StandardCharsets.UTF_8);
    }

    Mutations.Cases jsonLines() {
        return Mutations.of(List.of(recording(Recordings.JSON_37)));
    }

    Mutations.Cases textListings() {
        return Mutations.of(List.of(recording(Recordings.TEXT_37), recording(Recordings.TEXT_37_LONG_LAYOUT),
                recording(Recordings.PRODUCTION_SAMPLE)));
    }

    private static int drain(Iterator<QueuedMessage> records) {
        int n = 0;
        while (records.hasNext()) {
            assertThat(records.next().id()).isNotNull();
            n++;
        }
        return n;
    }

    @Test
    void postqueueJsonEndsWithRecordsAndWarnings() throws Exception {
        jsonLines().forEach(300, (output, random) -> {
            Mutations.bounded(() -> {
                List<String> warnings = new ArrayList<>();
                String text = new String(output, StandardCharsets.UTF_8);
                int records = drain(new PostqueueJsonParser("fuzz", warnings::add).parse(new java.io.ByteArrayInputStream(output)));
                assertThat(records + warnings.size()).isLessThanOrEqualTo((int) text.lines().count());
                assertThat(warnings).allSatisfy(w -> assertThat(w).doesNotContain("\n"));
                return null;
            });
        });
    }

    @Test
    void postqueueTextEndsWithRecordsAndWarnings() throws Exception {
        textListings().forEach(300, (output, random) -> {
            Mutations.bounded(() -> {
                List<String> warnings = new ArrayList<>();
                String text = new String(output, StandardCharsets.UTF_8);
                drain(new PostqueueTextParser("fuzz", warnings::add, CLOCK, ZoneOffset.UTC)
                        .parse(new BufferedReader(new StringReader(text))));
                assertThat(warnings).allSatisfy(w -> assertThat(w).doesNotContain("\n"));
                return null;
            });
        });
    }
}
