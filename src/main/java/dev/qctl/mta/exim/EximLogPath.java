package dev.qctl.mta.exim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where Exim's main log is, from its {@code log_file_path}: a colon-separated list of file
 * templates ({@code %s} is the log's name: main, reject, panic) and {@code syslog}. Unset, Exim
 * uses its compiled-in path: Debian's /var/log/exim4, else the spool's log directory.
 */
final class EximLogPath {
    static final List<String> SYSLOG_FILES = List.of("/var/log/mail.log", "/var/log/maillog");
    static final List<String> COMPILED_DEFAULTS = List.of("/var/log/exim4/mainlog", "/var/log/exim/mainlog");

    private EximLogPath() {
    }

    /** The main log candidates, most likely first. */
    static List<String> mainLogs(String logFilePath, Supplier<String> spoolDirectory) {
        List<String> files = new ArrayList<>();
        if (logFilePath == null || logFilePath.isBlank()) {
            files.addAll(COMPILED_DEFAULTS);
            files.add(spoolDirectory.get() + "/log/mainlog");
            return files;
        }
        for (String item : logFilePath.split(":")) {
            String template = item.strip();
            if (template.equals("syslog")) {
                files.addAll(SYSLOG_FILES);
            } else if (template.startsWith("/") && !template.contains("%D") && !template.contains("%M")) {
                files.add(template.replace("%s", "main"));
            } else if (template.isEmpty()) {
                files.addAll(COMPILED_DEFAULTS); // an empty item means the compiled-in path
            }
        }
        return files;
    }
}
