package dev.qctl.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The completion scripts, all derived from the picocli model so they cannot drift from the code:
 * bash from picocli's AutoComplete plus a wrapper for what only a running qctl knows (queue IDs of
 * the target, host names of the config), zsh as the same script through bashcompinit, fish from
 * {@link FishCompletion}.
 */
public final class CompletionScripts {
    /** Options whose values are host aliases or @groups of the config (the fleet work's -H). */
    static final Set<String> HOST_OPTIONS = Set.of("-H", "--host", "--hosts", "--target");

    private CompletionScripts() {
    }

    public static String script(String shell, CommandSpec root) {
        return switch (shell) {
            case "bash" -> bash(root);
            case "zsh" -> zsh(root);
            case "fish" -> FishCompletion.script(root);
            default -> throw new IllegalArgumentException("unknown shell '" + shell + "' (expected bash, zsh or fish)");
        };
    }

    static String bash(CommandSpec root) {
        String name = root.name();
        String picocli = AutoComplete.bash(name, root.commandLine());
        return picocli + """

                # qctl: candidates only a running qctl knows. Queue IDs for the commands that take IDs,
                # host aliases and @groups of the config for the host options; the rest is picocli's.
                _qctl_value_opts=" %s "
                _qctl_id_commands=" %s "
                _qctl_host_opts=" %s "
                _qctl_complete() {
                  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} sub="" i
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    case ${COMP_WORDS[i]} in -*) ;; *) sub=${COMP_WORDS[i]}; break ;; esac
                  done
                  if [[ $_qctl_host_opts == *" $prev "* ]]; then
                    COMPREPLY=($(compgen -W "$(%s __complete hosts 2>/dev/null)" -- "$cur"))
                    return 0
                  fi
                  if [[ -n $sub && $_qctl_id_commands == *" $sub "* && $cur != -* && $_qctl_value_opts != *" $prev "* ]]; then
                    COMPREPLY=($(compgen -W "$(%s __complete ids "${COMP_WORDS[@]:i+1:COMP_CWORD-i-1}" 2>/dev/null)" -- "$cur"))
                    return 0
                  fi
                  _complete_%s "$@"
                }
                complete -F _qctl_complete -o default %s
                """.formatted(String.join(" ", valueOptions(root)), String.join(" ", idCommands(root)),
                String.join(" ", HOST_OPTIONS.stream().sorted().toList()), name, name, name, name);
    }

    /** zsh runs the bash script (it loads bashcompinit itself); as an autoloaded _qctl it also completes the first Tab. */
    static String zsh(CommandSpec root) {
        return "#compdef " + root.name() + "\n"
                + bash(root)
                + "if (( ${+compstate} )); then _bash_complete -F _qctl_complete; fi\n";
    }

    /** Names (and aliases) of the subcommands whose positional parameters are queue IDs. */
    static Set<String> idCommands(CommandSpec root) {
        Set<String> names = new TreeSet<>();
        for (CommandSpec sub : visible(root)) {
            if (takesIds(sub)) {
                names.add(sub.name());
                names.addAll(Set.of(sub.aliases()));
            }
        }
        return names;
    }

    static boolean takesIds(CommandSpec spec) {
        if (spec.name().equals("restore")) {
            return false; // its IDs are in the quarantine, not in the queue the completion lists
        }
        return spec.positionalParameters().stream().map(PositionalParamSpec::paramLabel).anyMatch("ID"::equals);
    }

    /** Every option name that takes a value, in any command: after one of these comes a value, not an ID. */
    static Set<String> valueOptions(CommandSpec root) {
        Set<String> names = new TreeSet<>();
        for (CommandSpec sub : visible(root)) {
            for (OptionSpec o : sub.options()) {
                if (o.arity().max() > 0) {
                    names.addAll(Set.of(o.names()));
                }
            }
        }
        return names;
    }

    /** The subcommands shown in help, once each (picocli maps every alias to the same spec). */
    static Set<CommandSpec> visible(CommandSpec root) {
        Set<CommandSpec> specs = new LinkedHashSet<>();
        root.subcommands().values().forEach(cl -> {
            if (!cl.getCommandSpec().usageMessage().hidden()) {
                specs.add(cl.getCommandSpec());
            }
        });
        return specs;
    }
}
