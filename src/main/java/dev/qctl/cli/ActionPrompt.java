package dev.qctl.cli;

import dev.qctl.model.Durations;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Sanitizer;
import dev.qctl.queue.ActionPreview;
import java.time.Instant;

/** The text above "Proceed?": how many messages where, and a sample of them. */
final class ActionPrompt {
    private ActionPrompt() {
    }

    static String text(ActionPreview preview, Instant now) {
        StringBuilder text = new StringBuilder();
        boolean several = preview.hosts().size() > 1;
        text.append("About to ").append(preview.action().description()).append(' ')
                .append(ActionCommand.count(preview.total()));
        if (several) {
            text.append(" on ").append(preview.hosts().size()).append(" hosts:\n");
            for (ActionPreview.HostCount h : preview.hosts()) {
                text.append("  ").append(Sanitizer.inline(h.host())).append(" (").append(h.mta()).append("): ")
                        .append(ActionCommand.count(h.messages())).append('\n');
            }
        } else {
            ActionPreview.HostCount h = preview.hosts().get(0);
            text.append(" on ").append(Sanitizer.inline(h.host())).append(" (").append(h.mta()).append("):\n");
        }
        for (ActionPreview.Sample s : preview.sample()) {
            QueuedMessage m = s.message();
            text.append("  ").append(several ? Sanitizer.inline(s.host()) + "  " : "").append(Sanitizer.inline(m.id()))
                    .append("  ").append(Durations.human(m.age(now))).append("  ")
                    .append(Sanitizer.inline(m.isBounce() ? "<>" : m.sender())).append(" -> ")
                    .append(Sanitizer.inline(m.recipients().isEmpty() ? "" : m.recipients().get(0).address()))
                    .append(m.recipients().size() > 1 ? " (+" + (m.recipients().size() - 1) + ")" : "").append('\n');
        }
        if (preview.total() > preview.sample().size()) {
            text.append("  … and ").append(preview.total() - preview.sample().size()).append(" more\n");
        }
        return text.toString();
    }
}
