package dev.qctl.mta;

import java.time.Duration;

/**
 * How long the MTA keeps trying before it returns a message to its sender.
 *
 * @param messages how long an ordinary message may stay queued
 * @param bounces  the same for bounces (the null sender), which some MTAs give up on sooner
 * @param setting  where the numbers come from, as the admin would look them up
 *                 ({@code maximal_queue_lifetime = 5d}, {@code retry rule * * F,4d,1h})
 */
public record QueueLifetime(Duration messages, Duration bounces, String setting) {
    public Duration forMessage(boolean bounce) {
        return bounce ? bounces : messages;
    }
}
