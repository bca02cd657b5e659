package dev.qctl.gen;

import dev.qctl.cli.Cli;
import dev.qctl.cli.CliContext;
import dev.qctl.cli.CompletionScripts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Every committed file derived from the code: man pages, completion scripts, the README's exit codes. */
final class GeneratedFiles {
    private GeneratedFiles() {
    }

    /** @return path relative to the project to the content it must have */
    static Map<String, String> all(Path basedir, String version, Path work) throws IOException {
        CommandSpec root = root();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("completions/qctl.bash", CompletionScripts.script("bash", root));
        files.put("completions/_qctl", CompletionScripts.script("zsh", root));
        files.put("completions/qctl.fish", CompletionScripts.script("fish", root));
        files.put("README.md", ExitCodeTable.intoReadme(Files.readString(basedir.resolve("README.md"), StandardCharsets.UTF_8)));
        files.putAll(ManPages.render(root, basedir, version, work));
        return files;
    }

    static CommandSpec root() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(nowhere, nowhere, new ByteArrayInputStream(new byte[0]), Map.of(), Clock.systemUTC());
        return Cli.commandLine(context).getCommandSpec();
    }
}
