package dev.qctl.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Writes fish's `complete` lines by walking the command model (picocli has no fish generator). */
final class FishCompletion {
    private FishCompletion() {
    }

    static String script(CommandSpec root) {
        String name = root.name();
        StringBuilder s = new StringBuilder();
        s.append("# fish completion for ").append(name).append(", generated from its command model (")
                .append(name).append(" completion fish)\n");
        s.append("complete -c ").append(name).append(" -f\n");
        // The words after the subcommand carry the target options (--mta, --postfix-config...).
        s.append("function __").append(name).append("_ids\n    ").append(name)
                .append(" __complete ids (commandline -opc)[3..-1] 2>/dev/null\nend\n");
        for (OptionSpec o : root.options()) {
            s.append(option(name, "__fish_use_subcommand", o));
        }
        for (CommandSpec sub : CompletionScripts.visible(root)) {
            s.append("complete -c ").append(name).append(" -n __fish_use_subcommand -a ").append(sub.name())
                    .append(" -d ").append(quote(firstLine(sub))).append('\n');
        }
        for (CommandSpec sub : CompletionScripts.visible(root)) {
            List<String> names = new ArrayList<>(List.of(sub.name()));
            names.addAll(List.of(sub.aliases()));
            String condition = "'__fish_seen_subcommand_from " + String.join(" ", names) + "'";
            if (CompletionScripts.takesIds(sub)) {
                s.append("complete -c ").append(name).append(" -n ").append(condition)
                        .append(" -a '(__").append(name).append("_ids)' -d 'queue ID'\n");
            }
            for (OptionSpec o : sub.options()) {
                s.append(option(name, condition, o));
            }
        }
        return s.toString();
    }

    private static String option(String command, String condition, OptionSpec o) {
        if (o.hidden()) {
            return "";
        }
        StringBuilder s = new StringBuilder("complete -c ").append(command).append(" -n ").append(condition);
        for (String n : o.names()) {
            s.append(n.startsWith("--") ? " -l " + n.substring(2) : n.length() == 2 ? " -s " + n.substring(1) : " -o " + n.substring(1));
        }
        if (o.arity().max() > 0) {
            // -r -F: a file name; -x: a value but never a file name (patterns, ages, formats).
            if (o.paramLabel().matches("FILE|DIR|PATH")) {
                s.append(" -r -F");
            } else if (List.of(o.names()).stream().anyMatch(CompletionScripts.HOST_OPTIONS::contains)) {
                s.append(" -x -a '(").append(command).append(" __complete hosts 2>/dev/null)'");
            } else if (o.completionCandidates() != null) {
                List<String> values = new ArrayList<>();
                o.completionCandidates().forEach(values::add);
                s.append(" -x -a ").append(quote(String.join(" ", values)));
            } else {
                s.append(" -x");
            }
        }
        String d = o.description().length == 0 ? "" : o.description()[0];
        return s.append(" -d ").append(quote(shorten(d))).append('\n').toString();
    }

    private static String firstLine(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return shorten(d.length == 0 ? "" : d[0]);
    }

    /** The first sentence, without picocli's ${...} variables: fish shows descriptions in one line. */
    private static String shorten(String text) {
        String t = text.replaceAll("\\$\\{[^}]*}", "").replaceAll("\\s+", " ").trim();
        int dot = t.indexOf(". ");
        t = dot > 0 ? t.substring(0, dot) : t;
        t = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        return t.length() > 90 ? t.substring(0, 87) + "..." : t;
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
