package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.fuzz.Mutations;
import dev.qctl.model.QueuedMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the Exim parsers on mutations of the recorded spools (EximFixtures):
 * every parse ends in bounded time with records and warnings, never an exception that escapes.
 */
class EximParsersFuzzTest {

    Mutations.Cases headerFiles() {
        List<byte[]> corpus = new ArrayList<>();
        for (String fixture : List.of(EximFixtures.SPLIT, EximFixtures.SANDBOX)) {
            for (String file : EximFixtures.headerFiles(fixture)) {
                corpus.add(EximFixtures.bytes(fixture, "spool/" + file));
            }
        }
        return Mutations.of(corpus);
    }

    Mutations.Cases spoolStreams() {
        return Mutations.of(List.of(EximFixtures.bytes(EximFixtures.SPLIT, "stream.txt"),
                EximFixtures.bytes(EximFixtures.SANDBOX, "stream.txt")));
    }

    Mutations.Cases msglogs() {
        return Mutations.of(List.of(EximFixtures.bytes(EximFixtures.SANDBOX, "Mvl-sample3.txt"),
                EximFixtures.bytes(EximFixtures.SPLIT, "spool/msglog/Y/1xX5fY-0003Vi-1f")));
    }

    /** A damaged -H file is refused with a reason (EximSpoolFormatException), nothing else. */
    @Test
    void headerFileParsesOrIsRefusedWithAReason() throws Exception {
        headerFiles().forEach(400, (file, random) -> {
            Mutations.bounded(() -> {
                try {
                    EximHeaderFile parsed = EximHeaderFileParser.parse(file);
                    assertThat(parsed.id()).isNotEmpty();
                } catch (EximSpoolFormatException e) {
                    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                }
                return null;
            });
        });
    }

    /** The whole listing: one record or one warning per message, to the end of the stream. */
    @Test
    void spoolListingEndsWithRecordsAndWarnings() throws Exception {
        spoolStreams().forEach(200, (stream, random) -> {
            Mutations.bounded(() -> {
                List<String> warnings = new ArrayList<>();
                EximSpoolStreamParser parser = new EximSpoolStreamParser(new ByteArrayInputStream(stream));
                EximRecordMapper mapper = new EximRecordMapper("fuzz", warnings::add);
                int entries = 0;
                int records = 0;
                for (EximSpoolEntry e; (e = parser.next()) != null; ) {
                    entries++;
                    if (mapper.map(e).isPresent()) {
                        records++;
                    }
                }
                assertThat(records).isLessThanOrEqualTo(entries);
                assertThat(warnings).allSatisfy(w -> assertThat(w).doesNotContain("\n"));
                return null;
            });
        });
    }

    @Test
    void msglogGivesAReasonOrNone() throws Exception {
        msglogs().forEach(200, (log, random) -> {
            Mutations.bounded(() -> {
                List<String> lines = new String(log, StandardCharsets.UTF_8).lines().toList();
                EximMsglogParser parser = EximMsglogParser.of(lines);
                for (String recipient : List.of("dsn1@example.com", "plain@example.com", "x@y", "")) {
                    parser.lastDeferReason(recipient);
                }
                return null;
            });
        });
    }

    /** A record from a damaged file is still a record: the mapper turns it into a message or a warning. */
    @Test
    void everyDamagedHeaderFileInAListingIsOneWarningAtMost() throws Exception {
        headerFiles().forEach(200, (file, random) -> {
            Mutations.bounded(() -> {
                List<String> warnings = new ArrayList<>();
                byte[] stream = SpoolStreamBuilder.stream().message("input/1xX5eJ-0001hg-2t-H", file, 100).end(0).bytes();
                EximSpoolStreamParser parser = new EximSpoolStreamParser(new ByteArrayInputStream(stream));
                EximRecordMapper mapper = new EximRecordMapper("fuzz", warnings::add);
                List<QueuedMessage> records = new ArrayList<>();
                for (EximSpoolEntry e; (e = parser.next()) != null; ) {
                    mapper.map(e).ifPresent(records::add);
                }
                assertThat(records.size() + warnings.size()).isLessThanOrEqualTo(1);
                return null;
            });
        });
    }
}
