package dev.qctl.mta.exim;

import dev.qctl.model.MessageDetails;
import dev.qctl.model.Mta;
import dev.qctl.model.OptionalFields;
import dev.qctl.mta.HeaderDetails;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns one spool entry into qctl's record. The mapping, all taken from the spool itself:
 * <ul>
 * <li>queue: a {@code -frozen} line makes it {@link QueueName#HOLD} with {@code frozen = true};
 *     else {@code -deliver_firsttime} makes it {@link QueueName#INCOMING}: Exim writes that flag on
 *     reception and clears it when the first delivery attempt ends (deliver.c), so it means "no
 *     delivery attempt has been completed" (queue_only, queue_smtp_domains, -odq, a load limit, or the
 *     attempt is running right now); everything else is {@link QueueName#DEFERRED}.</li>
 * <li>size: Exim's {@code $message_size}, the number {@code exim -bp} rounds: bytes of the
 *     headers Exim would send (all but {@code *} deleted ones) + 1 for the blank line + the -D file
 *     without its first line ({@code ID-D\n}). That is the RFC 5322 message as stored.</li>
 * <li>arrival: the -H time line plus {@code -received_time_usec} (microseconds).</li>
 * <li>recipients, in spool order: {@code DELIVERED} if in the -H non-recipients tree or the -J
 *     journal (what {@code exim -bp} marks D; note Exim also puts hard-failed, bounced addresses
 *     there); else {@code DEFERRED} with the last deferral reason from the msglog; else {@code PENDING}.</li>
 * </ul>
 * Entries that cannot be read are skipped: a file gone since find ran (delivered or removed
 * meanwhile) silently, a truncated or damaged -H file with one warning line.
 */
final class EximRecordMapper {
    private final String host;
    private final Consumer<String> warnings;
    private final OptionalFields wanted;

    EximRecordMapper(String host, Consumer<String> warnings) {
        this(host, warnings, OptionalFields.none());
    }

    /** @param wanted the optional fields to put on each record (all from the -H file already read) */
    EximRecordMapper(String host, Consumer<String> warnings, OptionalFields wanted) {
        this.host = host;
        this.warnings = warnings;
        this.wanted = wanted;
    }

    /** The record, or empty if the entry is skipped (a warning says why when it is not just gone). */
    Optional<QueuedMessage> map(EximSpoolEntry entry) {
        String id = entry.idFromPath();
        if (entry.headerFile() == null || entry.dataFileSize() < 0) {
            return Optional.empty(); // gone between find and read: being delivered or removed
        }
        if (entry.headerFileSize() >= 0 && entry.headerFile().length == entry.headerFileSize() + 1) {
            // awk added the newline the file lacked: an -H file always ends with one when complete.
            return skip(entry, "spool header file is truncated (its last line is incomplete: being written, or damaged)");
        }
        EximHeaderFile file;
        try {
            file = EximHeaderFileParser.parse(entry.headerFile());
        } catch (EximSpoolFormatException e) {
            return skip(entry, "spool header file " + e.getMessage());
        } catch (RuntimeException e) {
            // A parser bug must cost one message, never the listing (the fuzz tests hunt for these).
            return skip(entry, "spool header file cannot be parsed (" + e.getClass().getSimpleName() + ")");
        }
        if (!file.id().equals(id)) {
            return skip(entry, "spool header file names another message (" + file.id() + ")");
        }
        if (entry.dataFileSize() < id.length() + 3) {
            return skip(entry, "spool data file is incomplete (" + entry.dataFileSize() + " bytes)");
        }
        return Optional.of(toRecord(file, entry.dataFileSize(), entry.journal(), EximMsglogParser.of(entry.msglog())));
    }

    QueuedMessage toRecord(EximHeaderFile file, long dataFileSize, List<String> journal, EximMsglogParser log) {
        Set<String> done = new HashSet<>(file.nonRecipients());
        done.addAll(journal);
        List<Recipient> recipients = new ArrayList<>(file.recipients().size());
        for (String address : file.recipients()) {
            if (done.contains(address)) {
                recipients.add(new Recipient(address, RecipientStatus.DELIVERED, null));
            } else {
                recipients.add(Recipient.of(address, log.lastDeferReason(address)));
            }
        }
        return new QueuedMessage(host, Mta.EXIM, file.id(), queueOf(file), file.received(),
                file.messageSize(dataFileSize), file.sender(), recipients, file.frozen(), details(file));
    }

    private MessageDetails details(EximHeaderFile file) {
        if (wanted.isEmpty()) {
            return MessageDetails.NONE;
        }
        HeaderDetails headers = new HeaderDetails(wanted);
        if (wanted.needsHeaders()) {
            for (EximSpoolHeader h : file.headers()) {
                if (!h.deleted() && headers.wants(nameOf(h.text()))) {
                    headers.add(h.textAsString()); // only the fields asked for are decoded
                }
            }
        }
        return headers.details(file.origin());
    }

    /** The field name of a header line (bytes up to the colon, ASCII by RFC 5322), "" if none. */
    private static String nameOf(byte[] text) {
        for (int i = 0; i < text.length && i < 200; i++) {
            if (text[i] == ':') {
                return new String(text, 0, i, java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
        return "";
    }

    static QueueName queueOf(EximHeaderFile file) {
        if (file.frozen()) {
            return QueueName.HOLD;
        }
        return file.firstDeliveryPending() ? QueueName.INCOMING : QueueName.DEFERRED;
    }

    private Optional<QueuedMessage> skip(EximSpoolEntry entry, String why) {
        warnings.accept("exim: skipped message " + entry.idFromPath() + " (" + entry.path() + "): " + why);
        return Optional.empty();
    }
}
