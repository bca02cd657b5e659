package dev.qctl.mta.exim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the output of {@link EximSpoolScript} into one {@link EximSpoolEntry} per message, reading
 * the stream as it comes: only the message being assembled is in memory. Of the msglog only the
 * lines that record a deferral are kept (and decoded): the rest is not needed for a record.
 */
final class EximSpoolStreamParser {
    private final ByteLineReader reader;
    private byte[] pending;
    private boolean ended;
    private Integer trailerStatus;
    private int unexpectedLines;

    EximSpoolStreamParser(InputStream in) {
        this.reader = new ByteLineReader(in);
    }

    /** The next message, or null when the stream has ended. */
    EximSpoolEntry next() throws IOException {
        if (ended) {
            return null;
        }
        byte[] line = pending != null ? pending : reader.readLine();
        pending = null;
        while (line != null && !isMarker(line, 'M')) {
            if (isMarker(line, 'E')) {
                trailerStatus = parseStatus(line);
            } else {
                unexpectedLines++;
            }
            line = reader.readLine();
        }
        if (line == null) {
            ended = true;
            return null;
        }
        return readEntry(ascii(line).split(" "));
    }

    private EximSpoolEntry readEntry(String[] head) throws IOException {
        String path = head.length > 1 ? head[1] : "";
        long headerSize = head.length > 2 ? size(head[2]) : -1;
        long dataSize = head.length > 3 ? size(head[3]) : -1;
        ByteArrayOutputStream headerFile = null;
        List<String> journal = new ArrayList<>();
        List<String> msglog = new ArrayList<>();
        char section = 0;
        byte[] line;
        while ((line = reader.readLine()) != null) {
            if (line.length > 0 && line[0] == '.') {
                if (section == 'H') {
                    headerFile.write(line, 1, line.length - 1);
                    headerFile.write('\n');
                } else if (section == 'J') {
                    journal.add(new String(line, 1, line.length - 1, StandardCharsets.UTF_8));
                } else if (section == 'L') {
                    if (mentionsDeferral(line)) { // the only msglog lines a record needs
                        msglog.add(new String(line, 1, line.length - 1, StandardCharsets.UTF_8));
                    }
                } else {
                    unexpectedLines++;
                }
                continue;
            }
            if (isMarker(line, 'M') || isMarker(line, 'E')) {
                pending = line;
                break;
            }
            section = line.length == 1 ? (char) line[0] : 0;
            if (section == 'H') {
                headerFile = new ByteArrayOutputStream(2048);
            } else if (section != 'J' && section != 'L' && section != 'V') {
                unexpectedLines++;
            }
        }
        if (line == null) {
            ended = true; // cut off: the caller notices the missing trailer
        }
        return new EximSpoolEntry(path, headerSize, dataSize,
                headerFile == null ? null : headerFile.toByteArray(), journal, msglog);
    }

    /** find's exit status from the trailer, or null if the stream ended without one (cut off). */
    Integer trailerStatus() {
        return trailerStatus;
    }

    /** Lines that fit no part of the protocol (should stay 0). */
    int unexpectedLines() {
        return unexpectedLines;
    }

    private static final byte[] DEFER = " defer (".getBytes(StandardCharsets.US_ASCII);

    private static boolean mentionsDeferral(byte[] line) {
        outer:
        for (int i = 1; i + DEFER.length <= line.length; i++) {
            for (int j = 0; j < DEFER.length; j++) {
                if (line[i + j] != DEFER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isMarker(byte[] line, char kind) {
        return line.length >= 1 && line[0] == kind && (line.length == 1 || line[1] == ' ');
    }

    private static Integer parseStatus(byte[] line) {
        try {
            return Integer.parseInt(ascii(line).substring(1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long size(String field) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String ascii(byte[] line) {
        return new String(line, StandardCharsets.ISO_8859_1);
    }
}
