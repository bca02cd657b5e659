package dev.qctl.model;

import java.time.Instant;

/**
 * One message kept in a target's quarantine before it was deleted: the message as it was queued
 * (original queue ID, queue, sender, recipients with their states, arrival, size), the audit run
 * that deleted it and when that run kept it.
 */
public record QuarantinedMessage(String run, Instant quarantined, QueuedMessage message) {
}
