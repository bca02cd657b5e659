package dev.qctl.gen;

import dev.qctl.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * One man page per command: picocli's AsciiDoc, plus the hand-written sections of man/src and the
 * EXIT STATUS table from {@link ExitCode}, rendered by asciidoctor's manpage backend (Debian's
 * asciidoctor package: one Ruby process for all pages, about a second).
 */
final class ManPages {
    private ManPages() {
    }

    /** @return man/man1/NAME.1 (relative to the project) to its content */
    static Map<String, String> render(CommandSpec root, Path basedir, String version, Path work) throws IOException {
        Path adoc = Files.createDirectories(work.resolve("adoc"));
        Path out = Files.createDirectories(work.resolve("man1"));
        List<String> names = new ArrayList<>();
        List<CommandSpec> specs = new ArrayList<>(List.of(root));
        root.subcommands().values().stream().map(cl -> cl.getCommandSpec()).distinct()
                .filter(s -> !s.usageMessage().hidden()).forEach(specs::add);
        for (CommandSpec spec : specs) {
            String name = spec.qualifiedName("-");
            names.add(name);
            Files.writeString(adoc.resolve(name + ".adoc"), page(spec, basedir, version), StandardCharsets.UTF_8);
        }
        List<String> cmd = new ArrayList<>(List.of("asciidoctor", "-b", "manpage",
                "-a", "reproducible", "-D", out.toString()));
        names.forEach(n -> cmd.add(adoc.resolve(n + ".adoc").toString()));
        run(cmd);
        Map<String, String> pages = new LinkedHashMap<>();
        for (String n : names) {
            pages.put("man/man1/" + n + ".1", Files.readString(out.resolve(n + ".1"), StandardCharsets.UTF_8));
        }
        return pages;
    }

    static String page(CommandSpec spec, Path basedir, String version) throws IOException {
        StringWriter text = new StringWriter();
        try (PrintWriter pw = new PrintWriter(text)) {
            ManPageGenerator.writeSingleManPage(pw, spec);
        }
        String adoc = text.toString()
                .replaceFirst("(?m)^:revnumber:.*$", ":revnumber: " + version)
                .replaceFirst("(?m)^:mansource:.*$", ":mansource: qctl " + version)
                .replaceFirst("(?m)^:manmanual:.*$", ":manmanual: qctl Manual")
                // The root's footer is a plain-text exit-code list for --help: the table below replaces it.
                .replaceAll("(?s)// tag::picocli-generated-man-section-footer\\[].*?// end::picocli-generated-man-section-footer\\[]\n", "");
        StringBuilder s = new StringBuilder(adoc.replaceFirst("(?s)// end::picocli-generated-full-manpage\\[]\\s*$", ""));
        Path extra = basedir.resolve("man/src/" + spec.qualifiedName("-") + ".adoc");
        if (Files.isRegularFile(extra)) {
            s.append('\n').append(Files.readString(extra, StandardCharsets.UTF_8)).append('\n');
        }
        if (spec.qualifiedName("-").equals("qctl-tui")) {
            s.append('\n').append(keysSection()).append('\n');
        }
        s.append("\n== EXIT STATUS\n\n").append(ExitCodeTable.asciidoc()).append('\n');
        if (spec.parent() != null) {
            s.append("\n== SEE ALSO\n\n*qctl*(1)\n");
        }
        return s.append("\n// end::picocli-generated-full-manpage[]\n").toString();
    }

    /** The TUI's keys, from the same table its '?' help shows. */
    static String keysSection() {
        StringBuilder s = new StringBuilder("== KEYS\n\nIn the list:\n\n[cols=\"1,3\"]\n|===\n");
        dev.qctl.tui.Keys.LIST.forEach(k -> s.append("|").append(cell(k.keys())).append("\n|").append(cell(k.action())).append("\n"));
        s.append("|===\n\nIn the message view and the help:\n\n[cols=\"1,3\"]\n|===\n");
        dev.qctl.tui.Keys.PAGER.forEach(k -> s.append("|").append(cell(k.keys())).append("\n|").append(cell(k.action())).append("\n"));
        return s.append("|===\n").toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static void run(List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run asciidoctor (install it: scripts/bootstrap, or apt-get install asciidoctor)", e);
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !output.isBlank()) {
                throw new IOException("asciidoctor failed or warned:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
