package dev.qctl.mta.exim;

import java.nio.charset.StandardCharsets;

/**
 * The address in a recipient line of an Exim -H file. Extra data after the address is recognised
 * from the end of the line, as Exim's spool_in.c does, because addresses may contain spaces.
 */
final class EximRecipientLine {
    private EximRecipientLine() {
    }

    /**
     * The address part of a recipient line: current format {@code address orcpt len,dsnflags errors_to len,pno#3}; early
     * Exim 4 {@code address pno}; Exim 3 {@code address n,pno,n}. An address never ends in one of
     * those terminators, because it ends with a domain.
     */
    static String address(byte[] line) throws EximSpoolFormatException {
        if (line.length == 0) {
            throw new EximSpoolFormatException("empty recipient line");
        }
        int p = line.length - 1;
        while (p >= 0 && isDigit(line[p])) {
            p--;
        }
        int end = line.length;
        if (p >= 0 && p < line.length - 1) {
            if (line[p] == ',') {
                int q = p;
                while (q >= 0 && (isDigit(line[q]) || line[q] == ',')) {
                    q--;
                }
                if (q >= 0 && line[q] == ' ') {
                    end = q;
                }
            } else if (line[p] == ' ') {
                end = p;
            } else if (line[p] == '#') {
                end = stripDsnData(line, p);
            }
        }
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }

    /** {@code hash} indexes the '#'; returns where the address ends. */
    private static int stripDsnData(byte[] line, int hash) throws EximSpoolFormatException {
        int flags;
        try {
            flags = Integer.parseInt(new String(line, hash + 1, line.length - hash - 1, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new EximSpoolFormatException("malformed recipient line");
        }
        int p = hash;
        if ((flags & 0x01) != 0) { // errors_to: "<errors_to> <len>,<pno>"
            p = skipBackOverLengthField(line, p);
            int len = lengthField(line, p);
            p -= len;
            p--; // the space before errors_to
        }
        if ((flags & 0x02) != 0) { // orcpt: "<orcpt> <len>,<dsn flags>"
            p = skipBackOverLengthField(line, p);
            int len = lengthField(line, p);
            p -= len;
            p--; // the space before orcpt
        }
        if (p < 1) {
            throw new EximSpoolFormatException("malformed recipient line");
        }
        return p;
    }

    /** From just after the field, moves back over "len,number" to the space before it. */
    private static int skipBackOverLengthField(byte[] line, int after) throws EximSpoolFormatException {
        int p = after - 1;
        while (p >= 0 && (isDigit(line[p]) || line[p] == ',' || line[p] == '-')) {
            p--;
        }
        if (p < 0 || line[p] != ' ') {
            throw new EximSpoolFormatException("malformed recipient line");
        }
        return p;
    }

    private static int lengthField(byte[] line, int space) throws EximSpoolFormatException {
        int q = space + 1;
        long len = 0;
        while (q < line.length && isDigit(line[q])) {
            len = len * 10 + (line[q] - '0');
            if (len > space) { // longer than what precedes it; checked per digit so it never overflows
                throw new EximSpoolFormatException("malformed recipient line");
            }
            q++;
        }
        if (len > space) {
            throw new EximSpoolFormatException("malformed recipient line");
        }
        return (int) len;
    }


    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
