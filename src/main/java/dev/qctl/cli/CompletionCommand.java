package dev.qctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qctl completion bash|zsh|fish}: the completion script, generated from the command model. */
@Command(name = "completion", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash, zsh or fish.",
            "bash: source <(qctl completion bash); zsh: qctl completion zsh > ~/.zfunc/_qctl; "
                    + "fish: qctl completion fish > ~/.config/fish/completions/qctl.fish"})
public final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh, fish }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out().print(CompletionScripts.script(shell.name(), spec.root()));
        return 0;
    }
}
