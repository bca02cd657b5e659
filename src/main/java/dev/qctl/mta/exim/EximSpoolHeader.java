package dev.qctl.mta.exim;

import java.nio.charset.StandardCharsets;

/**
 * One header line as Exim keeps it in the -H file: its text (name, value, folding and the final
 * newline, exactly as it will be transmitted) and Exim's type letter. Type {@code '*'} marks a
 * header that was removed or rewritten: Exim keeps it for the record but never sends it.
 */
public record EximSpoolHeader(char type, byte[] text) {
    public boolean deleted() {
        return type == '*';
    }

    public String textAsString() {
        return new String(text, StandardCharsets.UTF_8);
    }
}
