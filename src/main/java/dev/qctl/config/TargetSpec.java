package dev.qctl.config;

/**
 * One word of a -H value taken apart: {@code [ssh://][user@]host[:port]}, with IPv6 addresses in
 * brackets. Group references and "local" are handled by the resolver before this.
 */
record TargetSpec(String user, String host, Integer port) {

    static TargetSpec parse(String word) {
        String s = word;
        if (s.startsWith("ssh://")) {
            s = s.substring("ssh://".length());
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.contains("/")) {
                throw bad(word, "an ssh:// target has no path");
            }
        }
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
            if (user.isEmpty()) {
                throw bad(word, "empty user name");
            }
        }
        String host = s;
        Integer port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw bad(word, "missing ']'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(word, "unexpected text after ']'");
                }
                port = port(word, rest.substring(1));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(word, s.substring(s.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw bad(word, "empty host name");
        }
        return new TargetSpec(user, host, port);
    }

    private static Integer port(String word, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(word, "port must be a number from 1 to 65535, not '" + text + "'");
    }

    private static ConfigException bad(String word, String why) {
        return new ConfigException("invalid host '" + word + "': " + why);
    }
}
