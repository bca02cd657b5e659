package dev.qctl.mta;

import java.util.List;

/**
 * Where one host's mail log is: files, oldest first, or the systemd journal.
 *
 * @param files   the files to search, oldest first (empty for the journal)
 * @param journal whether to search the journal with journalctl instead
 */
public record LogSources(List<LogFile> files, boolean journal) {
    public LogSources {
        files = List.copyOf(files);
    }

    public static LogSources ofJournal() {
        return new LogSources(List.of(), true);
    }

    /** For messages: the files, or "the journal". */
    public String describe() {
        if (journal) {
            return "the journal (journalctl)";
        }
        if (files.size() == 1) {
            return files.get(0).path();
        }
        return files.get(files.size() - 1).path() + " and " + (files.size() - 1) + " rotated file"
                + (files.size() == 2 ? "" : "s");
    }
}
