package dev.qctl.mta;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.model.Sanitizer;
import java.util.Locale;

/**
 * Turns a failed MTA command into one line a mail admin can act on, with the exit code that
 * classifies it. The MTA's own words are kept (its last "fatal:" line where there is one).
 */
public final class CommandFailures {
    private CommandFailures() {
    }

    public static QctlException explain(String mtaName, Command command, int exit, String stderr) {
        String said = lastMeaningfulLine(stderr);
        String lower = said.toLowerCase(Locale.ROOT);
        String program = command.argv().get(0).equals("sudo") ? "sudo" : baseName(command.program());
        if (lower.contains("a password is required") || lower.contains("a terminal is required")) {
            return new QctlException(ExitCode.PERMISSION,
                    "sudo asked for a password: add a NOPASSWD sudoers rule for the " + mtaName
                            + " commands (see the README, section Remote hosts and fleets), or run qctl as root");
        }
        if (lower.contains("permission denied") || lower.contains("reserved for the superuser")
                || lower.contains("not permitted") || lower.contains("must be root")
                || lower.contains("is not in the sudoers") || lower.contains("not allowed to execute")
                || lower.contains("is not allowed to view") || exit == 77) {
            return new QctlException(ExitCode.PERMISSION,
                    program + ": permission denied (" + said + "): run qctl as root or with --sudo");
        }
        if (lower.contains("mail system is down") || lower.contains("connection refused")) {
            return new QctlException(ExitCode.UNAVAILABLE, mtaName + " is not running: " + program + ": " + said);
        }
        String reason = said.isEmpty() ? "exit status " + exit : said;
        return new QctlException(ExitCode.ERROR, program + " failed: " + reason);
    }

    static String lastMeaningfulLine(String stderr) {
        if (stderr == null) {
            return "";
        }
        String fatal = null;
        String last = "";
        for (String line : stderr.split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            last = t;
            if (t.contains("fatal:")) {
                fatal = t.substring(t.indexOf("fatal:") + "fatal:".length()).strip();
            }
        }
        return Sanitizer.inline(fatal != null ? fatal : last);
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
