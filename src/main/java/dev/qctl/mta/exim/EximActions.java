package dev.qctl.mta.exim;

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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Exim actions: {@code exim -Mf/-Mt/-M/-Mg/-Mrm ID…} with the IDs in chunks that stay far below
 * the system's argument limit, so 100k messages take a few hundred processes, not 100k. Exim
 * says per message what happened ("Message ID is now frozen", "Spool data file for ID does not
 * exist"); some actions say nothing when they succeed, so silence with exit 0 is success.
 */
final class EximActions {
    /** IDs per command: 500 × 24 bytes is far below ARG_MAX on every system Exim runs on. */
    static final int CHUNK = 500;

    private static final Map<Action, String> OPTION = new EnumMap<>(Map.of(
            Action.HOLD, "-Mf", Action.RELEASE, "-Mt", Action.DELIVER, "-M", Action.BOUNCE, "-Mg", Action.DELETE, "-Mrm"));
    static final Set<Action> SUPPORTED = OPTION.keySet();

    private final Transport transport;
    private final EximCommands commands;

    EximActions(Transport transport, EximCommands commands) {
        this.transport = transport;
        this.commands = commands;
    }

    static String unsupported(Action action) {
        if (action == Action.REQUEUE) {
            return "Exim has no requeue (its queue has no pickup step): use 'qctl deliver' to try delivery now";
        }
        return "Exim cannot " + action.description();
    }

    ActionPlan plan(Action action, List<String> ids) {
        List<ActionPlan.Step> steps = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            steps.add(new ActionPlan.Step(command(action, chunk), chunk.size(), false));
        }
        return new ActionPlan(steps);
    }

    List<ActionOutcome> act(Action action, List<String> ids) {
        List<ActionOutcome> outcomes = new ArrayList<>(ids.size());
        for (List<String> chunk : chunks(ids)) {
            Command command = command(action, chunk);
            CommandResult result = transport.run(command);
            outcomes.addAll(read(chunk, result, command));
        }
        return outcomes;
    }

    private Command command(Action action, List<String> ids) {
        String option = OPTION.get(action);
        if (option == null) {
            throw new QctlException(ExitCode.USAGE, unsupported(action));
        }
        return commands.action(option, ids);
    }

    /** One outcome per ID from what Exim printed about it. */
    static List<ActionOutcome> read(List<String> ids, CommandResult result, Command command) {
        Map<String, List<String>> said = new LinkedHashMap<>();
        ids.forEach(id -> said.put(id, new ArrayList<>()));
        String output = result.stdout() + "\n" + result.stderr();
        boolean anyAboutIds = false;
        for (String line : output.split("\n")) {
            for (String id : ids) {
                if (line.contains(id)) {
                    said.get(id).add(line.strip());
                    anyAboutIds = true;
                }
            }
        }
        if (!result.ok() && !anyAboutIds) {
            throw CommandFailures.explain("Exim", command, result.exitCode(), result.stderr());
        }
        List<ActionOutcome> outcomes = new ArrayList<>(ids.size());
        for (String id : ids) {
            outcomes.add(outcome(id, said.get(id), result.ok()));
        }
        return outcomes;
    }

    private static ActionOutcome outcome(String id, List<String> lines, boolean exitOk) {
        String all = String.join("; ", lines);
        String lower = all.toLowerCase(Locale.ROOT);
        if (lower.contains("does not exist") || lower.contains("did not exist") || lower.contains("not found")) {
            return new ActionOutcome(id, ActionOutcome.Result.NOT_FOUND, "Exim did not find it (delivered or removed meanwhile?)");
        }
        if (lower.contains("is not frozen")) {
            return new ActionOutcome(id, ActionOutcome.Result.OK, "not on hold: nothing to do");
        }
        if (lower.contains("is already frozen")) {
            return new ActionOutcome(id, ActionOutcome.Result.OK, "already on hold: nothing to do");
        }
        boolean said = lower.contains("is now frozen") || lower.contains("no longer frozen")
                || lower.contains("has been removed");
        if (said || (exitOk && !lower.contains("error") && !lower.contains("locked"))) {
            return ActionOutcome.ok(id);
        }
        return new ActionOutcome(id, ActionOutcome.Result.FAILED,
                all.isEmpty() ? "exim reported a failure" : Sanitizer.inline(all));
    }

    /** -Mes ID SENDER, -Mar ID ADDR…, -Mmd ID ADDR…, -Mmad ID: in this order, each only when asked. */
    List<Command> editCommands(String id, dev.qctl.mta.MessageEdit edit) {
        List<Command> commands = new ArrayList<>();
        if (edit.sender() != null) {
            commands.add(this.commands.action("-Mes", List.of(id, edit.sender())));
        }
        if (!edit.addRecipients().isEmpty()) {
            List<String> args = new ArrayList<>(List.of(id));
            args.addAll(edit.addRecipients());
            commands.add(this.commands.action("-Mar", args));
        }
        if (!edit.markDelivered().isEmpty()) {
            List<String> args = new ArrayList<>(List.of(id));
            args.addAll(edit.markDelivered());
            commands.add(this.commands.action("-Mmd", args));
        }
        if (edit.markAllDelivered()) {
            commands.add(this.commands.action("-Mmad", List.of(id)));
        }
        return commands;
    }

    void edit(String id, dev.qctl.mta.MessageEdit edit) {
        for (Command command : editCommands(id, edit)) {
            CommandResult result = transport.run(command);
            if (!result.ok()) {
                String said = (result.stdout() + "\n" + result.stderr()).strip();
                if (said.contains("does not exist") || said.contains("not found")) {
                    throw new QctlException(ExitCode.NOT_FOUND, "no message " + id + " in the Exim queue");
                }
                throw CommandFailures.explain("Exim", command, result.exitCode(), said);
            }
        }
    }

    Command flushCommand(String site) {
        return site == null ? commands.action("-qff", List.of()) : commands.action("-Rff", List.of(site));
    }

    void flush(String site) {
        Command command = flushCommand(site);
        CommandResult result = transport.run(command);
        if (!result.ok()) {
            throw CommandFailures.explain("Exim", command, result.exitCode(), result.stderr());
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
        }
        return chunks;
    }
}
