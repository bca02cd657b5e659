package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.LocalTransport;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import dev.qctl.mta.MessagePart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Exim adapter end to end against the sandbox's real Exim (scripts/sandbox up), through a real
 * {@link LocalTransport}: every record is compared with what Exim's own tools say about the same
 * message ({@code exim -bp}, {@code exipick --spool}, {@code exim -be -Mset ID '$message_size'},
 * {@code exim -Mvh/-Mvb/-Mvl}). Skipped when the sandbox is not there, unless QCTL_REQUIRE_SANDBOX=1.
 */
class EximAdapterRealIT {
    private static String bin;
    private static String config;
    private static String exipick;
    private static final LocalTransport LOCAL = new LocalTransport();
    private final List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void sandbox() {
        config = env("QCTL_SANDBOX_EXIM_CONFIG", "/var/lib/qctl-sandbox/exim/exim.conf");
        bin = env("QCTL_SANDBOX_EXIM_BIN", "/opt/qctl-sandbox/exim/usr/sbin/exim4");
        exipick = Path.of(bin).resolveSibling("exipick").toString();
        boolean present = Files.isRegularFile(Path.of(config)) && Files.isExecutable(Path.of(bin));
        if (!present && "1".equals(System.getenv("QCTL_REQUIRE_SANDBOX"))) {
            fail("QCTL_REQUIRE_SANDBOX=1 but the sandbox Exim is missing (" + config + ", " + bin
                    + "): run scripts/sandbox up");
        }
        assumeTrue(present, "no sandbox Exim (" + config + "); run scripts/sandbox up, or set QCTL_REQUIRE_SANDBOX=1 to fail");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static EximAdapter adapter() {
        return new EximAdapter(LOCAL, bin, config, Clock.systemUTC());
    }

    @Test
    void listingAgreesWithEximBpOnEveryMessage() {
        // The sandbox is shared with other tests: compare snapshots taken close together, retrying
        // if the queue changed in between.
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            List<BpListing> bp = BpListing.parse(exim("-bp"));
            Map<String, QueuedMessage> records = list();
            if (!bp.equals(BpListing.parse(exim("-bp")))) {
                continue; // changed meanwhile (ages are not part of a BpListing)
            }
            try {
                assertThat(records.keySet()).containsExactlyInAnyOrderElementsOf(bp.stream().map(BpListing::id).toList());
                for (BpListing expected : bp) {
                    QueuedMessage m = records.get(expected.id());
                    assertThat(m.sender()).as(m.id()).isEqualTo(expected.sender());
                    assertThat(m.frozen()).as(m.id()).isEqualTo(expected.frozen());
                    assertThat(m.queue() == QueueName.HOLD).as(m.id()).isEqualTo(expected.frozen());
                    assertThat(BpListing.shown(m.size())).as(m.id()).isEqualTo(expected.shownSize());
                    Map<String, Boolean> delivered = new LinkedHashMap<>();
                    m.recipients().forEach(r -> delivered.put(r.address(), r.status() == RecipientStatus.DELIVERED));
                    assertThat(delivered).as(m.id()).containsExactlyEntriesOf(expected.recipients());
                }
                assertThat(warnings).isEmpty();
                return;
            } catch (AssertionError e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        fail("the Exim queue kept changing during the comparison");
    }

    @Test
    void sizesArrivalsAndDeliveredMarksAgreeWithExipick() {
        String spool = adapter().spoolDirectory();
        Map<String, QueuedMessage> records = list();
        String out = run(exipick, "--spool", spool, "-i", "--show-vars",
                "message_size,received_time,sender_address,recipients_del");
        Map<String, Map<String, String>> picked = parseExipick(out);
        assertThat(picked).isNotEmpty();
        for (Map.Entry<String, Map<String, String>> e : picked.entrySet()) {
            QueuedMessage m = records.get(e.getKey());
            if (m == null) {
                continue; // arrived after the listing
            }
            Map<String, String> vars = e.getValue();
            assertThat(m.size()).as(m.id()).isEqualTo(Long.parseLong(vars.get("message_size")));
            assertThat(m.arrival().getEpochSecond()).as(m.id()).isEqualTo(Long.parseLong(vars.get("received_time")));
            assertThat(m.sender()).as(m.id()).isEqualTo(vars.get("sender_address"));
            List<String> del = vars.get("recipients_del").isEmpty() ? List.of()
                    : Arrays.asList(vars.get("recipients_del").split(", "));
            assertThat(m.recipients()).filteredOn(r -> r.status() == RecipientStatus.DELIVERED)
                    .extracting(Recipient::address).as(m.id()).containsExactlyInAnyOrderElementsOf(del);
        }
    }

    @Test
    void sizeIsEximsOwnMessageSize() {
        for (QueuedMessage m : sample(list())) {
            String size = exim("-be", "-Mset", m.id(), "$message_size").trim();
            if (!size.isEmpty() && size.chars().allMatch(Character::isDigit)) {
                assertThat(m.size()).as(m.id()).isEqualTo(Long.parseLong(size));
            }
        }
    }

    @Test
    void queueStateFollowsTheSpoolFlags() {
        for (QueuedMessage m : sample(list())) {
            String spoolHeader = exim("-Mvh", m.id());
            if (!spoolHeader.startsWith(m.id() + "-H")) {
                continue; // gone meanwhile
            }
            boolean frozen = spoolHeader.contains("\n-frozen ");
            boolean fresh = spoolHeader.contains("\n-deliver_firsttime\n");
            QueueName expected = frozen ? QueueName.HOLD : fresh ? QueueName.INCOMING : QueueName.DEFERRED;
            assertThat(m.queue()).as(m.id()).isEqualTo(expected);
            assertThat(m.frozen()).as(m.id()).isEqualTo(frozen);
        }
    }

    @Test
    void seededSamplesHaveTheirKnownShape() throws IOException {
        Path seed = Path.of(env("QCTL_SANDBOX_SEED_IDS", "/var/lib/qctl-sandbox/seed-ids.tsv"));
        assertThat(seed).as("scripts/sandbox seed writes it").isRegularFile();
        Map<String, String> ids = new HashMap<>();
        for (String line : Files.readAllLines(seed)) {
            String[] f = line.split("\t");
            if (f.length == 3 && f[0].equals("exim")) {
                ids.put(f[1], f[2]);
            }
        }
        Map<String, QueuedMessage> records = list();
        assertThat(ids).as("the seeded Exim samples").hasSize(6);
        assertThat(records.keySet()).as("the sandbox queue keeps its seeded samples").containsAll(ids.values());

        QueuedMessage s3 = records.get(ids.get("3"));
        assertThat(s3.recipients()).containsExactly(
                new Recipient("erin@example.com", RecipientStatus.DEFERRED, "Connection refused"),
                new Recipient("frank@greylist.test", RecipientStatus.DEFERRED, "4.7.1 Greylisted, please try again later"),
                new Recipient("grace@full.test", RecipientStatus.DEFERRED, "4.2.2 Mailbox full"),
                new Recipient("heidi@local.test", RecipientStatus.DELIVERED, null));
        assertThat(records.get(ids.get("2")).sender()).isEmpty();
        assertThat(records.get(ids.get("4")).sender()).isEqualTo("jörg@exämple.org");
        assertThat(records.get(ids.get("5")).size()).isGreaterThan(5_000_000);
        assertThat(records.get(ids.get("6")).queue()).isEqualTo(QueueName.HOLD);
        assertThat(records.get(ids.get("6")).frozen()).isTrue();
        assertThat(records.get(ids.get("1")).queue()).isEqualTo(QueueName.DEFERRED);
    }

    @Test
    void findGivesTheSameRecordAsTheListing() {
        EximAdapter exim = adapter();
        for (QueuedMessage m : sample(list())) {
            Optional<QueuedMessage> found = exim.find(m.id(), warnings::add);
            assertThat(found).as(m.id()).contains(m);
        }
        List<QueuedMessage> some = sample(list());
        List<String> asked = new java.util.ArrayList<>(some.stream().map(QueuedMessage::id).toList());
        asked.add("1xX5eJ-0001hg-2X"); // not in the queue
        try (java.util.stream.Stream<QueuedMessage> looked = exim.lookup(asked, warnings::add)) {
            assertThat(looked.toList()).containsExactlyInAnyOrderElementsOf(some);
        }
        assertThat(exim.find("1xX5eJ-0001hg-2X", warnings::add)).isEmpty();
        assertThat(exim.find("1xX5eJ-000000001hg-002X", warnings::add)).isEmpty();
    }

    @Test
    void showPartsMatchEximsViews() {
        EximAdapter exim = adapter();
        for (QueuedMessage m : sample(list())) {
            String mvb = exim("-Mvb", m.id());
            String mvl = exim("-Mvl", m.id());
            if (!mvb.startsWith(m.id() + "-D\n")) {
                continue; // gone meanwhile
            }
            byte[] raw = part(exim, m.id(), MessagePart.RAW);
            byte[] headers = part(exim, m.id(), MessagePart.HEADERS);
            byte[] body = part(exim, m.id(), MessagePart.BODY);
            assertThat((long) raw.length).as(m.id()).isEqualTo(m.size());
            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(mvb.substring(m.id().length() + 3));
            assertThat(raw).isEqualTo(concat(headers, new byte[] {'\n'}, body));
            assertThat(new String(headers, StandardCharsets.UTF_8)).startsWith("Received: ").endsWith("\n");
            assertThat(new String(part(exim, m.id(), MessagePart.LOG), StandardCharsets.UTF_8)).isEqualTo(mvl);
        }
    }

    @Test
    void unknownMessageIsNotFound() {
        // the second is a valid 4.97 ID that Exim 4.96 calls malformed: still just not there
        for (String id : List.of("1xX5eJ-0001hg-2X", "1xX5tC-0000000032G-9Zab")) {
            for (MessagePart part : MessagePart.values()) {
                assertThatThrownBy(() -> adapter().copyPart(id, part, new ByteArrayOutputStream()))
                        .as(id + " " + part)
                        .isInstanceOf(QctlException.class)
                        .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.NOT_FOUND));
            }
        }
    }

    /**
     * The messages checked one exim call at a time: all of a small queue, else 40 spread over it
     * (after `scripts/sandbox bulk` the queue holds thousands; the whole-queue comparisons above
     * still cover every message).
     */
    private static List<QueuedMessage> sample(Map<String, QueuedMessage> records) {
        List<QueuedMessage> all = new ArrayList<>(records.values());
        if (all.size() <= 40) {
            return all;
        }
        List<QueuedMessage> picked = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            picked.add(all.get(i * all.size() / 40));
        }
        return picked;
    }

    private Map<String, QueuedMessage> list() {
        try (Stream<QueuedMessage> s = adapter().list(warnings::add)) {
            return s.collect(Collectors.toMap(QueuedMessage::id, m -> m, (a, b) -> a, LinkedHashMap::new));
        }
    }

    private static byte[] part(EximAdapter exim, String id, MessagePart part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exim.copyPart(id, part, out);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String exim(String... args) {
        List<String> argv = new ArrayList<>(List.of(bin, "-C", config));
        argv.addAll(List.of(args));
        return run(argv.toArray(String[]::new));
    }

    private static String run(String... argv) {
        CommandResult result = LOCAL.run(new Command(List.of(argv)));
        return result.stdout();
    }

    private static final Pattern VAR = Pattern.compile("(\\w+)='(.*?)'(?= \\w+='|$)");

    /** exipick -i --show-vars prints "ID var='value' var='value' ...", one message per line. */
    private static Map<String, Map<String, String>> parseExipick(String output) {
        Map<String, Map<String, String>> messages = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            Map<String, String> vars = new HashMap<>();
            Matcher m = VAR.matcher(line.substring(space + 1));
            while (m.find()) {
                vars.put(m.group(1), m.group(2));
            }
            messages.put(line.substring(0, space), vars);
        }
        return messages;
    }
}
