package dev.qctl.mta.postfix;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.Transport;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.ActionPlan;
import dev.qctl.mta.CommandFailures;
import dev.qctl.model.Sanitizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix actions: one {@code postsuper -X -} per action with every ID on stdin (so deleting 100k
 * messages is one process), and {@code postqueue -i ID} where Postfix has no batch form. postsuper
 * exits 0 even for IDs it did not find, so each ID's fate is read from its per-message stderr
 * lines ({@code postsuper: ID: removed}).
 */
final class PostfixActions {
    /** Bounce also asks for an immediate delivery attempt, one process per ID, up to this many. */
    static final int BOUNCE_NUDGE_LIMIT = 100;

    private static final Map<Action, String> POSTSUPER_OPTION = new EnumMap<>(Map.of(
            Action.HOLD, "-h", Action.RELEASE, "-H", Action.REQUEUE, "-r", Action.DELETE, "-d", Action.BOUNCE, "-f"));
    private static final Map<Action, String> POSTSUPER_SAYS = new EnumMap<>(Map.of(
            Action.HOLD, "placed on hold", Action.RELEASE, "released from hold", Action.REQUEUE, "requeued",
            Action.DELETE, "removed", Action.BOUNCE, "expired"));
    private static final Pattern PER_MESSAGE = Pattern.compile("^postsuper: ([0-9A-Za-z]+): (.*)$");

    static final Set<Action> SUPPORTED = Set.of(Action.values());

    private final Transport transport;
    private final PostfixTools tools;

    PostfixActions(Transport transport, PostfixTools tools) {
        this.transport = transport;
        this.tools = tools;
    }

    ActionPlan plan(Action action, List<String> ids) {
        requireVersionFor(action);
        List<ActionPlan.Step> steps = new ArrayList<>();
        if (action == Action.DELIVER) {
            ids.forEach(id -> steps.add(new ActionPlan.Step(tools.postqueue("-i", id), 1, false)));
            return new ActionPlan(steps);
        }
        steps.add(new ActionPlan.Step(tools.postsuper(POSTSUPER_OPTION.get(action), "-"), ids.size(), true));
        if (action == Action.BOUNCE && ids.size() <= BOUNCE_NUDGE_LIMIT) {
            ids.forEach(id -> steps.add(new ActionPlan.Step(tools.postqueue("-i", id), 1, false)));
        }
        return new ActionPlan(steps);
    }

    List<ActionOutcome> act(Action action, List<String> ids) {
        requireVersionFor(action);
        if (ids.isEmpty()) {
            return List.of();
        }
        if (action == Action.DELIVER) {
            List<ActionOutcome> outcomes = new ArrayList<>();
            for (String id : ids) {
                outcomes.add(deliverNow(id));
            }
            return outcomes;
        }
        List<ActionOutcome> outcomes = postsuper(action, ids);
        if (action == Action.BOUNCE && ids.size() <= BOUNCE_NUDGE_LIMIT) {
            // Expired messages bounce at their next attempt: ask for it now (failures here are harmless).
            outcomes.stream().filter(ActionOutcome::isOk).forEach(o -> transport.run(tools.postqueue("-i", o.id())));
        }
        return outcomes;
    }

    private List<ActionOutcome> postsuper(Action action, List<String> ids) {
        Command command = tools.postsuper(POSTSUPER_OPTION.get(action), "-");
        byte[] stdin = (String.join("\n", ids) + "\n").getBytes(StandardCharsets.US_ASCII);
        CommandResult result = transport.run(command, stdin);
        Map<String, List<String>> said = perMessageLines(result.stderr());
        if (!result.ok() && said.isEmpty()) {
            throw CommandFailures.explain("Postfix", command, result.exitCode(), result.stderr());
        }
        String success = POSTSUPER_SAYS.get(action);
        List<ActionOutcome> outcomes = new ArrayList<>(ids.size());
        for (String id : ids) {
            List<String> lines = said.getOrDefault(id, List.of());
            if (lines.stream().anyMatch(l -> l.startsWith(success))) {
                outcomes.add(ActionOutcome.ok(id));
            } else if (lines.isEmpty()) {
                outcomes.add(new ActionOutcome(id, ActionOutcome.Result.NOT_FOUND,
                        "postsuper did not find it (delivered or removed meanwhile?)"));
            } else {
                outcomes.add(new ActionOutcome(id, ActionOutcome.Result.FAILED, Sanitizer.inline(String.join("; ", lines))));
            }
        }
        return outcomes;
    }

    private ActionOutcome deliverNow(String id) {
        Command command = tools.postqueue("-i", id);
        CommandResult result = transport.run(command);
        if (result.ok()) {
            return ActionOutcome.ok(id);
        }
        throw CommandFailures.explain("Postfix", command, result.exitCode(), result.stderr());
    }

    private static Map<String, List<String>> perMessageLines(String stderr) {
        Map<String, List<String>> said = new HashMap<>();
        for (String line : stderr.split("\n")) {
            Matcher m = PER_MESSAGE.matcher(line.strip());
            if (m.matches()) {
                said.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            }
        }
        return said;
    }

    private void requireVersionFor(Action action) {
        if (action == Action.BOUNCE && !tools.version().atLeast(3, 5)) {
            throw new QctlException(ExitCode.USAGE, "bounce needs Postfix 3.5 or later (postsuper -f); this is Postfix "
                    + tools.version().text() + ": use 'qctl delete' to drop messages without a bounce");
        }
    }

    Command flushCommand(String site) {
        return site == null ? tools.postqueue("-f") : tools.postqueue("-s", site);
    }

    void flush(String site) {
        Command command = flushCommand(site);
        CommandResult result = transport.run(command);
        if (!result.ok()) {
            if (site != null && result.exitCode() == 69) {
                throw new QctlException(ExitCode.ERROR, "Postfix cannot flush " + site
                        + " alone: add it to fast_flush_domains (postconf fast_flush_domains), or flush the whole queue");
            }
            throw CommandFailures.explain("Postfix", command, result.exitCode(), result.stderr());
        }
    }
}
