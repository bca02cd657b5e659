package dev.qctl.model;

import java.time.Instant;

/**
 * One line of a mail log about one message, as the MTA's log parser understood it. Fields the
 * line does not have are null.
 *
 * @param time        when it was logged (a syslog date without a year gets the inferred one)
 * @param host        the host name the line carries (syslog's), else null
 * @param queueId     the queue ID the line is about, or null (Postfix NOQUEUE)
 * @param program     the logging program (postfix/smtp, exim), or null
 * @param kind        what happened
 * @param sender      the envelope sender it names ("" for the null sender)
 * @param recipient   the recipient a delivery line is about
 * @param relay       where it was delivered or tried (Postfix relay=, Exim H=)
 * @param delay       how long the message had been queued (Postfix delay=, Exim DT=/QT=)
 * @param dsn         the DSN status code (Postfix dsn=)
 * @param status      the status word (sent, deferred, bounced, expired)
 * @param reason      the explanation of a delivery attempt (the remote reply, the error)
 * @param messageId   the Message-ID header it names, without angle brackets
 * @param nextQueueId the queue ID the message continues under (Postfix "queued as NEW"), or null
 * @param text        what the line says after its time, host, program and queue ID
 * @param line        the whole line as logged
 */
public record LogEvent(Instant time, String host, String queueId, String program, LogEventKind kind,
                       String sender, String recipient, String relay, String delay, String dsn, String status,
                       String reason, String messageId, String nextQueueId, String text, String line) {
}
