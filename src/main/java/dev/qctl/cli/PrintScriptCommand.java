package dev.qctl.cli;

import java.util.concurrent.Callable;

/**
 * Prints one of qctl's fixed scripts exactly as qctl runs it with {@code sh -c}, to install
 * root-owned on a host and name in the config: its sudoers rule then pins {@code sh FILE ARGS…}
 * (see {@code mta/FixedScript}, {@code queue/SudoRules}).
 */
abstract class PrintScriptCommand implements Callable<Integer> {
    private final CliContext context;

    PrintScriptCommand(CliContext context) {
        this.context = context;
    }

    abstract String script();

    @Override
    public Integer call() {
        context.out().print(script());
        context.out().flush();
        return 0;
    }
}
