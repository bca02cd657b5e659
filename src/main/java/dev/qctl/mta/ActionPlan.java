package dev.qctl.mta;

import dev.qctl.exec.Command;
import java.util.List;

/**
 * The commands an action will run, as a dry run shows them: each with the number of IDs it
 * carries (on its command line or on stdin).
 */
public record ActionPlan(List<Step> steps) {
    public record Step(Command command, int ids, boolean idsOnStdin) {
        public String describe() {
            return command.display() + (idsOnStdin ? "  (" + ids + " ID" + (ids == 1 ? "" : "s") + " on stdin)" : "");
        }
    }
}
