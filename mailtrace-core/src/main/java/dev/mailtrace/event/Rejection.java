package dev.mailtrace.event;

/**
 * The MTA refused a message or recipient during the SMTP dialogue (postfix {@code NOQUEUE: reject:
 * RCPT from ...}). Most are never queued, so they are records of their own, not part of a
 * transaction.
 */
public interface Rejection extends RejectionFields {

    /** Whether the refusal was temporary (4xx): greylisting, rate limits. */
    default boolean temporary() {
        return code() >= 400 && code() < 500;
    }
}
