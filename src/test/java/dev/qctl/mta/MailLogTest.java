package dev.qctl.mta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.exec.Command;
import dev.qctl.exec.LocalTransport;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MailLogTest {
    private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    private final MailLog log = new MailLog(new LocalTransport(), "Postfix", line -> null, List::of, true);

    private static LogFile file(String path, int days) {
        return new LogFile(path, T0.plusSeconds(days * 86400L), true);
    }

    private static final LogSources ROTATED = new LogSources(List.of(
            file("/var/log/mail.log.3.gz", 0), file("/var/log/mail.log.2.gz", 1),
            file("/var/log/mail.log.1", 2), file("/var/log/mail.log", 3)), false);

    private static Set<String> needles(String... n) {
        return new LinkedHashSet<>(List.of(n));
    }

    @Test
    void oneZgrepForTheGzippedFilesAndOneGrepForThePlainOnesOldestFirst() {
        List<Command> commands = log.commands(ROTATED, needles("4ABC", "msg@x"), false, null, null);
        assertThat(commands).extracting(Command::argv).containsExactly(
                List.of("zgrep", "-F", "-a", "-h", "-e", "4ABC", "-e", "msg@x", "--", "/var/log/mail.log.3.gz",
                        "/var/log/mail.log.2.gz"),
                List.of("grep", "-F", "-a", "-h", "-e", "4ABC", "-e", "msg@x", "--", "/var/log/mail.log.1",
                        "/var/log/mail.log"));
    }

    @Test
    void filesLastWrittenBeforeSinceAreNotSearched() {
        List<Command> commands = log.commands(ROTATED, needles("-e"), true, T0.plusSeconds(86400 * 2 - 1), null);
        assertThat(commands).extracting(Command::argv).containsExactly(
                List.of("grep", "-F", "-a", "-h", "-i", "-e", "-e", "--", "/var/log/mail.log.1", "/var/log/mail.log"));
    }

    @Test
    void theJournalWithOneLiteralRegexAndTheWindow() {
        List<Command> commands = log.commands(LogSources.ofJournal(), needles("4ABC", "a.b+c@x"), false,
                Instant.ofEpochSecond(1000), Instant.ofEpochSecond(2000));
        assertThat(commands).singleElement().extracting(Command::argv).isEqualTo(List.of("journalctl", "--no-pager",
                "-q", "-o", "short-iso", "--case-sensitive=yes", "--since=@1000", "--until=@2001",
                "--grep=4ABC|a\\.b\\+c@x", "SYSLOG_FACILITY=2"));
    }

    @Test
    void rotationsOrderedOldestFirstAndOnlyTheBasesOwn() {
        List<LogFile> found = List.of(file("/var/log/mail.log", 9), file("/var/log/mail.log.1", 1),
                file("/var/log/mail.log.10.gz", 1), file("/var/log/mail.log.2.gz", 1), file("/var/log/mail.logger", 1),
                file("/var/log/mail.log-20261130.gz", 5), file("/var/log/mail.log.bak", 1));
        assertThat(MailLog.rotationsOf("/var/log/mail.log", found)).extracting(LogFile::path).containsExactly(
                "/var/log/mail.log.10.gz", "/var/log/mail.log.2.gz", "/var/log/mail.log.1",
                "/var/log/mail.log-20261130.gz", "/var/log/mail.log");
    }
}
