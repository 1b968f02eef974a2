package dev.mailtrace.event;

/**
 * What a refusal says: the fields of a {@link Rejection}. A dialect's line that may or may not be a
 * refusal (postfix's smtpd action {@code reject}, {@code warn}, {@code discard}, ...) implements this
 * and is handed on as a {@link LineRejection} only when it refused, so the line is parsed once and
 * the rejection reads it in place.
 */
public interface RejectionFields extends LogEvent {
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
}
