package dev.qctl.cli;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import dev.qctl.model.Sanitizer;
import dev.qctl.model.Durations;
import java.time.Instant;
import java.util.List;

/** The text above "Proceed?": how many messages where, and a sample of them. */
final class ActionPrompt {
    private ActionPrompt() {
    }

    static String text(Action action, int count, List<HostActionPlan> plans, Instant now) {
        StringBuilder text = new StringBuilder();
        boolean several = plans.size() > 1;
        if (several) {
            text.append("About to ").append(action.description()).append(' ').append(ActionCommand.count(count))
                    .append(" on ").append(plans.size()).append(" hosts:\n");
            for (HostActionPlan p : plans) {
                text.append("  ").append(Sanitizer.inline(p.host().name())).append(" (")
                        .append(p.adapter().mta().displayName()).append("): ")
                        .append(ActionCommand.count(p.selected().size())).append('\n');
            }
        } else {
            HostActionPlan p = plans.get(0);
            text.append("About to ").append(action.description()).append(' ').append(ActionCommand.count(count))
                    .append(" on ").append(p.host().name()).append(" (").append(p.adapter().mta().displayName())
                    .append("):\n");
        }
        int shown = 0;
        for (HostActionPlan p : plans) {
            for (QueuedMessage m : p.sample()) {
                if (shown++ >= HostActionPlan.SAMPLE) {
                    break;
                }
                text.append("  ").append(several ? Sanitizer.inline(p.host().name()) + "  " : "").append(m.id())
                        .append("  ").append(Durations.human(m.age(now))).append("  ")
                        .append(Sanitizer.inline(m.isBounce() ? "<>" : m.sender())).append(" -> ")
                        .append(Sanitizer.inline(m.recipients().isEmpty() ? "" : m.recipients().get(0).address()))
                        .append(m.recipients().size() > 1 ? " (+" + (m.recipients().size() - 1) + ")" : "").append('\n');
            }
        }
        int sampled = Math.min(shown, HostActionPlan.SAMPLE);
        if (count > sampled) {
            text.append("  … and ").append(count - sampled).append(" more\n");
        }
        return text.toString();
    }
}
