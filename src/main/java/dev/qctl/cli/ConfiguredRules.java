package dev.qctl.cli;

import dev.qctl.config.DiagnoseRule;
import dev.qctl.config.QctlConfig;
import dev.qctl.diagnose.Cause;
import dev.qctl.diagnose.Rule;
import dev.qctl.diagnose.RuleTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The diagnose rule table with the config's rules first, as diagnose, check and metrics all use it. */
final class ConfiguredRules {
    private ConfiguredRules() {
    }

    static RuleTable table(QctlConfig config) {
        List<Rule> rules = new ArrayList<>();
        for (DiagnoseRule r : config.diagnoseRules()) {
            Cause cause = Cause.builtIn(r.cause()).orElseGet(() -> new Cause(r.cause(),
                    "a cause of your own, from the config file"));
            rules.add(Rule.user(r.line(), cause, r.match(), r.code()));
        }
        return RuleTable.with(rules);
    }

    /** The advice of the causes of one's own, by cause name (the first rule naming a cause gives it). */
    static Map<String, String> advice(QctlConfig config) {
        Map<String, String> advice = new HashMap<>();
        config.diagnoseRules().stream().filter(r -> r.advice() != null)
                .forEach(r -> advice.putIfAbsent(r.cause(), r.advice()));
        return advice;
    }

    /** Reason → cause name, for the monitoring commands. */
    static java.util.function.Function<String, String> classifier(QctlConfig config) {
        RuleTable table = table(config);
        return reason -> table.classify(reason).cause().name();
    }
}
