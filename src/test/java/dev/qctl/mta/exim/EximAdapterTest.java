package dev.qctl.mta.exim;

import static dev.qctl.mta.exim.EximFixtures.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.Capability;
import dev.qctl.mta.MessagePart;
import dev.qctl.mta.exim.ScriptedTransport.Answer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The adapter against recorded answers of the sandbox's Exim 4.96 (fixture sandbox-4.96). */
class EximAdapterTest {
    private static final String BIN = "/usr/sbin/exim4";
    private static final String SPOOL = "/var/spool/exim4";
    private final String sample3 = EximFixtures.text(SANDBOX, "sample3-id.txt").trim();
    private final List<String> warnings = new ArrayList<>();

    private ScriptedTransport transport() {
        return new ScriptedTransport(BIN)
                .on(Answer.ok("spool_directory = " + SPOOL + "\n"), BIN, "-bP", "spool_directory")
                .on(Answer.ok(EximFixtures.bytes(SANDBOX, "stream.txt")), "sh", "-c", EximSpoolScript.SCRIPT, "sh", SPOOL)
                .on(Answer.ok(EximFixtures.bytes(SANDBOX, "Mvh-sample3.txt")), BIN, "-Mvh", sample3)
                .on(Answer.ok(EximFixtures.bytes(SANDBOX, "Mvb-sample3.txt")), BIN, "-Mvb", sample3)
                .on(Answer.ok(EximFixtures.bytes(SANDBOX, "Mvl-sample3.txt")), BIN, "-Mvl", sample3)
                .on(Answer.fail(1, EximFixtures.text(SANDBOX, "Mvh-unknown.txt"), ""), BIN, "-Mvh")
                .on(Answer.fail(1, EximFixtures.text(SANDBOX, "Mvb-unknown.txt"), ""), BIN, "-Mvb")
                .on(Answer.fail(1, EximFixtures.text(SANDBOX, "Mvl-unknown.txt"), ""), BIN, "-Mvl");
    }

    private static EximAdapter adapter(ScriptedTransport transport) {
        return new EximAdapter(transport, null, null, Clock.systemUTC());
    }

    @Test
    void describesItself() {
        EximAdapter exim = adapter(transport());
        assertThat(exim.mta()).isEqualTo(Mta.EXIM);
        assertThat(exim.capabilities()).containsExactlyInAnyOrder(Capability.values());
        assertThat(exim.idGrammar()).isSameAs(EximQueueIds.INSTANCE);
    }

    @Test
    void listsTheSeededSandboxQueueExactly() {
        ScriptedTransport transport = transport();
        List<QueuedMessage> records;
        try (Stream<QueuedMessage> s = adapter(transport).list(warnings::add)) {
            records = s.toList();
        }
        Map<String, Long> sizes = EximFixtures.messageSizes(SANDBOX);
        List<BpListing> bp = BpListing.parse(EximFixtures.text(SANDBOX, "bp.txt"));
        assertThat(records).extracting(QueuedMessage::id).containsExactlyInAnyOrderElementsOf(sizes.keySet());
        for (BpListing expected : bp) {
            QueuedMessage m = records.stream().filter(r -> r.id().equals(expected.id())).findFirst().orElseThrow();
            assertThat(m.host()).isEqualTo("mx1");
            assertThat(m.size()).isEqualTo(sizes.get(m.id()));
            assertThat(m.sender()).isEqualTo(expected.sender());
            assertThat(m.frozen()).isEqualTo(expected.frozen());
            assertThat(m.queue()).isEqualTo(expected.frozen() ? QueueName.HOLD : QueueName.DEFERRED);
            assertThat(m.recipients()).extracting(r -> r.address()).containsExactlyElementsOf(expected.recipients().keySet());
            assertThat(m.recipients()).allSatisfy(r -> assertThat(r.status().label()).isIn("deferred", "delivered"));
        }
        assertThat(warnings).isEmpty();
        // one -bP for the spool directory, then exactly one command for the whole listing
        assertThat(transport.commands).extracting(Command::program).containsExactly(BIN, "sh");
        assertThat(transport.commands.get(1).argv()).containsExactly("sh", "-c", EximSpoolScript.SCRIPT, "sh", SPOOL);
    }

    @Test
    void theSpoolDirectoryIsAskedOnceAndTheConfigIsPassed() {
        ScriptedTransport transport = transport();
        EximAdapter exim = new EximAdapter(transport, "/opt/exim/usr/sbin/exim4", "/etc/exim-out.conf", Clock.systemUTC());
        assertThatThrownBy(exim::spoolDirectory).isInstanceOf(QctlException.class)
                .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.UNAVAILABLE))
                .hasMessageContaining("no executable exim at /opt/exim/usr/sbin/exim4");

        ScriptedTransport withBinary = new ScriptedTransport("/opt/exim/usr/sbin/exim4")
                .on(Answer.ok("spool_directory = /var/spool/exim-out\n"), "-C", "/etc/exim-out.conf", "-bP", "spool_directory");
        EximAdapter custom = new EximAdapter(withBinary, "/opt/exim/usr/sbin/exim4", "/etc/exim-out.conf", Clock.systemUTC());
        assertThat(custom.spoolDirectory()).isEqualTo("/var/spool/exim-out");
        assertThat(custom.spoolDirectory()).isEqualTo("/var/spool/exim-out");
        assertThat(withBinary.commands).singleElement().extracting(Command::argv)
                .isEqualTo(List.of("/opt/exim/usr/sbin/exim4", "-C", "/etc/exim-out.conf", "-bP", "spool_directory"));
    }

    @Test
    void looksForTheBinaryInTheUsualPlaces() {
        ScriptedTransport local = new ScriptedTransport("/usr/local/sbin/exim")
                .on(Answer.ok("spool_directory = /var/spool/exim\n"), "/usr/local/sbin/exim", "-bP");
        assertThat(adapter(local).spoolDirectory()).isEqualTo("/var/spool/exim");

        ScriptedTransport none = new ScriptedTransport();
        assertThatThrownBy(() -> adapter(none).list(warnings::add)).isInstanceOf(QctlException.class)
                .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.UNAVAILABLE))
                .hasMessageContaining("no exim binary on mx1").hasMessageContaining("/usr/sbin/exim4")
                .hasMessageContaining("--exim-bin");
    }

    @Test
    void findsOneMessageOrNothing() {
        ScriptedTransport transport = transport();
        String stream = EximFixtures.text(SANDBOX, "stream.txt");
        String one = stream.substring(stream.indexOf("M input/" + sample3));
        int next = one.indexOf("\nM ");
        one = one.substring(0, next >= 0 ? next + 1 : one.indexOf("E 0\n")) + "E 0\n";
        transport.on(Answer.ok(one), "sh", "-c", EximSpoolScript.SCRIPT, "sh", SPOOL, sample3)
                .on(Answer.ok("E 0\n"), "sh", "-c", EximSpoolScript.SCRIPT, "sh", SPOOL, "1xX5eJ-0001hg-2X");
        EximAdapter exim = adapter(transport);
        Optional<QueuedMessage> found = exim.find(sample3, warnings::add);
        assertThat(found).get().extracting(QueuedMessage::id).isEqualTo(sample3);
        assertThat(found.get().recipients()).hasSize(4);
        assertThat(exim.find("1xX5eJ-0001hg-2X", warnings::add)).isEmpty();
        assertThat(transport.commands.get(1).argv()).endsWith(SPOOL, sample3);
    }

    @Test
    void malformedIdsAreRefusedBeforeAnythingRuns() {
        ScriptedTransport transport = transport();
        EximAdapter exim = adapter(transport);
        for (String bad : List.of("../etc", "-Mrm", "1xX5eJ-0001hg-2", "7451A160209")) {
            assertThatThrownBy(() -> exim.find(bad, warnings::add))
                    .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.BAD_ID));
            assertThatThrownBy(() -> exim.copyPart(bad, MessagePart.RAW, new ByteArrayOutputStream()))
                    .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.BAD_ID));
        }
        assertThat(transport.commands).isEmpty();
    }

    @Test
    void headersAreRfc5322NotTheSpoolFormat() {
        String headers = copy(MessagePart.HEADERS);
        assertThat(headers).startsWith("Received: from [127.0.0.1] (helo=client.sandbox.qctl.test)\n\tby ")
                .contains("\nSubject: qctl sample 3\n").endsWith("Content-Type: text/plain; charset=us-ascii\n")
                .doesNotContain(sample3 + "-H").doesNotContain("\n<dave@example.org>\n").doesNotContain("038  Date");
    }

    @Test
    void bodyIsTheDataFileWithoutItsIdLine() {
        String mvb = EximFixtures.text(SANDBOX, "Mvb-sample3.txt");
        assertThat(mvb).startsWith(sample3 + "-D\n");
        assertThat(copy(MessagePart.BODY)).isEqualTo(mvb.substring(sample3.length() + 3));
    }

    @Test
    void rawIsHeadersBlankLineBodyAndHasExactlyTheMessageSize() {
        String raw = copy(MessagePart.RAW);
        assertThat(raw).isEqualTo(copy(MessagePart.HEADERS) + "\n" + copy(MessagePart.BODY));
        assertThat((long) raw.getBytes(StandardCharsets.UTF_8).length)
                .isEqualTo(EximFixtures.messageSizes(SANDBOX).get(sample3));
    }

    @Test
    void logIsTheMsglog() {
        assertThat(copy(MessagePart.LOG)).isEqualTo(EximFixtures.text(SANDBOX, "Mvl-sample3.txt"))
                .contains("frank@greylist.test R=greylist defer (-1)");
    }

    @Test
    void unknownIdIsNotFoundForEveryPart() {
        for (MessagePart part : MessagePart.values()) {
            assertThatThrownBy(() -> adapter(transport()).copyPart("1xX5eJ-0001hg-2X", part, new ByteArrayOutputStream()))
                    .as(part.name())
                    .isInstanceOf(QctlException.class)
                    .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.NOT_FOUND))
                    .hasMessage("no message 1xX5eJ-0001hg-2X in the Exim queue");
        }
    }

    @Test
    void anIdOfTheOtherFormatIsNotFoundNotAnError() {
        // recorded: Exim 4.96 calls a (valid) 23-character ID of 4.97 malformed, on stderr, exit 1
        String id = "1xX5tC-0000000032G-9Zab";
        String stderr = EximFixtures.text(SANDBOX, "Mvh-23-character-id.stderr.txt");
        ScriptedTransport transport = new ScriptedTransport(BIN);
        for (String option : List.of("-Mvh", "-Mvb", "-Mvl")) {
            transport.on(Answer.fail(1, "", stderr.replace("-Mvh", option)), BIN, option, id);
        }
        for (MessagePart part : MessagePart.values()) {
            assertThatThrownBy(() -> adapter(transport).copyPart(id, part, new ByteArrayOutputStream()))
                    .as(part.name())
                    .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.NOT_FOUND))
                    .hasMessage("no message " + id + " in the Exim queue");
        }
    }

    @Test
    void permissionProblemsSayWhatToDo() {
        String notAdmin = EximFixtures.text(SANDBOX, "Mvh-not-admin.txt"); // recorded: "Permission denied"
        ScriptedTransport transport = new ScriptedTransport(BIN)
                .on(Answer.fail(1, notAdmin, ""), BIN, "-Mvh")
                .on(Answer.fail(1, notAdmin, ""), BIN, "-Mvb")
                .on(Answer.fail(1, notAdmin, ""), BIN, "-Mvl");
        for (MessagePart part : MessagePart.values()) {
            assertThatThrownBy(() -> adapter(transport).copyPart(sample3, part, new ByteArrayOutputStream()))
                    .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.PERMISSION))
                    .hasMessageContaining("run qctl as root or with --sudo");
        }
        ScriptedTransport sudo = new ScriptedTransport(BIN)
                .on(Answer.fail(1, "", "sudo: a password is required\n"), BIN, "-bP");
        assertThatThrownBy(() -> adapter(sudo).list(warnings::add))
                .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.PERMISSION))
                .hasMessageContaining("sudo: a password is required").hasMessageNotContaining("\n");
    }

    @Test
    void listingErrorsOfTheScript() {
        ScriptedTransport denied = new ScriptedTransport(BIN)
                .on(Answer.ok("spool_directory = " + SPOOL + "\n"), BIN, "-bP")
                .on(Answer.fail(4, "", "qctl: cannot enter the Exim spool directory /var/spool/exim4: permission denied\n"),
                        "sh", "-c");
        assertThatThrownBy(() -> adapter(denied).list(warnings::add).count())
                .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.PERMISSION))
                .hasMessage("permission denied for reading the Exim spool directory /var/spool/exim4: "
                        + "run qctl as root or with --sudo");

        ScriptedTransport sudoSh = new ScriptedTransport(BIN)
                .on(Answer.ok("spool_directory = " + SPOOL + "\n"), BIN, "-bP")
                .on(Answer.fail(1, "", "Sorry, user qctltest is not allowed to execute '/bin/sh -c ...' as root on mx1.\n"),
                        "sh", "-c");
        assertThatThrownBy(() -> adapter(sudoSh).list(warnings::add).count())
                .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.PERMISSION))
                .hasMessageContaining("sudo refused");

        ScriptedTransport cut = new ScriptedTransport(BIN)
                .on(Answer.ok("spool_directory = " + SPOOL + "\n"), BIN, "-bP")
                .on(Answer.ok("M input/1xX5eJ-0001hg-2t-H - -\nV\n"), "sh", "-c");
        assertThatThrownBy(() -> adapter(cut).list(warnings::add).count())
                .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.ERROR))
                .hasMessageContaining("ended early");

        ScriptedTransport unreadable = new ScriptedTransport(BIN)
                .on(Answer.ok("spool_directory = " + SPOOL + "\n"), BIN, "-bP")
                .on(Answer.ok("M input/1xX5eJ-0001hg-2t-H 900 100\nV\nE 0\n"), "sh", "-c");
        assertThat(adapter(unreadable).list(warnings::add).count()).isZero();
        assertThat(warnings).singleElement().asString().contains("could not be read").contains("--sudo");
        warnings.clear();

        ScriptedTransport findTrouble = new ScriptedTransport(BIN)
                .on(Answer.ok("spool_directory = " + SPOOL + "\n"), BIN, "-bP")
                .on(new Answer(0, EximFixtures.text(SANDBOX, "stream.txt").replace("\nE 0\n", "\nE 1\n")
                        .getBytes(StandardCharsets.UTF_8), "find: 'input/Q': Permission denied\n"), "sh", "-c");
        assertThat(adapter(findTrouble).list(warnings::add).count()).isEqualTo(6);
        assertThat(warnings).singleElement().asString().contains("may be incomplete").contains("input/Q");
    }

    @Test
    void closingTheListingStopsTheCommand() {
        ScriptedTransport transport = transport();
        try (Stream<QueuedMessage> s = adapter(transport).list(warnings::add)) {
            assertThat(s.findFirst()).isPresent();
        }
        assertThat(transport.closed).isPositive();
    }

    private String copy(MessagePart part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        adapter(transport()).copyPart(sample3, part, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
