package dev.qctl.mta;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.LogEvent;
import dev.qctl.model.Sanitizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One MTA's mail log on one target: where it is (the files the MTA's configuration names, with
 * their rotated siblings, else the journal) and a search in it that runs on the target, with the
 * target's own tools: {@code grep -F} on plain files, {@code zgrep -F} on gzipped ones,
 * {@code journalctl --grep} on the journal. Only matching lines cross the transport; they are read
 * as they stream and handed on one event at a time.
 */
public final class MailLog {
    /** Rotated siblings: mail.log.1, mail.log.2.gz, mail.log-20261201(.gz). */
    private static final String ROTATED = "(?:\\.\\d+|-\\d{8}(?:\\d{2})?)?(?:\\.gz)?";
    private static final List<String> JOURNALCTL = List.of("/usr/bin/journalctl", "/bin/journalctl");

    private final Transport transport;
    private final String mtaName;
    private final LogLineParser parser;
    private final Supplier<List<String>> candidates;
    private final boolean followsMessageIds;

    /**
     * @param candidates        the log files the MTA may write, most likely first (asked lazily: it may
     *                          run the MTA's configuration tool)
     * @param followsMessageIds whether a message continues under another queue ID with the same
     *                          Message-ID (Postfix re-injection, postsuper -r)
     */
    public MailLog(Transport transport, String mtaName, LogLineParser parser, Supplier<List<String>> candidates,
                   boolean followsMessageIds) {
        this.transport = transport;
        this.mtaName = mtaName;
        this.parser = parser;
        this.candidates = candidates;
        this.followsMessageIds = followsMessageIds;
    }

    public boolean followsMessageIds() {
        return followsMessageIds;
    }

    /** The target's name, for messages. */
    public String target() {
        return transport.target();
    }

    /**
     * The log to search: {@code explicit} (a file and its rotated siblings) when given, else the
     * first of the MTA's candidates that exists, else the journal when the target has journalctl.
     * A missing file is NOT_FOUND, an unreadable one PERMISSION.
     */
    public LogSources locate(String explicit) {
        List<String> bases = explicit != null ? List.of(explicit) : candidates.get();
        StringBuilder refusals = new StringBuilder();
        List<LogFile> found = list(bases, refusals);
        for (String base : bases) {
            List<LogFile> mine = rotationsOf(base, found);
            if (!mine.isEmpty()) {
                List<String> unreadable = mine.stream().filter(f -> !f.readable()).map(LogFile::path).toList();
                if (!unreadable.isEmpty()) {
                    throw new QctlException(ExitCode.PERMISSION, "cannot read the mail log " + String.join(", ", unreadable)
                            + " on " + transport.target() + ": permission denied (run qctl as root, or with --sudo)");
                }
                return new LogSources(mine, false);
            }
        }
        if (refusals.length() > 0) { // find could not look into the directory of a candidate
            throw new QctlException(ExitCode.PERMISSION, "cannot read the mail log on " + transport.target() + ": "
                    + CommandFailures.lastMeaningfulLine(refusals.toString()) + " (run qctl as root, or with --sudo)");
        }
        if (explicit != null) {
            throw new QctlException(ExitCode.NOT_FOUND, "no mail log " + Sanitizer.inline(explicit) + " on " + transport.target());
        }
        if (JOURNALCTL.stream().anyMatch(transport::isExecutable)) {
            return LogSources.ofJournal();
        }
        throw new QctlException(ExitCode.NOT_FOUND, "no " + mtaName + " mail log on " + transport.target() + ": none of "
                + String.join(", ", bases) + " exists and there is no journalctl (say where with --log FILE)");
    }

    /**
     * One search pass: every line that contains one of the literal {@code needles}, parsed, with a
     * time in [since, until] (either may be null), to {@code sink} in log order.
     */
    public void search(LogSources sources, Set<String> needles, boolean ignoreCase, Instant since, Instant until,
                       Consumer<LogEvent> sink) {
        if (needles.isEmpty()) {
            return;
        }
        for (Command command : commands(sources, needles, ignoreCase, since, until)) {
            run(command, since, until, sink);
        }
    }

    /** The commands of one pass: one per run of plain or gzipped files (in order), or one journalctl. */
    List<Command> commands(LogSources sources, Set<String> needles, boolean ignoreCase, Instant since, Instant until) {
        List<Command> commands = new ArrayList<>();
        if (sources.journal()) {
            commands.add(journalctl(needles, ignoreCase, since, until));
            return commands;
        }
        List<LogFile> group = new ArrayList<>();
        for (LogFile file : sources.files()) {
            if (since != null && file.modified().isBefore(since)) {
                continue; // last written before the window: no line in it can be inside
            }
            if (!group.isEmpty() && group.get(0).compressed() != file.compressed()) {
                commands.add(grep(group, needles, ignoreCase));
                group = new ArrayList<>();
            }
            group.add(file);
        }
        if (!group.isEmpty()) {
            commands.add(grep(group, needles, ignoreCase));
        }
        return commands;
    }

    private static Command grep(List<LogFile> files, Set<String> needles, boolean ignoreCase) {
        List<String> argv = new ArrayList<>();
        argv.add(files.get(0).compressed() ? "zgrep" : "grep");
        argv.add("-F");
        argv.add("-a"); // a stray binary byte must not turn the answer into "binary file matches"
        argv.add("-h");
        if (ignoreCase) {
            argv.add("-i");
        }
        for (String needle : needles) {
            argv.add("-e");
            argv.add(needle);
        }
        argv.add("--");
        files.forEach(f -> argv.add(f.path()));
        return new Command(argv);
    }

    private static Command journalctl(Set<String> needles, boolean ignoreCase, Instant since, Instant until) {
        List<String> argv = new ArrayList<>(List.of("journalctl", "--no-pager", "-q", "-o", "short-iso",
                "--case-sensitive=" + (ignoreCase ? "no" : "yes")));
        if (since != null) {
            argv.add("--since=@" + since.getEpochSecond());
        }
        if (until != null) {
            argv.add("--until=@" + (until.getEpochSecond() + 1));
        }
        StringBuilder regex = new StringBuilder();
        for (String needle : needles) {
            regex.append(regex.length() == 0 ? "" : "|").append(regexLiteral(needle));
        }
        argv.add("--grep=" + regex);
        argv.add("SYSLOG_FACILITY=2"); // mail
        return new Command(argv);
    }

    /** A needle as a PCRE2 literal for journalctl --grep. */
    static String regexLiteral(String needle) {
        StringBuilder sb = new StringBuilder();
        for (char c : needle.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private void run(Command command, Instant since, Instant until, Consumer<LogEvent> sink) {
        try (RunningCommand running = transport.start(command)) {
            running.stdin().close();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(running.stdout(), StandardCharsets.UTF_8), 64 * 1024)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    LogEvent event = parser.parse(line);
                    if (event != null && (since == null || !event.time().isBefore(since))
                            && (until == null || !event.time().isAfter(until))) {
                        sink.accept(event);
                    }
                }
            }
            int exit = running.waitFor();
            if (exit > 1) { // grep: 1 = no line matched
                throw CommandFailures.explain(mtaName + " log", command, exit, running.stderr());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file beside the bases that is a base or a rotation of one, with its time and readability. */
    private List<LogFile> list(List<String> bases, StringBuilder refusals) {
        Set<String> dirs = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (String base : bases) {
            int slash = base.lastIndexOf('/');
            if (slash < 0) {
                throw new QctlException(ExitCode.USAGE, "the mail log must be an absolute path: " + Sanitizer.inline(base));
            }
            dirs.add(slash == 0 ? "/" : base.substring(0, slash));
            names.add(base.substring(slash + 1));
        }
        List<String> argv = new ArrayList<>(List.of("find"));
        argv.addAll(dirs);
        argv.addAll(List.of("-maxdepth", "1", "-type", "f", "("));
        for (int i = 0; i < names.size(); i++) {
            String glob = globLiteral(names.get(i));
            if (i > 0) {
                argv.add("-o");
            }
            argv.addAll(List.of("-name", glob, "-o", "-name", glob + ".*", "-o", "-name", glob + "-*"));
        }
        argv.addAll(List.of(")", "(", "-readable", "-printf", "r %T@ %p\\n", "-o", "-printf", "u %T@ %p\\n", ")"));
        CommandResult result = transport.run(new Command(argv));
        List<LogFile> files = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3 && (parts[0].equals("r") || parts[0].equals("u"))) {
                try {
                    double seconds = Double.parseDouble(parts[1]);
                    Instant modified = Instant.ofEpochSecond((long) seconds, (long) ((seconds % 1) * 1e9));
                    files.add(new LogFile(parts[2], modified, parts[0].equals("r")));
                } catch (NumberFormatException ignored) {
                    // not a line of ours
                }
            }
        }
        for (String line : result.stderr().split("\n")) {
            if (line.contains("Permission denied")) {
                refusals.append(line).append('\n');
            }
        }
        return files; // find exits 1 for a missing directory: then there is simply no file there
    }

    /**
     * The base and its rotated files, oldest first: the base last, .N by falling N (.2.gz before .1),
     * dated ones by date, then by last write.
     */
    static List<LogFile> rotationsOf(String base, List<LogFile> found) {
        Pattern mine = Pattern.compile(Pattern.quote(base) + ROTATED);
        List<LogFile> files = new ArrayList<>(found.stream().filter(f -> mine.matcher(f.path()).matches()).toList());
        files.sort(Comparator.<LogFile, Boolean>comparing(f -> f.path().equals(base))
                .thenComparing(f -> -rotationNumber(f.path(), base))
                .thenComparing(f -> f.path().substring(base.length()))
                .thenComparing(LogFile::modified));
        return files;
    }

    private static int rotationNumber(String path, String base) {
        String rest = path.substring(base.length()).replace(".gz", "");
        try {
            return rest.startsWith(".") ? Integer.parseInt(rest.substring(1)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String globLiteral(String name) {
        return name.replaceAll("([\\[\\]*?\\\\])", "\\\\$1");
    }
}
