package dev.qctl.diagnose;

/** The cause a reason was given, and the rule that gave it. */
public record Classification(Cause cause, String rule) {
}
