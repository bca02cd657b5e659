package dev.qctl.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one record of a queued message, whatever the MTA. Field names and meanings are the stable
 * schema documented in the README (section "The record").
 *
 * @param host       the target the message was read from ("local" for this machine)
 * @param mta        which MTA holds it
 * @param id         the MTA's queue ID
 * @param queue      the queue it sits in (Exim: see {@link QueueName})
 * @param arrival    when the MTA accepted it
 * @param size       its size in bytes as the MTA counts it
 * @param sender     envelope sender, "" for the null sender (bounces)
 * @param recipients envelope recipients still known to the MTA
 * @param frozen     Exim only: the message is frozen (then queue is HOLD); false for Postfix
 * @param details    subject, Message-ID, origin: only what the listing was asked to fetch
 *                   ({@link OptionalFields}), else {@link MessageDetails#NONE}
 */
public record QueuedMessage(
        String host,
        Mta mta,
        String id,
        QueueName queue,
        Instant arrival,
        long size,
        String sender,
        List<Recipient> recipients,
        boolean frozen,
        MessageDetails details) {

    public QueuedMessage {
        recipients = List.copyOf(recipients);
        sender = sender == null ? "" : sender;
        details = details == null ? MessageDetails.NONE : details;
    }

    /** A record without optional fields: what a plain listing reads. */
    public QueuedMessage(String host, Mta mta, String id, QueueName queue, Instant arrival, long size, String sender,
                         List<Recipient> recipients, boolean frozen) {
        this(host, mta, id, queue, arrival, size, sender, recipients, frozen, MessageDetails.NONE);
    }

    /** The Subject if it was fetched ("" when the message has none), else null. */
    public String subject() {
        return details.subject();
    }

    /** The Message-ID if it was fetched, else null. */
    public String messageId() {
        return details.messageId();
    }

    /** The origin if it was fetched, else null. */
    public MessageOrigin origin() {
        return details.origin();
    }

    public QueuedMessage withDetails(MessageDetails newDetails) {
        return new QueuedMessage(host, mta, id, queue, arrival, size, sender, recipients, frozen, newDetails);
    }

    public boolean isBounce() {
        return sender.isEmpty();
    }

    public Duration age(Instant now) {
        Duration d = Duration.between(arrival, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The first delay reason among the recipients, or null. */
    public String firstReason() {
        for (Recipient r : recipients) {
            if (r.reason() != null) {
                return r.reason();
            }
        }
        return null;
    }

    public QueuedMessage withHost(String newHost) {
        return new QueuedMessage(newHost, mta, id, queue, arrival, size, sender, recipients, frozen, details);
    }
}
