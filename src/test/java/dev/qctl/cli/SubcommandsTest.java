package dev.qctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandsTest {
    private static final CliContext CONTEXT = new CliContext(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()), new ByteArrayInputStream(new byte[0]), Map.of(), Clock.systemUTC());

    private static java.util.Set<String> built(String... args) {
        return Cli.commandLine(CONTEXT, args).getSubcommands().keySet();
    }

    @Test
    void aCommandLineNamingACommandBuildsOnlyThatOne() {
        assertThat(built("list", "-o", "ids")).containsExactlyInAnyOrder("list", "ls");
        assertThat(built("ls")).containsExactlyInAnyOrder("list", "ls");
        assertThat(built("--debug", "hold", "ABC123DEF")).containsExactly("hold");
        assertThat(built("__complete", "ids", "--mta", "postfix")).containsExactly("__complete");
        assertThat(built("hosts", "check")).containsExactly("hosts");
    }

    @Test
    void helpAMistypedCommandAndCompletionBuildTheWholeTree() {
        int all = Cli.commandLine(CONTEXT).getCommandSpec().subcommands().size();
        assertThat(all).isGreaterThan(15);
        assertThat(built()).hasSize(all);
        assertThat(built("--help")).hasSize(all);
        assertThat(built("lsit")).hasSize(all);
        assertThat(built("completion", "bash")).hasSize(all);
    }

    @Test
    void aBareVersionNeedsNoSubcommand() {
        assertThat(built("--version")).isEmpty();
        assertThat(built("-V")).isEmpty();
    }

    @Test
    void theInheritedDebugOptionAndTheExitCodeFooterReachAnAddedCommand() {
        CommandLine cl = Cli.commandLine(CONTEXT, "list");
        assertThat(cl.getSubcommands().get("list").getCommandSpec().findOption("--debug")).isNotNull();
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        cl.usage(new PrintStream(help, true, StandardCharsets.UTF_8));
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("Exit codes:");
    }

    @Test
    void aMistypedCommandStillGetsItsSuggestion() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Map.of(),
                Clock.systemUTC());
        assertThat(Cli.run(context, "lsit")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Did you mean: qctl ls");
    }
}
