package dev.qctl.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link QueuedMessage} records for tests: sensible defaults, change only what a test is about. */
public final class TestMessages {
    /** The "now" of every test that uses these messages. */
    public static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    private TestMessages() {
    }

    public static Builder message(String id) {
        return new Builder(id);
    }

    public static final class Builder {
        private String host = "local";
        private Mta mta = Mta.POSTFIX;
        private final String id;
        private QueueName queue = QueueName.DEFERRED;
        private Instant arrival = NOW.minus(Duration.ofMinutes(10));
        private long size = 1000;
        private String sender = "alice@example.org";
        private final List<Recipient> recipients = new ArrayList<>();
        private boolean frozen;
        private MessageDetails details = MessageDetails.NONE;

        private Builder(String id) {
            this.id = id;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder mta(Mta value) {
            mta = value;
            return this;
        }

        public Builder queue(QueueName value) {
            queue = value;
            return this;
        }

        public Builder arrival(Instant value) {
            arrival = value;
            return this;
        }

        /** Arrival this long before {@link #NOW}. */
        public Builder age(Duration value) {
            arrival = NOW.minus(value);
            return this;
        }

        public Builder size(long value) {
            size = value;
            return this;
        }

        public Builder sender(String value) {
            sender = value;
            return this;
        }

        /** The null sender. */
        public Builder bounce() {
            sender = "";
            return this;
        }

        public Builder to(String address) {
            recipients.add(Recipient.of(address, null));
            return this;
        }

        public Builder to(String address, String reason) {
            recipients.add(Recipient.of(address, reason));
            return this;
        }

        public Builder to(Recipient recipient) {
            recipients.add(recipient);
            return this;
        }

        public Builder frozen() {
            frozen = true;
            return this;
        }

        /** Optional fields as a listing that fetched them would set them. */
        public Builder details(MessageDetails value) {
            details = value;
            return this;
        }

        /** Origin and subject fetched: submitted by this SASL login (or null) from this client. */
        public Builder submitted(String saslUser, String client, String subject) {
            details = new MessageDetails(subject, "", new MessageOrigin(saslUser, saslUser == null ? null : "PLAIN",
                    client, null, "client.example", saslUser == null ? "ESMTP" : "ESMTPA", null, null), null);
            return this;
        }

        public QueuedMessage build() {
            return new QueuedMessage(host, mta, id, queue, arrival, size, sender, recipients, frozen, details);
        }
    }
}
