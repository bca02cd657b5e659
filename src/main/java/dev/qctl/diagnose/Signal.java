package dev.qctl.diagnose;

/**
 * A pattern in the queue worth a line of its own, beside the causes.
 *
 * @param name  stable name: {@code backscatter}, {@code dominant-sender}, {@code near-deadline}
 * @param count the messages it concerns
 */
public record Signal(String name, long count, String text, NextStep next) {
}
