package dev.qctl.mta.exim;

import static dev.qctl.mta.exim.EximFixtures.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EximRecordMapperTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void recordedSpoolAgreesWithEximsOwnListing() throws IOException {
        List<QueuedMessage> records = mapAll(EximFixtures.stream(SPLIT, "stream.txt"));
        Map<String, Long> sizes = EximFixtures.messageSizes(SPLIT);
        List<BpListing> bp = BpListing.parse(EximFixtures.text(SPLIT, "bp.txt"));
        assertThat(records).extracting(QueuedMessage::id)
                .containsExactlyInAnyOrderElementsOf(bp.stream().map(BpListing::id).toList());
        for (BpListing expected : bp) {
            QueuedMessage m = records.stream().filter(r -> r.id().equals(expected.id())).findFirst().orElseThrow();
            assertThat(m.host()).isEqualTo("testhost");
            assertThat(m.mta()).isEqualTo(Mta.EXIM);
            assertThat(m.sender()).isEqualTo(expected.sender());
            assertThat(m.frozen()).isEqualTo(expected.frozen());
            assertThat(m.size()).isEqualTo(sizes.get(m.id()));
            assertThat(BpListing.shown(m.size())).isEqualTo(expected.shownSize());
            assertThat(delivered(m)).isEqualTo(expected.recipients());
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void queueStatesRecipientStatesAndArrival() throws IOException {
        Map<String, QueuedMessage> byId = mapAll(EximFixtures.stream(SPLIT, "stream.txt")).stream()
                .collect(Collectors.toMap(QueuedMessage::id, m -> m));

        QueuedMessage fresh = byId.get("1xX5fK-0003Sd-1m"); // -deliver_firsttime: never attempted
        assertThat(fresh.queue()).isEqualTo(QueueName.INCOMING);
        assertThat(fresh.arrival()).isEqualTo(Instant.ofEpochSecond(1795823262, 553054000));
        assertThat(fresh.recipients()).extracting(Recipient::status).containsOnly(RecipientStatus.PENDING);

        QueuedMessage partly = byId.get("1xX5fY-0003Vi-1f"); // one real queue run, one local delivery
        assertThat(partly.queue()).isEqualTo(QueueName.DEFERRED);
        assertThat(partly.frozen()).isFalse();
        assertThat(partly.recipients()).containsExactly(
                new Recipient("dsn1@example.com", RecipientStatus.DEFERRED, "Connection refused"),
                new Recipient("plain@example.com", RecipientStatus.DEFERRED, "Connection refused"),
                new Recipient("heidi@local.test", RecipientStatus.DELIVERED, null),
                new Recipient("gus@greylist.test", RecipientStatus.DEFERRED, "4.7.1 Greylisted, please try again later"));

        QueuedMessage bounce = byId.get("1xX5fY-0003Vm-1h");
        assertThat(bounce.sender()).isEmpty();
        assertThat(bounce.isBounce()).isTrue();

        QueuedMessage frozen = byId.get("1xX5fY-0003Vq-1k");
        assertThat(frozen.queue()).isEqualTo(QueueName.HOLD);
        assertThat(frozen.frozen()).isTrue();
        assertThat(frozen.sender()).isEqualTo("jörg@exämple.org");
        assertThat(frozen.recipients()).containsExactly(
                new Recipient("ünïcode@exämple.net", RecipientStatus.DEFERRED, "Connection refused"));
    }

    @Test
    void truncatedHeaderFileIsSkippedWithOneWarningAndTheRestListed() throws IOException {
        byte[] good = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("bob@example.com")
                .header(' ', "Subject: fine").build();
        byte[] whole = HeaderFileBuilder.message("1xX5eJ-0001hg-2u").recipient("bob@example.com")
                .header(' ', "Subject: cut").build();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 5);
        InputStream in = SpoolStreamBuilder.stream()
                .message("input/1xX5eJ-0001hg-2u-H", truncated, 100)
                .message("input/1xX5eJ-0001hg-2t-H", good, 100)
                .end(0).input();
        assertThat(mapAll(in)).extracting(QueuedMessage::id).containsExactly("1xX5eJ-0001hg-2t");
        assertThat(warnings).singleElement().asString()
                .contains("1xX5eJ-0001hg-2u").contains("truncated").doesNotContain("\n");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void overflowingNumbersCostOneWarningNamingTheFileAndTheRestIsListed() throws IOException {
        byte[] acl = HeaderFileBuilder.message("1xX5eJ-0001hg-2a").flag("-acl 1 9223372036854775779").flag("x")
                .recipient("bob@example.com").header(' ', "Subject: acl").build();
        byte[] dsn = HeaderFileBuilder.message("1xX5eJ-0001hg-2b").recipient("x 3000000000,0#1")
                .header(' ', "Subject: dsn").build();
        byte[] good = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("bob@example.com")
                .header(' ', "Subject: fine").build();
        InputStream in = SpoolStreamBuilder.stream()
                .message("input/a/1xX5eJ-0001hg-2a-H", acl, 100)
                .message("input/b/1xX5eJ-0001hg-2b-H", dsn, 100)
                .message("input/t/1xX5eJ-0001hg-2t-H", good, 100)
                .end(0).input();
        assertThat(mapAll(in)).extracting(QueuedMessage::id).containsExactly("1xX5eJ-0001hg-2t");
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("input/a/1xX5eJ-0001hg-2a-H").contains("ACL variable");
        assertThat(warnings.get(1)).contains("input/b/1xX5eJ-0001hg-2b-H").contains("recipient line");
    }

    @Test
    void headerFileCutJustBeforeItsLastNewlineIsCaughtByItsSize() throws IOException {
        // awk adds the missing newline, so the content parses; the ls size is one byte short.
        byte[] whole = HeaderFileBuilder.message("1xX5eJ-0001hg-2u").recipient("bob@example.com")
                .header(' ', "Subject: cut").build();
        byte[] cut = Arrays.copyOf(whole, whole.length - 1);
        InputStream in = SpoolStreamBuilder.stream()
                .message("input/1xX5eJ-0001hg-2u-H", cut.length, 100, cut).end(0).input();
        assertThat(mapAll(in)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("1xX5eJ-0001hg-2u").contains("truncated");
    }

    @Test
    void filesThatVanishedAreSkippedSilently() throws IOException {
        byte[] good = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("bob@example.com").build();
        InputStream in = SpoolStreamBuilder.stream()
                .message("input/1xX5eJ-0001hg-2u-H", -1, -1, null) // -H gone before ls and awk
                .message("input/1xX5eJ-0001hg-2v-H", 900, 100, null) // -H gone between ls and awk
                .message("input/1xX5eJ-0001hg-2w-H", good.length, -1, good) // -D gone: being removed
                .message("input/1xX5eJ-0001hg-2t-H", good, 100)
                .end(0).input();
        assertThat(mapAll(in)).extracting(QueuedMessage::id).containsExactly("1xX5eJ-0001hg-2t");
        assertThat(warnings).isEmpty();
    }

    @Test
    void twentyThreeCharacterIdAndJournalledDelivery() throws IOException {
        String id = "1xX5eJ-000000001hg-002t";
        byte[] header = HeaderFileBuilder.message(id).recipient("a@example.com").recipient("b@example.com")
                .header(' ', "Subject: 4.97").build();
        InputStream in = SpoolStreamBuilder.stream()
                .message("input/J/" + id + "-H", header, 26 + 10).journal("b@example.com")
                .end(0).input();
        QueuedMessage m = mapAll(in).get(0);
        assertThat(m.id()).isEqualTo(id);
        assertThat(m.size()).isEqualTo("Subject: 4.97\n".length() + 1 + 10);
        assertThat(m.recipients()).extracting(Recipient::status)
                .containsExactly(RecipientStatus.PENDING, RecipientStatus.DELIVERED);
    }

    @Test
    void inconsistentFilesAreSkippedWithWarnings() throws IOException {
        byte[] other = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("bob@example.com").build();
        InputStream in = SpoolStreamBuilder.stream()
                .message("input/1xX5eJ-0001hg-2u-H", other, 100) // names another message
                .message("input/1xX5eJ-0001hg-2t-H", other, 3) // -D shorter than its ID line
                .message("input/1xX5eJ-0001hg-2x-H", 0, 100, new byte[0]) // empty -H
                .end(0).input();
        assertThat(mapAll(in)).isEmpty();
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).contains("another message");
        assertThat(warnings.get(1)).contains("data file");
        assertThat(warnings.get(2)).contains("empty");
    }

    private List<QueuedMessage> mapAll(InputStream in) throws IOException {
        EximSpoolStreamParser parser = new EximSpoolStreamParser(in);
        EximRecordMapper mapper = new EximRecordMapper("testhost", warnings::add);
        List<QueuedMessage> records = new ArrayList<>();
        EximSpoolEntry e;
        while ((e = parser.next()) != null) {
            mapper.map(e).ifPresent(records::add);
        }
        return records;
    }

    private static Map<String, Boolean> delivered(QueuedMessage m) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        m.recipients().forEach(r -> map.put(r.address(), r.status() == RecipientStatus.DELIVERED));
        return map;
    }
}
