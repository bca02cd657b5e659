package dev.qctl.config;

import java.util.regex.Pattern;

/**
 * A classification rule from the config's {@code diagnose.rules}: reasons that match are given
 * {@code cause}. At least one of {@code match} and {@code code} is set; when both are, both must hold.
 *
 * @param match  a regular expression searched in the reason (case-insensitive), or null
 * @param code   a reply code ({@code 421}) or enhanced status code ({@code 4.7.28}), or null
 * @param cause  a built-in cause, or a name of the user's own (which then has {@code advice})
 * @param advice what to do, shown as the next step of a cause of one's own; null for built-in causes
 * @param line   where the rule starts in the file, to name it in output ({@code config:LINE})
 */
public record DiagnoseRule(Pattern match, String code, String cause, String advice, int line) {
}
