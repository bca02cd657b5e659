package dev.qctl.mta.exim;

import dev.qctl.exec.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv of every exim invocation qctl makes, with the binary and the optional alternate
 * configuration ({@code -C FILE}) in front. IDs are validated by the caller before they get here.
 */
final class EximCommands {
    /** Where Exim usually lives: Debian's exim4, the default build, FreeBSD ports, the source install. */
    static final List<String> USUAL_BINARIES = List.of(
            "/usr/sbin/exim4", "/usr/sbin/exim", "/usr/local/sbin/exim", "/usr/exim/bin/exim");

    private final String binary;
    private final String config;

    EximCommands(String binary, String config) {
        this.binary = binary;
        this.config = config;
    }

    String binary() {
        return binary;
    }

    /** The alternate configuration file ({@code -C}), or null for Exim's own. */
    String config() {
        return config;
    }

    /** {@code exim -bP OPTION}: prints {@code OPTION = VALUE}. */
    Command printOption(String option) {
        return exim("-bP", option);
    }

    /** {@code exim -Mvh ID}: the -H spool file as it is (spool format, not RFC 5322). */
    Command showHeaderFile(String id) {
        return exim("-Mvh", id);
    }

    /** {@code exim -Mvb ID}: the -D spool file as it is, its first line {@code ID-D} included. */
    Command showDataFile(String id) {
        return exim("-Mvb", id);
    }

    /** {@code exim -Mvl ID}: the message log. */
    Command showMessageLog(String id) {
        return exim("-Mvl", id);
    }

    /** {@code exim OPTION ID…} (an action on messages) or {@code exim -qff} / {@code -Rff SITE}. */
    Command action(String option, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add(option);
        all.addAll(args);
        return exim(all.toArray(new String[0]));
    }

    /** The retry rule for an address (-brt): its last time is when Exim gives up on a destination. */
    Command retryRule(String address) {
        return exim("-brt", address);
    }

    /** {@code exim -bV}: version and build information; the first line names the version. */
    Command version() {
        return exim("-bV");
    }

    private Command exim(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        if (config != null) {
            argv.add("-C");
            argv.add(config);
        }
        argv.addAll(List.of(args));
        return new Command(argv);
    }

    /**
     * The value from {@code exim -bP spool_directory} output ({@code spool_directory = /var/spool/exim4};
     * a bare value as {@code -n} prints it is accepted too), or null if there is none.
     */
    static String parseOptionValue(String option, String output) {
        for (String line : output.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(option)) {
                String rest = trimmed.substring(option.length()).strip();
                if (rest.startsWith("=")) {
                    String value = rest.substring(1).strip();
                    return value.isEmpty() ? null : value;
                }
            } else if (trimmed.startsWith("/")) {
                return trimmed;
            }
        }
        return null;
    }
}
