package dev.qctl.mta.exim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses an Exim -H spool file, following Exim's own reader ({@code spool_in.c}) closely enough
 * that a file Exim would reject is rejected here too, with a one-line reason:
 * <pre>
 *   ID-H
 *   login uid gid
 *   &lt;sender&gt;
 *   time warning-count
 *   -flag lines; "-aclc/-aclm NAME LEN" and "-acl N LEN" are followed by LEN bytes and a newline
 *   XX, or the non-recipients tree (one "YN address" line per node, Y/N = has left/right child)
 *   recipient count, then one recipient per line (maybe with DSN data: {@link EximRecipientLine})
 *   an empty line
 *   headers: "NNNt text", NNN the text's length in bytes, t a type letter, '*' = deleted
 * </pre>
 * Lengths are bytes, so everything is parsed on bytes and only addresses are decoded (UTF-8).
 */
public final class EximHeaderFileParser {
    /** Exim's own sanity limit on the recipient count. */
    private static final int MAX_RECIPIENTS = 16384;

    private EximHeaderFileParser() {
    }

    public static EximHeaderFile parse(byte[] data) throws EximSpoolFormatException {
        return new Cursor(data).parseFile();
    }

    private static final class Cursor {
        private final byte[] data;
        private int pos;

        Cursor(byte[] data) {
            this.data = data;
        }

        EximHeaderFile parseFile() throws EximSpoolFormatException {
            if (data.length == 0) {
                throw new EximSpoolFormatException("empty spool header file (being written?)");
            }
            String first = text(line("the first line"));
            if (!first.endsWith("-H") || !EximQueueIds.INSTANCE.isValid(first.substring(0, first.length() - 2))) {
                throw new EximSpoolFormatException("not an Exim -H file (first line is not ID-H)");
            }
            String id = first.substring(0, first.length() - 2);
            String owner = text(line("the owner line"));
            String sender = parseSender(line("the sender line"));
            long seconds = parseTimeLine(text(line("the time line")));

            int usec = 0;
            boolean frozen = false;
            boolean firstTime = false;
            byte[] current;
            EximOriginFlags origin = new EximOriginFlags(owner);
            while ((current = line("the envelope")).length > 0 && current[0] == '-') {
                String flag = text(current).substring(current.length > 1 && current[1] == '-' ? 2 : 1);
                if (origin.take(flag)) {
                    continue;
                }
                if (flag.startsWith("aclc ") || flag.startsWith("aclm ") || flag.startsWith("acl ")) {
                    skipAclValue(flag);
                } else if (flag.startsWith("frozen")) {
                    frozen = true;
                } else if (flag.equals("deliver_firsttime")) {
                    firstTime = true;
                } else if (flag.startsWith("received_time_usec ")) {
                    usec = parseMicros(flag.substring("received_time_usec ".length()));
                }
                // Other flags do not matter here; Exim too ignores the ones it does not know.
            }

            Set<String> nonRecipients = new HashSet<>();
            if (!text(current).equals("XX")) {
                readTree(current, nonRecipients);
            }
            int count = parseCount(text(line("the recipient count")));
            List<String> recipients = new ArrayList<>(Math.min(count, 64));
            for (int i = 0; i < count; i++) {
                recipients.add(EximRecipientLine.address(line("the recipient list")));
            }
            if (line("the blank line before the headers").length != 0) {
                throw new EximSpoolFormatException("no blank line after the recipients");
            }
            List<EximSpoolHeader> headers = new ArrayList<>();
            long headerSize = readHeaders(headers);
            Instant received = Instant.ofEpochSecond(seconds, usec * 1000L);
            return new EximHeaderFile(id, sender, received, frozen, firstTime, nonRecipients, recipients,
                    headers, headerSize, origin.origin());
        }

        /** The next line without its newline; a line without a newline means the file was cut off. */
        private byte[] line(String where) throws EximSpoolFormatException {
            if (pos >= data.length) {
                throw new EximSpoolFormatException("truncated in " + where);
            }
            int end = pos;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            if (end == data.length) {
                throw new EximSpoolFormatException("truncated in " + where + " (last line incomplete)");
            }
            byte[] line = Arrays.copyOfRange(data, pos, end);
            pos = end + 1;
            return line;
        }

        private static String parseSender(byte[] line) throws EximSpoolFormatException {
            if (line.length < 2 || line[0] != '<' || line[line.length - 1] != '>') {
                throw new EximSpoolFormatException("malformed sender line");
            }
            return new String(line, 1, line.length - 2, StandardCharsets.UTF_8);
        }

        private static long parseTimeLine(String line) throws EximSpoolFormatException {
            String[] parts = line.trim().split(" +");
            if (parts.length < 2) {
                throw new EximSpoolFormatException("malformed time line");
            }
            try {
                Integer.parseInt(parts[1]);
                return Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                throw new EximSpoolFormatException("malformed time line");
            }
        }

        private static int parseMicros(String value) {
            String digits = value.startsWith(".") ? value.substring(1) : value;
            if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
                return 0;
            }
            // ".5" would mean half a second; Exim writes six digits, but be exact either way.
            return Integer.parseInt((digits + "000000").substring(0, 6));
        }

        /** ACL variables keep their value as LEN raw bytes (newlines allowed) plus a newline. */
        private void skipAclValue(String flag) throws EximSpoolFormatException {
            String[] parts = flag.trim().split(" +");
            long length;
            try {
                length = Long.parseLong(parts[parts.length - 1]);
            } catch (NumberFormatException e) {
                throw new EximSpoolFormatException("malformed ACL variable line");
            }
            if (parts.length < 3 || length < 0) {
                throw new EximSpoolFormatException("malformed ACL variable line");
            }
            if (length > data.length - pos - 1L) { // compared without adding: a huge LEN must not wrap around
                throw new EximSpoolFormatException("truncated in an ACL variable");
            }
            pos += (int) length + 1;
        }

        /** The tree is written in preorder; each node says whether a left and a right subtree follow. */
        private void readTree(byte[] firstNode, Set<String> into) throws EximSpoolFormatException {
            int pending = 1;
            byte[] node = firstNode;
            while (true) {
                if (node.length < 4 || !isYesNo(node[0]) || !isYesNo(node[1]) || node[2] != ' ') {
                    throw new EximSpoolFormatException("malformed non-recipients tree");
                }
                into.add(new String(node, 3, node.length - 3, StandardCharsets.UTF_8));
                pending += (node[0] == 'Y' ? 1 : 0) + (node[1] == 'Y' ? 1 : 0) - 1;
                if (pending == 0) {
                    return;
                }
                node = line("the non-recipients tree");
            }
        }

        private static boolean isYesNo(byte b) {
            return b == 'Y' || b == 'N';
        }

        private static int parseCount(String line) throws EximSpoolFormatException {
            try {
                int count = Integer.parseInt(line.trim());
                if (count < 0 || count > MAX_RECIPIENTS) {
                    throw new EximSpoolFormatException("implausible recipient count " + count);
                }
                return count;
            } catch (NumberFormatException e) {
                throw new EximSpoolFormatException("malformed recipient count");
            }
        }

        private long readHeaders(List<EximSpoolHeader> headers) throws EximSpoolFormatException {
            long size = 0;
            while (pos < data.length) {
                int length = 0;
                int digits = 0;
                while (pos < data.length && isDigit(data[pos])) {
                    length = length * 10 + (data[pos++] - '0');
                    if (++digits > 9) {
                        throw new EximSpoolFormatException("implausible header length");
                    }
                }
                if (digits == 0) {
                    throw new EximSpoolFormatException("malformed header section");
                }
                if (pos >= data.length) {
                    throw new EximSpoolFormatException("truncated in the header section");
                }
                char type = (char) (data[pos++] & 0xff);
                while (pos < data.length && isSpace(data[pos])) { // Exim's fscanf("%d%c ") skips blanks
                    pos++;
                }
                if (pos + length > data.length) {
                    throw new EximSpoolFormatException("truncated in the header section");
                }
                byte[] text = Arrays.copyOfRange(data, pos, pos + length);
                for (byte b : text) {
                    if (b == 0) {
                        throw new EximSpoolFormatException("NUL byte in the header section");
                    }
                }
                pos += length;
                headers.add(new EximSpoolHeader(type, text));
                if (type != '*') {
                    size += length;
                }
            }
            return size;
        }

        private static boolean isDigit(byte b) {
            return b >= '0' && b <= '9';
        }

        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
        }

        private static String text(byte[] line) {
            return new String(line, StandardCharsets.UTF_8);
        }
    }
}
