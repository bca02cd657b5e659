package dev.qctl.mta.postfix;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.Transport;
import dev.qctl.mta.QueueLifetime;
import dev.qctl.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds Postfix's commands on a target and builds their argv, adding {@code -c DIR} for a second
 * instance. {@code postconf} is looked for in the usual places; it then names the command
 * directory and the version, asked once.
 */
final class PostfixTools {
    static final List<String> POSTCONF_PLACES = List.of(
            "/usr/sbin/postconf", "/usr/local/sbin/postconf", "/usr/bin/postconf", "/opt/postfix/sbin/postconf");

    private final Transport transport;
    private final String configDir;
    private String commandDirectory;
    private String postconf;
    private PostfixVersion version;
    private QueueLifetime lifetime;

    PostfixTools(Transport transport, String configDir) {
        this.transport = transport;
        this.configDir = configDir;
    }

    Command postqueue(String... args) {
        return command("postqueue", args);
    }

    Command postcat(String... args) {
        return command("postcat", args);
    }

    Command postsuper(String... args) {
        return command("postsuper", args);
    }

    /** Where one of Postfix's commands is on the target: its command directory. */
    String path(String name) {
        probe();
        return commandDirectory + "/" + name;
    }

    /** {@code postfix [-c DIR] ARGS}: check, status, reload. */
    Command postfix(String... args) {
        return command("postfix", args);
    }

    String configDir() {
        return configDir;
    }

    /** {@code postconf [-c DIR] ARGS}, e.g. {@code -h maillog_file}. */
    Command postconf(String... args) {
        probe();
        List<String> argv = new ArrayList<>(List.of(postconf));
        addConfig(argv);
        argv.addAll(List.of(args));
        return new Command(argv);
    }

    PostfixVersion version() {
        probe();
        return version;
    }

    private Command command(String name, String... args) {
        probe();
        List<String> argv = new ArrayList<>();
        argv.add(commandDirectory + "/" + name);
        addConfig(argv);
        argv.addAll(List.of(args));
        return new Command(argv);
    }

    private void addConfig(List<String> argv) {
        if (configDir != null) {
            argv.add("-c");
            argv.add(configDir);
        }
    }

    private synchronized void probe() {
        if (version != null) {
            return;
        }
        String found = POSTCONF_PLACES.stream().filter(transport::isExecutable).findFirst()
                .orElseThrow(() -> new QctlException(ExitCode.UNAVAILABLE,
                        "Postfix is not installed on " + transport.target() + " (no postconf in "
                                + String.join(", ", POSTCONF_PLACES) + ")"));
        List<String> argv = new ArrayList<>(List.of(found));
        addConfig(argv);
        argv.addAll(List.of("-h", "mail_version", "command_directory", "maximal_queue_lifetime", "bounce_queue_lifetime"));
        Command command = new Command(argv);
        CommandResult result = PostfixAdapter.require(transport.run(command), command);
        String[] lines = result.stdout().strip().split("\n");
        if (lines.length < 2) {
            throw new QctlException(ExitCode.ERROR, "unexpected answer from postconf: " + result.stdout().strip());
        }
        version = PostfixVersion.parse(lines[0].strip());
        commandDirectory = lines[1].strip();
        postconf = found;
        lifetime = lines.length < 4 ? null : lifetime(lines[2].strip(), lines[3].strip());
    }

    /** Postfix's time values; a bare number means days for these two parameters. */
    private static QueueLifetime lifetime(String messages, String bounces) {
        try {
            Duration m = Durations.parse(messages.matches("\\d+") ? messages + "d" : messages);
            Duration b = Durations.parse(bounces.matches("\\d+") ? bounces + "d" : bounces);
            return new QueueLifetime(m, b, "maximal_queue_lifetime = " + messages
                    + (b.equals(m) ? "" : ", bounce_queue_lifetime = " + bounces));
        } catch (IllegalArgumentException e) {
            return null; // an unusual value: no deadline rather than a wrong one
        }
    }

    /** maximal_queue_lifetime and bounce_queue_lifetime, or null if postconf gave odd values. */
    QueueLifetime lifetime() {
        probe();
        return lifetime;
    }
}
