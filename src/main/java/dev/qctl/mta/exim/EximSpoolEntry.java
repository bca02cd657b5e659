package dev.qctl.mta.exim;

import java.util.List;

/**
 * One message as the spool script printed it, before interpretation.
 *
 * @param path            the -H file, relative to the spool directory ({@code input/X/ID-H} or {@code input/ID-H})
 * @param headerFileSize  the -H file's size from ls, or -1 if ls did not see it
 * @param dataFileSize    the -D file's size from ls, or -1 if it was gone
 * @param headerFile      the -H file's bytes, or null if it could not be opened (gone, or unreadable)
 * @param journal         the lines of the -J file (empty if none)
 * @param msglog          the message log's lines that record a deferral ({@code " defer ("}), in order
 */
record EximSpoolEntry(
        String path,
        long headerFileSize,
        long dataFileSize,
        byte[] headerFile,
        List<String> journal,
        List<String> msglog) {

    /** The message ID taken from the file name. */
    String idFromPath() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith("-H") ? name.substring(0, name.length() - 2) : name;
    }
}
