package dev.qctl.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP session to a sandbox MTA from a chosen loopback address (127.0.0.2, 127.0.0.3, ...: all
 * local on Linux), optionally authenticated with AUTH PLAIN: how the origin tests submit mail as
 * a known user from a known client. Each message's queue ID comes from the server's 250 reply.
 */
final class SmtpSubmission implements AutoCloseable {
    private static final Pattern QUEUED = Pattern.compile("queued as (\\S+)|id=(\\S+)");

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpSubmission(int port, String clientAddress, String helo, String user, String password) {
        try {
            socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(clientAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            expect(220, null);
            expect(250, "EHLO " + helo);
            if (user != null) {
                String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
                expect(235, "AUTH PLAIN " + token);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one message (LF line ends are turned into CRLF) and returns its queue ID. */
    String send(String from, String to, String message) {
        return send(from, List.of(to), message);
    }

    /** Sends one message to several recipients and returns its queue ID. */
    String send(String from, List<String> recipients, String message) {
        expect(250, "MAIL FROM:<" + from + ">");
        for (String to : recipients) {
            expect(250, "RCPT TO:<" + to + ">");
        }
        expect(354, "DATA");
        StringBuilder data = new StringBuilder();
        for (String line : message.split("\n", -1)) {
            data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        String reply = expect(250, data + ".");
        Matcher m = QUEUED.matcher(reply);
        if (!m.find()) {
            throw new AssertionError("no queue ID in the reply: " + reply);
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private String expect(int code, String command) {
        try {
            if (command != null) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new AssertionError("connection closed after " + command);
                }
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(Integer.toString(code))) {
                throw new AssertionError("expected " + code + " after " + command + ", got " + lines);
            }
            return String.join("\n", lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            expect(221, "QUIT");
        } catch (RuntimeException e) {
            // the server may hang up first
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
