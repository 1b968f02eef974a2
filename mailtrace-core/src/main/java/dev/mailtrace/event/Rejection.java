package dev.mailtrace.event;

/**
 * The MTA refused a message or recipient during the SMTP dialogue (postfix {@code NOQUEUE: reject:
 * RCPT from ...}). Most are never queued, so they are records of their own, not part of a
 * transaction.
 */
public interface Rejection extends LogEvent {
    /** The queue id if the message was queued already, or null ({@code NOQUEUE}). */
    String queueId();

    /** The client, or null. */
    Client client();

    /** The SMTP stage: {@code RCPT}, {@code MAIL}, {@code DATA}, {@code CONNECT}, ... or null. */
    String stage();

    /** The reply code, or -1. */
    int code();

    /** The enhanced status code, or null. */
    String dsn();

    /** The refusal text as logged. */
    String reasonText();

    /** The refusal classified. */
    RejectReason reason();

    /** The envelope sender, or null. */
    String sender();

    /** The recipient, or null. */
    String recipient();

    /** The HELO name, or null. */
    String helo();

    /** Whether the refusal was temporary (4xx): greylisting, rate limits. */
    default boolean temporary() {
        return code() >= 400 && code() < 500;
    }
}
