package dev.qctl.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of OpenSSH's client config qctl honours (Host blocks with * and ? patterns and !negation;
 * HostName, User, Port, IdentityFile, IdentitiesOnly), so a host {@code ssh NAME} reaches is
 * reachable as {@code -H NAME}. As in OpenSSH the first value found for an option wins, and every
 * IdentityFile that applies is added. Match and Include blocks are not understood: a Match block is
 * skipped rather than applied to the wrong hosts.
 */
public final class SshConfigFile {
    private final List<Block> blocks;
    private final Path home;

    private record Block(List<String> patterns, List<String[]> options) {
    }

    private SshConfigFile(List<Block> blocks, Path home) {
        this.blocks = blocks;
        this.home = home;
    }

    public static SshConfigFile empty() {
        return new SshConfigFile(List.of(), Path.of("/"));
    }

    /** Reads the file if it exists (a missing file is an empty config). */
    public static SshConfigFile load(Path file, Path home) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new SshConfigFile(List.of(), home);
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), home);
    }

    public static SshConfigFile parse(String text, Path home) {
        List<Block> blocks = new ArrayList<>();
        Block current = new Block(List.of("*"), new ArrayList<>()); // lines before any Host apply to all
        blocks.add(current);
        for (String raw : text.split("\r?\n")) {
            List<String> words = words(raw);
            if (words.isEmpty()) {
                continue;
            }
            String keyword = words.get(0).toLowerCase(Locale.ROOT);
            if (keyword.equals("host")) {
                current = new Block(words.subList(1, words.size()), new ArrayList<>());
                blocks.add(current);
            } else if (keyword.equals("match")) {
                current = new Block(List.of(), new ArrayList<>()); // never matches
                blocks.add(current);
            } else if (words.size() > 1) {
                current.options().add(new String[] {keyword, words.get(1)});
            }
        }
        return new SshConfigFile(blocks, home);
    }

    /** Splits a line into words: {@code Keyword value}, {@code Keyword=value}, "quoted words", # comments. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return words;
        }
        // The keyword may be separated from its value by '=' (with optional spaces).
        int sep = 0;
        while (sep < s.length() && !Character.isWhitespace(s.charAt(sep)) && s.charAt(sep) != '=') {
            sep++;
        }
        words.add(s.substring(0, sep));
        String rest = s.substring(sep).strip();
        if (rest.startsWith("=")) {
            rest = rest.substring(1).strip();
        }
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (!quoted && c == '#' && !inWord) {
                break;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The settings for a host name as typed after {@code ssh}. */
    public SshHostSettings lookup(String name) {
        String hostName = null;
        String user = null;
        Integer port = null;
        Boolean identitiesOnly = null;
        List<Path> identityFiles = new ArrayList<>();
        for (Block block : blocks) {
            if (!matches(block.patterns(), name)) {
                continue;
            }
            for (String[] option : block.options()) {
                String value = option[1];
                switch (option[0]) {
                    case "hostname" -> hostName = hostName != null ? hostName : value.replace("%h", name).replace("%%", "%");
                    case "user" -> user = user != null ? user : value;
                    case "port" -> port = port != null ? port : parsePort(value);
                    case "identitiesonly" -> identitiesOnly = identitiesOnly != null ? identitiesOnly
                            : value.equalsIgnoreCase("yes");
                    case "identityfile" -> {
                        Path file = value.equalsIgnoreCase("none") ? null : expandHome(value);
                        if (file != null) {
                            identityFiles.add(file);
                        }
                    }
                    default -> {
                        // not an option qctl needs
                    }
                }
            }
        }
        return new SshHostSettings(hostName, user, port, identityFiles, identitiesOnly != null && identitiesOnly);
    }

    private static Integer parsePort(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null; // ssh itself would refuse; qctl falls back to the default
        }
    }

    /** The path, or null when it cannot be one (a NUL byte): ssh would refuse it too; no key is tried. */
    private Path expandHome(String value) {
        try {
            if (value.equals("~")) {
                return home;
            }
            if (value.startsWith("~/")) {
                return home.resolve(value.substring(2));
            }
            return home.resolve(value.replace("%d", home.toString()));
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** A Host line matches when some pattern matches and no negated pattern does. */
    static boolean matches(List<String> patterns, String name) {
        boolean any = false;
        for (String pattern : patterns) {
            if (pattern.startsWith("!")) {
                if (glob(pattern.substring(1), name)) {
                    return false;
                }
            } else if (glob(pattern, name)) {
                any = true;
            }
        }
        return any;
    }

    /** OpenSSH's pattern syntax: {@code *} any run of characters, {@code ?} one; case-insensitive. */
    static boolean glob(String pattern, String name) {
        return glob(pattern.toLowerCase(Locale.ROOT), 0, name.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
