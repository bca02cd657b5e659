package dev.qctl.config;

import dev.qctl.config.RawConfig.RawDiagnose;
import dev.qctl.config.RawConfig.RawRule;
import dev.qctl.diagnose.Cause;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks the config's {@code diagnose.rules}; an error names the file, line and column of the rule. */
final class DiagnoseRules {
    private static final Pattern CODE = Pattern.compile("[245]\\d\\d|[245]\\.\\d{1,3}\\.\\d{1,3}");

    private DiagnoseRules() {
    }

    static List<DiagnoseRule> check(Path source, RawDiagnose diagnose) {
        List<DiagnoseRule> rules = new ArrayList<>();
        if (diagnose == null || diagnose.rules() == null) {
            return rules;
        }
        for (RawRule raw : diagnose.rules()) {
            rules.add(rule(source, raw));
        }
        return rules;
    }

    private static DiagnoseRule rule(Path source, RawRule raw) {
        String at = ConfigParser.where(source, raw.line(), raw.column()) + "diagnose rule: ";
        if (raw.match() == null && raw.code() == null) {
            throw new ConfigException(at + "give match (a regular expression) or code (such as 421 or 4.7.28), or both");
        }
        if (raw.cause() == null || raw.cause().isBlank()) {
            throw new ConfigException(at + "cause is missing (one of " + Cause.builtInNames() + ", or a name of your own "
                    + "with advice)");
        }
        Pattern match = null;
        if (raw.match() != null) {
            try {
                match = Pattern.compile(raw.match(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(at + "match is not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex(), e);
            }
        }
        if (raw.code() != null && !CODE.matcher(raw.code().strip()).matches()) {
            throw new ConfigException(at + "code must be a reply code such as 421 or an enhanced status code such as "
                    + "4.7.28, not '" + raw.code() + "'");
        }
        String cause = raw.cause().strip();
        if (Cause.builtIn(cause).isEmpty()) {
            try {
                new Cause(cause, "");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + e.getMessage(), e);
            }
            if (raw.advice() == null || raw.advice().isBlank()) {
                throw new ConfigException(at + "'" + cause + "' is not a built-in cause (" + Cause.builtInNames()
                        + "); a cause of your own needs advice: what to do about it");
            }
        }
        return new DiagnoseRule(match, raw.code() == null ? null : raw.code().strip(), cause, raw.advice(), raw.line());
    }
}
