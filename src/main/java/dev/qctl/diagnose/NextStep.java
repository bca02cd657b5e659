package dev.qctl.diagnose;

import java.util.List;

/**
 * What to do about a cause or signal: advice in words and, where one applies, the exact qctl
 * commands (shell-quoted, ready to paste).
 */
public record NextStep(String advice, List<String> commands) {
    public NextStep {
        commands = List.copyOf(commands);
    }
}
