package dev.qctl.cli;

import dev.qctl.config.QctlConfig;
import dev.qctl.mta.MtaAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code qctl __complete ids|hosts [words of the command line]}: candidates for the completion
 * scripts, one per line. Hidden from help; never fails loudly (a completion must not print errors
 * into the user's prompt), so every problem means "no candidates".
 */
@Command(name = "__complete", hidden = true)
public final class CompleteCommand implements Callable<Integer> {
    enum Kind { ids, hosts }

    private final CliContext context;

    @Parameters(index = "0")
    Kind kind;

    /** The target options of the line being completed (--mta, --postfix-config, --sudo, ...). */
    @Mixin
    TargetOptions target;

    /** Everything else on the line being completed: ignored. */
    @Unmatched
    List<String> rest = new ArrayList<>();

    CompleteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            (kind == Kind.ids ? ids() : hosts()).forEach(context.out()::println);
        } catch (RuntimeException e) {
            // no candidates
        }
        return 0;
    }

    /** The queue IDs of the first target (-H as typed on the line, else the default target). */
    private List<String> ids() {
        try (dev.qctl.queue.Fleet fleet = target.fleet(context)) {
            MtaAdapter adapter = fleet.hosts().get(0).adapter();
            try (Stream<String> all = adapter.ids(warning -> { })) {
                return all.toList();
            }
        }
    }

    /** Host aliases and groups of the config in use, for -H. */
    private List<String> hosts() {
        QctlConfig config = context.configs().get(null, null);
        List<String> names = new ArrayList<>(config.hosts().keySet());
        config.groups().keySet().forEach(g -> names.add("@" + g));
        return names;
    }
}
