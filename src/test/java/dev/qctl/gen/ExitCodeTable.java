package dev.qctl.gen;

import dev.qctl.ExitCode;

/** The one exit-code table, from {@link ExitCode}, in the README's Markdown and the man pages' AsciiDoc. */
final class ExitCodeTable {
    static final String BEGIN = "<!-- exit-codes: generated from dev.qctl.ExitCode by scripts/update-generated -->\n";
    static final String END = "<!-- end of exit-codes -->\n";

    private ExitCodeTable() {
    }

    static String markdown() {
        StringBuilder s = new StringBuilder("| code | meaning |\n|---:|---|\n");
        for (ExitCode c : ExitCode.values()) {
            s.append("| ").append(c.code()).append(" | ").append(c.meaning()).append(" |\n");
        }
        return s.toString();
    }

    static String asciidoc() {
        StringBuilder s = new StringBuilder();
        for (ExitCode c : ExitCode.values()) {
            s.append("*").append(c.code()).append("*::\n  ").append(c.meaning().replace("`", "")).append("\n");
        }
        return s.toString();
    }

    /** The README with its table (between the markers) replaced by the generated one. */
    static String intoReadme(String readme) {
        int b = readme.indexOf(BEGIN);
        int e = readme.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalStateException("README.md lacks the exit-code markers: " + BEGIN.strip());
        }
        return readme.substring(0, b + BEGIN.length()) + markdown() + readme.substring(e);
    }
}
