package dev.qctl.mta.exim;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Sanitizer;
import java.util.Locale;

/**
 * Turns what a failed Exim command (or sudo in front of it) printed into one clear error. Exim's
 * -Mv* options print their complaints on stdout, sudo on stderr, so both are looked at.
 */
final class EximFailures {
    static final String RUN_AS_ROOT = "run qctl as root or with --sudo";

    private EximFailures() {
    }

    /** sudo -n refused to run the command (password needed, or not allowed). */
    static boolean isSudoRefusal(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("sudo: a password is required")
                || t.contains("sudo: a terminal is required")
                || t.contains("is not allowed to execute")
                || t.contains("is not in the sudoers file")
                || t.contains("may not run sudo");
    }

    static boolean isPermissionDenied(String text) {
        return text.toLowerCase(Locale.ROOT).contains("permission denied");
    }

    static boolean isNoSuchMessage(String text) {
        return text.contains("No such file or directory") && text.contains("Failed to open");
    }

    /**
     * Exim refuses an ID of the other format as malformed: 4.96 and earlier do not know the
     * 23-character IDs of 4.97. qctl has checked the ID against both formats before, so this only
     * means that such a message cannot be in this Exim's queue.
     */
    static boolean isOtherIdFormat(String text) {
        return text.contains("malformed message id");
    }

    static QctlException notFound(String id) {
        return new QctlException(ExitCode.NOT_FOUND, "no message " + id + " in the Exim queue");
    }

    static QctlException permission(String what, String output) {
        if (isSudoRefusal(output)) {
            return new QctlException(ExitCode.PERMISSION,
                    "sudo refused to run " + what + " (" + firstLine(output)
                            + "): allow it without a password (NOPASSWD) for this user, or run qctl as root");
        }
        return new QctlException(ExitCode.PERMISSION, "permission denied for " + what + ": " + RUN_AS_ROOT);
    }

    /**
     * The error for a failed command about message {@code id} (null if none): not found, permission,
     * or else the command's own first line.
     */
    static QctlException classify(String what, String id, String output) {
        if (isSudoRefusal(output) || isPermissionDenied(output)) {
            return permission(what, output);
        }
        if (id != null && (isNoSuchMessage(output) || isOtherIdFormat(output))) {
            return notFound(id);
        }
        String line = firstLine(output);
        return new QctlException(ExitCode.ERROR, what + " failed" + (line.isEmpty() ? "" : ": " + line));
    }

    static String firstLine(String text) {
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                return Sanitizer.inline(line.strip());
            }
        }
        return "";
    }
}
