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
    private static final byte[] DEFER = " defer (".getBytes(StandardCharsets.US_ASCII);

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
        byte[] head = null;
        if (pending != null) { // the M or E line that ended the previous entry
            if (pending[0] == 'M') {
                head = pending;
            } else {
                trailerStatus = parseStatus(pending);
            }
            pending = null;
        }
        while (head == null) {
            if (!reader.next()) {
                ended = true;
                return null;
            }
            if (isMarker('M')) {
                head = reader.copy();
            } else if (isMarker('E')) {
                trailerStatus = parseStatus(reader.copy());
            } else {
                unexpectedLines++;
            }
        }
        return readEntry(new String(head, StandardCharsets.ISO_8859_1).split(" "));
    }

    private EximSpoolEntry readEntry(String[] head) throws IOException {
        String path = head.length > 1 ? head[1] : "";
        long headerSize = head.length > 2 ? size(head[2]) : -1;
        long dataSize = head.length > 3 ? size(head[3]) : -1;
        ByteArrayOutputStream headerFile = null;
        List<String> journal = new ArrayList<>(0);
        List<String> msglog = new ArrayList<>(4);
        char section = 0;
        while (reader.next()) {
            int length = reader.length();
            if (length > 0 && reader.at(0) == '.') {
                if (section == 'H') {
                    headerFile.write(reader.array(), reader.offset() + 1, length - 1);
                    headerFile.write('\n');
                } else if (section == 'J') {
                    journal.add(content());
                } else if (section == 'L') {
                    if (mentionsDeferral()) { // the only msglog lines a record needs
                        msglog.add(content());
                    }
                } else {
                    unexpectedLines++;
                }
                continue;
            }
            if (isMarker('M') || isMarker('E')) {
                pending = reader.copy();
                return entry(path, headerSize, dataSize, headerFile, journal, msglog);
            }
            section = length == 1 ? (char) reader.at(0) : 0;
            if (section == 'H') {
                headerFile = new ByteArrayOutputStream(2048);
            } else if (section != 'J' && section != 'L' && section != 'V') {
                unexpectedLines++;
            }
        }
        ended = true; // cut off: the caller notices the missing trailer
        return entry(path, headerSize, dataSize, headerFile, journal, msglog);
    }

    private static EximSpoolEntry entry(String path, long headerSize, long dataSize, ByteArrayOutputStream headerFile,
            List<String> journal, List<String> msglog) {
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

    /** The current content line without its '.'. */
    private String content() {
        return new String(reader.array(), reader.offset() + 1, reader.length() - 1, StandardCharsets.UTF_8);
    }

    private boolean mentionsDeferral() {
        int length = reader.length();
        outer:
        for (int i = 1; i + DEFER.length <= length; i++) {
            for (int j = 0; j < DEFER.length; j++) {
                if (reader.at(i + j) != DEFER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private boolean isMarker(char kind) {
        return reader.length() >= 1 && reader.at(0) == kind && (reader.length() == 1 || reader.at(1) == ' ');
    }

    private static Integer parseStatus(byte[] line) {
        try {
            return Integer.parseInt(new String(line, StandardCharsets.ISO_8859_1).substring(1).trim());
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
}
