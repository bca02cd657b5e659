package dev.qctl.cli;

import dev.qctl.config.QctlConfig;
import dev.qctl.diagnose.Advice;
import dev.qctl.diagnose.Classification;
import dev.qctl.diagnose.Diagnosis;
import dev.qctl.diagnose.Report;
import dev.qctl.diagnose.RuleTable;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.output.DiagnosisWriter;
import dev.qctl.output.OutputFormat;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qctl diagnose}: why the queue backs up. Every deferred recipient's reason is classified
 * (config rules first, then the built-in table) and counted per cause, with the next step for each.
 */
@Command(name = "diagnose", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Name the causes of deferred mail and the next step for each.",
            "Classifies every deferred recipient's reason (destination-unreachable, dns, greylisted, rate-limited, "
                + "blocklisted, tls, mailbox-full, recipient-rejected, local-config, other; rules of your own in the "
                + "config file) and flags backscatter, a dominant sender and the bounce deadline."})
public final class DiagnoseCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    FilterOptions filters;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "How many destination domains to list per cause (default: ${DEFAULT-VALUE}).")
    int top = 5;

    @Option(names = "--classify", paramLabel = "REASON",
            description = "Only classify this reason text (as the MTA writes it) and print the cause and the rule; "
                    + "for writing rules. Reads no queue.")
    String classify;

    @Option(names = "--no-origin", description = "Do not read who submitted each message (SASL account, client, "
            + "subject): faster on a large Postfix queue (no postcat), but no dominant-account/client/subject signals.")
    boolean noOrigin;

    @Option(names = "--rules", description = "Print the classification rules in the order they are tried, and exit.")
    boolean listRules;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    DiagnoseCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1");
        }
        output.format = output.format(java.util.EnumSet.complementOf(java.util.EnumSet.of(OutputFormat.IDS)),
                "diagnose has no IDs to print: use -o table, json, ndjson, yaml or csv "
                        + "(for the IDs of one cause: qctl list --reason PATTERN -o ids)");
        QctlConfig config = target.config(context);
        RuleTable rules = ConfiguredRules.table(config);
        if (listRules) {
            rules.rules().forEach(r -> context.out().println(r.id() + "\t" + r.cause().name()));
            return 0;
        }
        if (classify != null) {
            Classification c = rules.classify(classify);
            context.out().println(c.cause().name() + "\t" + c.rule());
            return 0;
        }
        Advice advice = new Advice(List.of(), ConfiguredRules.advice(config));
        DiagnosisWriter writer = new DiagnosisWriter(context.out(), output.terminal(context), !output.noHeaders);
        Instant now = context.clock().instant();
        try (Fleet fleet = target.fleet(context)) {
            boolean several = fleet.several();
            Diagnosis total = new Diagnosis(rules, advice.forTarget(target.followUpWords(null)), now, null);
            List<HostResult<Report>> results = fleet.run((host, index) -> {
                MtaAdapter adapter = host.adapter();
                Advice here = advice.forTarget(target.followUpWords(several ? host.name() : null));
                Diagnosis diagnosis = new Diagnosis(rules, here, now, adapter.queueLifetime().orElse(null));
                OptionalFields wanted = filters.filter().neededFields().plus(noOrigin ? OptionalFields.none() : Diagnosis.NEEDED);
                try (Stream<QueuedMessage> all = adapter.list(wanted, context::warn)) {
                    all.filter(filters.filter().at(now)).forEach(m -> {
                        diagnosis.add(m);
                        if (several) {
                            total.add(m);
                        }
                    });
                }
                return diagnosis.report(top);
            }, result -> HostErrors.print(context, result));
            if (!several) {
                writer.write(results.get(0).value(), output.format);
                return 0;
            }
            writer.writeHosts(results, total.report(top), output.format);
            return Fleet.exitCode(results).code();
        }
    }
}
