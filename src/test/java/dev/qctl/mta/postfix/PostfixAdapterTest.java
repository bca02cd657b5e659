package dev.qctl.mta.postfix;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.Capability;
import dev.qctl.mta.MessagePart;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Postfix adapter against a scripted transport: which argv it builds and how it reads the answers. */
class PostfixAdapterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private static final List<String> POSTCONF_ASK = List.of("-h", "mail_version", "command_directory",
            "maximal_queue_lifetime", "bounce_queue_lifetime");

    private final ScriptedTransport transport = new ScriptedTransport();

    private PostfixAdapter adapter(String configDir) {
        return new PostfixAdapter(transport, configDir, CLOCK);
    }

    private void postfix(String version) {
        postconfAnswers(transport, version + "\n/usr/sbin\n");
    }

    /** postconf on {@code on} answers the adapter's one question with these lines. */
    private static void postconfAnswers(ScriptedTransport on, String lines) {
        on.executables.add("/usr/sbin/postconf");
        List<String> argv = new ArrayList<>(List.of("/usr/sbin/postconf"));
        argv.addAll(POSTCONF_ASK);
        on.answer(argv, 0, lines, "");
    }

    private static List<QueuedMessage> list(PostfixAdapter adapter, List<String> warnings) {
        try (Stream<QueuedMessage> s = adapter.list(warnings::add)) {
            return s.toList();
        }
    }

    @Test
    void whatItCanDo() {
        PostfixAdapter a = adapter(null);
        assertThat(a.mta()).isEqualTo(Mta.POSTFIX);
        assertThat(a.capabilities()).containsExactlyInAnyOrder(Capability.LIST, Capability.SHOW_HEADERS,
                Capability.SHOW_BODY, Capability.SHOW_RAW);
        assertThat(a.idGrammar()).isInstanceOf(PostfixQueueIds.class);
        assertThat(transport.commands).as("nothing runs before it is needed").isEmpty();
    }

    @Nested
    class IdsForCompletion {
        private static final List<String> FIND = List.of("find", "/var/spool/postfix/maildrop", "/var/spool/postfix/hold",
                "/var/spool/postfix/incoming", "/var/spool/postfix/active", "/var/spool/postfix/deferred", "-type", "f");

        private List<String> ids(PostfixAdapter adapter) {
            try (Stream<String> s = adapter.ids(w -> { })) {
                return s.toList();
            }
        }

        @Test
        void areTheQueueFilesNamesWithoutShowq() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postconf", "-h", "queue_directory"), 0, "/var/spool/postfix\n", "");
            transport.answer(FIND, 0, "/var/spool/postfix/hold/10CFC161FF7\n/var/spool/postfix/deferred/E/EDEDC161FF9\n"
                    + "/var/spool/postfix/active/EDEDC161FF9\n/var/spool/postfix/deferred/4/4jbq6Y3nLkzC08f\n"
                    + "/var/spool/postfix/maildrop/not-a-queue-file.tmp\n", "");
            assertThat(ids(adapter(null))).containsExactly("10CFC161FF7", "EDEDC161FF9", "4jbq6Y3nLkzC08f");
            assertThat(transport.commands).doesNotContain(List.of("/usr/sbin/postqueue", "-j"));
        }

        @Test
        void comeFromTheListingThroughSudoWhoseRulesNameNoFind() {
            transport.executables.add("/usr/sbin/postconf");
            List<String> probe = new ArrayList<>(List.of("sudo", "-n", "--", "/usr/sbin/postconf"));
            probe.addAll(POSTCONF_ASK);
            transport.answer(probe, 0, "3.7.11\n/usr/sbin\n", "");
            transport.answer(List.of("sudo", "-n", "--", "/usr/sbin/postqueue", "-j"), 0, Recordings.text(Recordings.JSON_37), "");
            PostfixAdapter sudo = new PostfixAdapter(new dev.qctl.exec.SudoTransport(transport), null, CLOCK);
            List<String> seen = new ArrayList<>();
            try (Stream<String> s = sudo.ids(w -> { })) {
                seen.addAll(s.toList());
            }
            assertThat(seen).hasSize(6);
            assertThat(transport.commands).noneMatch(argv -> argv.contains("find"));
        }

        @Test
        void comeFromTheListingWhereTheQueueCannotBeRead() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postconf", "-h", "queue_directory"), 0, "/var/spool/postfix\n", "");
            transport.answer(FIND, 1, "", "find: '/var/spool/postfix/hold': Permission denied\n");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 0, Recordings.text(Recordings.JSON_37), "");
            assertThat(ids(adapter(null))).containsExactly(
                    "EDEDC161FF9", "D9060161FFB", "BA46C160279", "C43621602DE", "CDDF2161FFF", "10CFC161FF7");
        }
    }

    @Nested
    class Listing {
        @Test
        void postfix31AndLaterAreReadWithPostqueueJ() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 0, Recordings.text(Recordings.JSON_37), "");
            List<String> warnings = new ArrayList<>();
            List<QueuedMessage> messages = list(adapter(null), warnings);
            assertThat(messages).hasSize(6);
            assertThat(messages).extracting(QueuedMessage::host).containsOnly("fake-host");
            assertThat(warnings).isEmpty();
            assertThat(transport.commands).containsExactly(
                    List.of("/usr/sbin/postconf", "-h", "mail_version", "command_directory", "maximal_queue_lifetime",
                            "bounce_queue_lifetime"),
                    List.of("/usr/sbin/postqueue", "-j"));
        }

        @Test
        void olderPostfixIsReadWithPostqueueP() {
            postfix("3.0.15");
            transport.answer(List.of("/usr/sbin/postqueue", "-p"), 0, Recordings.text(Recordings.TEXT_37), "");
            List<QueuedMessage> messages = list(adapter(null), new ArrayList<>());
            assertThat(messages).extracting(QueuedMessage::id).contains("EDEDC161FF9", "10CFC161FF7").hasSize(6);
            assertThat(transport.commands).last().isEqualTo(List.of("/usr/sbin/postqueue", "-p"));
        }

        @Test
        void aSecondInstanceGetsItsConfigDirectoryOnEveryCommand() {
            transport.executables.add("/usr/sbin/postconf");
            transport.answer(List.of("/usr/sbin/postconf", "-c", "/etc/postfix-out", "-h", "mail_version",
                    "command_directory", "maximal_queue_lifetime", "bounce_queue_lifetime"), 0, "3.7.11\n/usr/sbin\n", "");
            transport.answer(List.of("/usr/sbin/postqueue", "-c", "/etc/postfix-out", "-j"), 0, "", "");
            assertThat(list(adapter("/etc/postfix-out"), new ArrayList<>())).isEmpty();
            assertThat(transport.commands).hasSize(2);
        }

        @Test
        void theBounceDeadlineComesFromTheSamePostconfCall() {
            postconfAnswers(transport, "3.7.11\n/usr/sbin\n5d\n12h\n");
            dev.qctl.mta.QueueLifetime lifetime = adapter(null).queueLifetime().orElseThrow();
            assertThat(lifetime.messages()).isEqualTo(java.time.Duration.ofDays(5));
            assertThat(lifetime.bounces()).isEqualTo(java.time.Duration.ofHours(12));
            assertThat(lifetime.setting()).isEqualTo("maximal_queue_lifetime = 5d, bounce_queue_lifetime = 12h");
            assertThat(transport.commands).hasSize(1);
        }

        @Test
        void aBareNumberIsDaysAndAnOddValueMeansNoDeadline() {
            postconfAnswers(transport, "3.7.11\n/usr/sbin\n3\n3\n");
            assertThat(adapter(null).queueLifetime().orElseThrow().messages()).isEqualTo(java.time.Duration.ofDays(3));
            ScriptedTransport odd = new ScriptedTransport();
            postconfAnswers(odd, "3.7.11\n/usr/sbin\n$weird\n5d\n");
            assertThat(new PostfixAdapter(odd, null, CLOCK).queueLifetime()).isEmpty();
        }

        @Test
        void postfixIsAskedForItsVersionOnlyOnce() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 0, "", "");
            PostfixAdapter a = adapter(null);
            list(a, new ArrayList<>());
            list(a, new ArrayList<>());
            assertThat(a.version()).isEqualTo("3.7.11");
            assertThat(transport.commands).filteredOn(c -> c.get(0).endsWith("postconf")).hasSize(1);
        }

        @Test
        void badRecordsBecomeWarningsAndTheRestIsListed() {
            postfix("3.7.11");
            String lines = Recordings.text(Recordings.JSON_37);
            int firstNewline = lines.indexOf('\n');
            String broken = lines.substring(0, firstNewline + 1) + "{\"queue_name\": \n" + lines.substring(firstNewline + 1);
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 0, broken, "");
            List<String> warnings = new ArrayList<>();
            assertThat(list(adapter(null), warnings)).hasSize(6);
            assertThat(warnings).singleElement().asString().contains("(line 2)");
        }

        @Test
        void noPostconfMeansPostfixIsNotInstalled() {
            assertThatThrownBy(() -> list(adapter(null), new ArrayList<>()))
                    .isInstanceOfSatisfying(QctlException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
                        assertThat(e.getMessage()).startsWith("Postfix is not installed on fake-host");
                    });
        }

        @Test
        void aMissingConfigDirectoryIsOneErrorLineFromPostconf() {
            transport.executables.add("/usr/sbin/postconf");
            transport.answer(List.of("/usr/sbin/postconf", "-c", "/nonexistent", "-h", "mail_version",
                    "command_directory", "maximal_queue_lifetime", "bounce_queue_lifetime"), 1, "",
                    "postconf: fatal: open /nonexistent/main.cf: No such file or directory\n");
            assertThatThrownBy(() -> list(adapter("/nonexistent"), new ArrayList<>()))
                    .isInstanceOfSatisfying(QctlException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.ERROR);
                        assertThat(e.getMessage())
                                .isEqualTo("postconf failed: open /nonexistent/main.cf: No such file or directory");
                    });
        }

        @Test
        void aStoppedPostfixIsUnavailable() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 69, "",
                    "postqueue: fatal: Cannot connect to the Postfix mail system: Mail system is down\n");
            assertThatThrownBy(() -> list(adapter(null), new ArrayList<>()))
                    .isInstanceOfSatisfying(QctlException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
                        assertThat(e.getMessage()).startsWith("Postfix is not running: postqueue: ");
                    });
        }

        /**
         * postqueue.c refuses a user outside authorized_mailq_users with EX_NOPERM and
         * "fatal: User NAME(UID) is not allowed to view the mail queue": that is a permission problem
         * (exit 5, "run qctl as root or with --sudo"), but CommandFailures does not know the wording.
         */
        @Test
        void aUserNotAllowedToViewTheQueueIsAPermissionProblem() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 77, "",
                    "postqueue: fatal: User nobody(65534) is not allowed to view the mail queue\n");
            assertThatThrownBy(() -> list(adapter(null), new ArrayList<>()))
                    .isInstanceOfSatisfying(QctlException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.PERMISSION);
                        assertThat(e.getMessage()).contains("--sudo");
                    });
        }

        @Test
        void findReturnsTheMessageWithThatId() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 0, Recordings.text(Recordings.JSON_37), "");
            PostfixAdapter a = adapter(null);
            assertThat(a.find("CDDF2161FFF", w -> { })).hasValueSatisfying(m -> assertThat(m.recipients()).hasSize(3));
            assertThat(a.find("ABCDEF12345", w -> { })).isEmpty();
        }

        @Test
        void findRefusesAMalformedIdBeforeRunningAnything() {
            assertThatThrownBy(() -> adapter(null).find("$(id)", w -> { }))
                    .isInstanceOfSatisfying(QctlException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_ID));
            assertThat(transport.commands).isEmpty();
        }
    }

    @Nested
    class Parts {
        private static final String ID = "BA46C160279";

        private String copy(MessagePart part) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            adapter(null).copyPart(ID, part, out);
            return out.toString(UTF_8);
        }

        @Test
        void headersComeFromPostcatH() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postcat", "-h", "-q", ID), 0, "Subject: hi\nFrom: a@b\n", "");
            assertThat(copy(MessagePart.HEADERS)).isEqualTo("Subject: hi\nFrom: a@b\n");
        }

        @Test
        void theBodyLosesTheSeparatingBlankLinePostcatPrintsFirst() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postcat", "-b", "-q", ID), 0, "\nbody line 1\n\nbody line 3\n", "");
            assertThat(copy(MessagePart.BODY)).isEqualTo("body line 1\n\nbody line 3\n");
        }

        @Test
        void rawIsHeadersAndBodyFromPostcatBh() {
            postfix("3.7.11");
            String raw = "Subject: hi\n\nbody\n";
            transport.answer(List.of("/usr/sbin/postcat", "-bh", "-q", ID), 0, raw, "");
            assertThat(copy(MessagePart.RAW)).isEqualTo(raw);
        }

        @Test
        void anUnknownIdIsNotFound() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postcat", "-h", "-q", ID), 1, "",
                    "postcat: fatal: open queue file " + ID + ": No such file or directory\n");
            assertThatThrownBy(() -> copy(MessagePart.HEADERS))
                    .isInstanceOfSatisfying(QctlException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("no message " + ID + " in the Postfix queue");
                    });
        }

        @Test
        void postcatWithoutRootIsAPermissionProblem() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postcat", "-h", "-q", ID), 1, "",
                    "postcat: fatal: open queue file " + ID + ": Permission denied\n");
            assertThatThrownBy(() -> copy(MessagePart.HEADERS))
                    .isInstanceOfSatisfying(QctlException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.PERMISSION);
                        assertThat(e.getMessage()).startsWith("postcat: permission denied").endsWith("--sudo");
                    });
        }

        @Test
        void thereIsNoPerMessageLog() {
            assertThatThrownBy(() -> copy(MessagePart.LOG))
                    .isInstanceOfSatisfying(QctlException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
        }

        @Test
        void aMalformedIdRunsNothing() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> adapter(null).copyPart("-q ALL", MessagePart.RAW, out))
                    .isInstanceOfSatisfying(QctlException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_ID));
            assertThat(transport.commands).isEmpty();
        }
    }

    /** Answers each argv it was told about; anything else fails the test. */
    @Nested
    class OptionalFieldsFromPostcat {
        private static final String TWO = Recordings.text(Recordings.JSON_37).lines().limit(3)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));

        private List<String> ids() {
            return TWO.lines().map(l -> l.replaceAll(".*\"queue_id\": \"([0-9A-Za-z]+)\".*", "$1")).toList();
        }

        private String postcat(String id, String user) {
            return "*** ENVELOPE RECORDS deferred/" + id + " ***\nnamed_attribute: sasl_username=" + user
                    + "\nnamed_attribute: client_address=127.0.0.2\n*** MESSAGE CONTENTS deferred/" + id
                    + " ***\nSubject: s " + id + "\n*** MESSAGE FILE END deferred/" + id + " ***\n";
        }

        @Test
        void aPlainListingRunsNoPostcat() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 0, TWO, "");
            try (Stream<QueuedMessage> s = adapter(null).list(dev.qctl.model.OptionalFields.none(), w -> { })) {
                assertThat(s.toList()).hasSize(3).allSatisfy(m -> assertThat(m.origin()).isNull());
            }
            assertThat(transport.commands).noneMatch(argv -> argv.get(0).endsWith("postcat"));
        }

        @Test
        void postcatOverTheBatchAndAgainAfterAMessageThatLeftTheQueue() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 0, TWO, "");
            List<String> ids = ids();
            List<String> all = new ArrayList<>(List.of("/usr/sbin/postcat", "-e", "-h", "-q"));
            all.addAll(ids);
            transport.answer(all, 1, postcat(ids.get(0), "alice@qctl.test"),
                    "postcat: fatal: open queue file " + ids.get(1) + ": No such file or directory\n");
            transport.answer(List.of("/usr/sbin/postcat", "-e", "-h", "-q", ids.get(2)), 0,
                    postcat(ids.get(2), "bob@qctl.test"), "");
            dev.qctl.model.OptionalFields wanted = dev.qctl.model.OptionalFields.of(
                    dev.qctl.model.OptionalField.ORIGIN, dev.qctl.model.OptionalField.SUBJECT);
            try (Stream<QueuedMessage> s = adapter(null).list(wanted, w -> { })) {
                List<QueuedMessage> got = s.toList();
                assertThat(got).extracting(QueuedMessage::id).containsExactly(ids.get(0), ids.get(2));
                assertThat(got).extracting(m -> m.origin().saslUsername()).containsExactly("alice@qctl.test", "bob@qctl.test");
                assertThat(got.get(1).subject()).isEqualTo("s " + ids.get(2));
            }
        }

        @Test
        void anyOtherPostcatFailureFailsTheListing() {
            postfix("3.7.11");
            transport.answer(List.of("/usr/sbin/postqueue", "-j"), 0, TWO, "");
            List<String> all = new ArrayList<>(List.of("/usr/sbin/postcat", "-e", "-h", "-q"));
            all.addAll(ids());
            transport.answer(all, 1, "", "postcat: fatal: open queue file X: Permission denied\n");
            try (Stream<QueuedMessage> s = adapter(null).list(dev.qctl.model.OptionalFields.of(
                    dev.qctl.model.OptionalField.ORIGIN), w -> { })) {
                assertThatThrownBy(s::toList).isInstanceOf(QctlException.class)
                        .extracting(e -> ((QctlException) e).exitCode()).isEqualTo(ExitCode.PERMISSION);
            }
        }
    }

    private static final class ScriptedTransport implements Transport {
        record Answer(int exit, String stdout, String stderr) {
        }

        final Map<List<String>, Answer> answers = new HashMap<>();
        final List<List<String>> commands = java.util.Collections.synchronizedList(new ArrayList<>());
        final Set<String> executables = new java.util.HashSet<>();

        void answer(List<String> argv, int exit, String stdout, String stderr) {
            answers.put(List.copyOf(argv), new Answer(exit, stdout, stderr));
        }

        @Override
        public String target() {
            return "fake-host";
        }

        @Override
        public RunningCommand start(Command command) {
            commands.add(command.argv());
            Answer a = answers.get(command.argv());
            if (a == null) {
                throw new AssertionError("unexpected command: " + command.argv());
            }
            return new dev.qctl.exec.CannedProcess(a.exit(), a.stdout().getBytes(UTF_8), a.stderr(), () -> { });
        }

        @Override
        public boolean isExecutable(String path) {
            return executables.contains(path);
        }
    }
}
