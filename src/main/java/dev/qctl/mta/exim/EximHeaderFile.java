package dev.qctl.mta.exim;

import dev.qctl.model.MessageOrigin;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What qctl needs from one Exim -H spool file (envelope + headers).
 *
 * @param id                    the message ID from the file's first line
 * @param sender                envelope sender, "" for the null sender
 * @param received              arrival time: the time line plus {@code -received_time_usec}
 * @param frozen                a {@code -frozen} line is present
 * @param firstDeliveryPending  a {@code -deliver_firsttime} line is present: Exim sets it on reception
 *                              and clears it when the first delivery attempt ends
 * @param nonRecipients         the non-recipients tree: addresses already done (delivered, or failed and bounced)
 * @param recipients            the top-level envelope recipients, in spool order
 * @param headers               every header line, the deleted ({@code '*'}) ones included
 * @param headerSize            bytes of the headers Exim transmits (all but the deleted ones): Exim's own count
 * @param origin                who submitted it, from the owner line and the -auth_id, -host_address, ... flags
 */
public record EximHeaderFile(
        String id,
        String sender,
        Instant received,
        boolean frozen,
        boolean firstDeliveryPending,
        Set<String> nonRecipients,
        List<String> recipients,
        List<EximSpoolHeader> headers,
        long headerSize,
        MessageOrigin origin) {

    public EximHeaderFile {
        nonRecipients = Set.copyOf(nonRecipients);
        recipients = List.copyOf(recipients);
        headers = List.copyOf(headers);
    }

    /**
     * The message size as Exim counts it ({@code exim -bp}, {@code $message_size}, exipick): the
     * transmitted headers, one for the blank line, and the -D file without its first line
     * ({@code ID-D\n}, the ID's length plus 3 bytes).
     */
    public long messageSize(long dataFileSize) {
        return headerSize + 1 + (dataFileSize - (id.length() + 3));
    }

    /** Writes the RFC 5322 header section as Exim would transmit it (deleted headers left out). */
    public void writeHeaders(OutputStream out) throws IOException {
        for (EximSpoolHeader h : headers) {
            if (!h.deleted()) {
                out.write(h.text());
            }
        }
    }
}
