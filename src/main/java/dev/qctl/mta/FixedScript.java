package dev.qctl.mta;

import dev.qctl.exec.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * How qctl runs one of its fixed POSIX sh scripts (Exim's spool reader, the quarantine): passed
 * inline as {@code sh -c SCRIPT sh ARGS…}, or, when the admin installed a root-owned copy on the
 * host ({@code qctl hosts spool-reader}, {@code qctl hosts quarantine-script}), as
 * {@code sh FILE ARGS…}. Both give the script the same {@code $1…} and stdin, so the results are the
 * same; only the second can be pinned in sudoers ({@code queue/SudoRules}): a rule for
 * {@code sh -c SCRIPT} is a rule for any shell command.
 */
public final class FixedScript {
    private FixedScript() {
    }

    /** @param installed the installed copy of {@code script} on the target, or null to pass it inline */
    public static Command command(String script, String installed, List<String> args) {
        List<String> argv = new ArrayList<>(installed == null ? List.of("sh", "-c", script, "sh") : List.of("sh", installed));
        argv.addAll(args);
        return new Command(argv);
    }
}
