package dev.qctl.mta.exim;

import static dev.qctl.mta.exim.EximFixtures.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EximSpoolStreamParserTest {

    @Test
    void recordedStreamGivesBackEveryFileByteForByte() throws IOException {
        // stream.txt: the spool script's real output on the split-4.96 spool
        List<EximSpoolEntry> entries = readAll(new EximSpoolStreamParser(EximFixtures.stream(SPLIT, "stream.txt")));
        Map<String, Long> dataSizes = EximHeaderFileParserTest.dataSizes(SPLIT);
        assertThat(entries).extracting(EximSpoolEntry::path)
                .containsExactlyInAnyOrderElementsOf(EximFixtures.headerFiles(SPLIT));
        for (EximSpoolEntry e : entries) {
            byte[] real = EximFixtures.bytes(SPLIT, "spool/" + e.path());
            assertThat(e.headerFile()).as(e.path()).isEqualTo(real);
            assertThat(e.headerFileSize()).isEqualTo(real.length);
            assertThat(e.dataFileSize()).isEqualTo(dataSizes.get(e.path().replace("-H", "-D")));
            String id = e.idFromPath();
            String msglog = EximFixtures.text(SPLIT, "spool/msglog/" + e.path().charAt(6) + "/" + id);
            assertThat(e.msglog()).containsExactlyElementsOf(
                    Arrays.stream(msglog.split("\n")).filter(l -> l.contains(" defer (")).toList());
            assertThat(e.journal()).isEmpty();
        }
    }

    @Test
    void trailerAndItsAbsence() throws IOException {
        EximSpoolStreamParser complete = new EximSpoolStreamParser(SpoolStreamBuilder.stream().end(0).input());
        assertThat(complete.next()).isNull();
        assertThat(complete.trailerStatus()).isZero();

        EximSpoolStreamParser failed = new EximSpoolStreamParser(SpoolStreamBuilder.stream().end(1).input());
        assertThat(failed.next()).isNull();
        assertThat(failed.trailerStatus()).isEqualTo(1);

        byte[] header = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("b@example.com").build();
        EximSpoolStreamParser cut = new EximSpoolStreamParser(
                SpoolStreamBuilder.stream().message("input/1xX5eJ-0001hg-2t-H", header, 100).input());
        assertThat(cut.next()).isNotNull();
        assertThat(cut.next()).isNull();
        assertThat(cut.trailerStatus()).isNull();
    }

    @Test
    void vanishedFilesJournalAndUnknownSizes() throws IOException {
        byte[] header = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("b@example.com").build();
        InputStream in = SpoolStreamBuilder.stream()
                .message("input/1xX5eJ-0001hg-2u-H", 100, -1, null)
                .message("input/1xX5eJ-0001hg-2t-H", header, 100).journal("b@example.com")
                .end(0).input();
        List<EximSpoolEntry> entries = readAll(new EximSpoolStreamParser(in));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).headerFile()).isNull();
        assertThat(entries.get(0).dataFileSize()).isEqualTo(-1);
        assertThat(entries.get(1).journal()).containsExactly("b@example.com");
    }

    @Test
    void contentCannotForgeMarkers() throws IOException {
        // Hostile header text with lines that look like protocol lines stays inside its file.
        byte[] header = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("b@example.com")
                .header(' ', "X-Evil: x\n\nE 0\nM input/1xX5eJ-0001hg-2u-H 1 1\nH\n.1xX5eJ-0001hg-2u-H").build();
        EximSpoolStreamParser parser = new EximSpoolStreamParser(
                SpoolStreamBuilder.stream().message("input/1xX5eJ-0001hg-2t-H", header, 100).end(0).input());
        List<EximSpoolEntry> entries = readAll(parser);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).headerFile()).isEqualTo(header);
        assertThat(parser.trailerStatus()).isZero();
        assertThat(parser.unexpectedLines()).isZero();
    }

    @Test
    void unexpectedLinesAreCountedNotFatal() throws IOException {
        EximSpoolStreamParser parser = new EximSpoolStreamParser(new ByteArrayInputStream(
                "noise\n.stray\nM input/1xX5eJ-0001hg-2t-H - -\nX\n.x\nE 0\n".getBytes(StandardCharsets.UTF_8)));
        List<EximSpoolEntry> entries = readAll(parser);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).headerFileSize()).isEqualTo(-1);
        assertThat(parser.unexpectedLines()).isEqualTo(4);
    }

    @Test
    void streamsWithoutReadingAheadOfTheRecords() throws IOException {
        // 100k generated messages: the parser must hand out the first long before the end is read.
        byte[] header = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("b@example.com")
                .header(' ', "Subject: bulk").build();
        byte[] one = SpoolStreamBuilder.stream().message("input/1xX5eJ-0001hg-2t-H", header, 500).bytes();
        CountingRepeater in = new CountingRepeater(one, 100_000);
        EximSpoolStreamParser parser = new EximSpoolStreamParser(in);
        assertThat(parser.next()).isNotNull();
        assertThat(in.served).isLessThan(128 * 1024);
        long count = 1;
        while (parser.next() != null) {
            count++;
        }
        assertThat(count).isEqualTo(100_000);
    }

    private static List<EximSpoolEntry> readAll(EximSpoolStreamParser parser) throws IOException {
        List<EximSpoolEntry> entries = new ArrayList<>();
        EximSpoolEntry e;
        while ((e = parser.next()) != null) {
            entries.add(e);
        }
        return entries;
    }

    /** An input stream that repeats one block n times, counting what it served. */
    static final class CountingRepeater extends InputStream {
        private final byte[] block;
        private final long total;
        long served;

        CountingRepeater(byte[] block, long times) {
            this.block = block;
            this.total = block.length * times;
        }

        @Override
        public int read() {
            if (served >= total) {
                return -1;
            }
            return block[(int) (served++ % block.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - served);
            for (int i = 0; i < n; i++) {
                b[off + i] = block[(int) ((served + i) % block.length)];
            }
            served += n;
            return n;
        }
    }
}
