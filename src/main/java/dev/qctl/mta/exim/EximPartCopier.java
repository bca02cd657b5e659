package dev.qctl.mta.exim;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.mta.MessagePart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code qctl show} for Exim, through Exim's own viewers so that a sudoers rule for the exim binary
 * is enough:
 * <ul>
 * <li>HEADERS: the RFC 5322 header section rebuilt from {@code exim -Mvh} (whose output is the -H
 *     spool format: envelope, then headers each prefixed by a length and a type letter); headers
 *     Exim marked deleted ({@code *}) are left out, as Exim would not send them.</li>
 * <li>BODY: {@code exim -Mvb} without the -D file's first line ({@code ID-D}), streamed.</li>
 * <li>RAW: the headers, a blank line, the body: the message as Exim would send it.</li>
 * <li>LOG: {@code exim -Mvl}, streamed.</li>
 * </ul>
 * Exim prints its complaints ("Failed to open input file for ID-H: No such file or directory",
 * "Permission denied") on stdout with exit 1, so the first line is checked before anything is copied.
 */
final class EximPartCopier {
    private final Transport transport;
    private final EximCommands commands;

    EximPartCopier(Transport transport, EximCommands commands) {
        this.transport = transport;
        this.commands = commands;
    }

    void copy(String id, MessagePart part, OutputStream out) {
        try {
            switch (part) {
                case HEADERS -> headerFile(id).writeHeaders(out);
                case BODY -> copyBody(id, out, null);
                case RAW -> copyBody(id, out, headerFile(id));
                case LOG -> copyLog(id, out);
                default -> throw new IllegalArgumentException("unknown part " + part);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed -H file of a message, from {@code exim -Mvh}. */
    EximHeaderFile headerFile(String id) {
        Command command = commands.showHeaderFile(id);
        CommandResult result = transport.run(command);
        String expectedFirstLine = id + "-H\n";
        if (!result.ok() || !result.stdout().startsWith(expectedFirstLine)) {
            throw EximFailures.classify(what(command), id, result.stdout() + "\n" + result.stderr());
        }
        try {
            return EximHeaderFileParser.parse(result.stdoutBytes());
        } catch (EximSpoolFormatException e) {
            throw new QctlException(ExitCode.ERROR, "the spool header file of " + id + " is " + e.getMessage());
        }
    }

    /** Streams the body; with {@code headers}, writes them and the blank line first (RAW). */
    private void copyBody(String id, OutputStream out, EximHeaderFile headers) throws IOException {
        Command command = commands.showDataFile(id);
        try (RunningCommand running = transport.start(command)) {
            running.stdin().close();
            InputStream in = running.stdout();
            byte[] first = readFirstLine(in);
            String expected = id + "-D\n";
            if (!new String(first, StandardCharsets.ISO_8859_1).equals(expected)) {
                throw failure(command, id, running, first, in);
            }
            if (headers != null) {
                headers.writeHeaders(out);
                out.write('\n');
            }
            in.transferTo(out);
            int exit = running.waitFor();
            if (exit != 0) {
                throw EximFailures.classify(what(command), id, running.stderr());
            }
        }
    }

    private void copyLog(String id, OutputStream out) throws IOException {
        Command command = commands.showMessageLog(id);
        try (RunningCommand running = transport.start(command)) {
            running.stdin().close();
            InputStream in = running.stdout();
            byte[] first = readFirstLine(in);
            String text = new String(first, StandardCharsets.UTF_8);
            if (text.startsWith("Failed to open msglog file") || text.startsWith("Permission denied")) {
                QctlException error = failure(command, id, running, first, in);
                if (error.exitCode() == ExitCode.NOT_FOUND) {
                    headerFile(id); // throws NOT_FOUND when the message itself is not there
                    throw new QctlException(ExitCode.NOT_FOUND,
                            "message " + id + " has no message log (Exim's message_logs option is off?)");
                }
                throw error;
            }
            out.write(first);
            in.transferTo(out);
            int exit = running.waitFor();
            if (exit != 0) {
                throw EximFailures.classify(what(command), id, running.stderr());
            }
        }
    }

    /** Reads the rest of a failed command's (short) output and classifies it. */
    private static QctlException failure(Command command, String id, RunningCommand running, byte[] first,
            InputStream in) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(first);
        rest.write(in.readNBytes(16 * 1024));
        if (in.read() < 0) {
            running.waitFor(); // complete stderr; an endless talker is not waited for
        }
        return EximFailures.classify(what(command), id, rest.toString(StandardCharsets.UTF_8) + "\n" + running.stderr());
    }

    /** The first line including its '\n' (or everything, if shorter than a line). */
    private static byte[] readFirstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while (line.size() < 4096 && (b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toByteArray();
    }

    /** "exim -Mvh" etc., for messages: the option is the argument before the ID. */
    private static String what(Command command) {
        return "exim " + command.argv().get(command.argv().size() - 2);
    }
}
