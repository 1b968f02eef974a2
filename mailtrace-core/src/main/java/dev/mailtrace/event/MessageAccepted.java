package dev.mailtrace.event;

/**
 * A message entered the queue: from an SMTP client (postfix {@code client=}), a local submission
 * (postfix {@code pickup}), or the like. Starts a transaction; seen again after the message left the
 * queue it starts a new one (queue ids are reused).
 */
public interface MessageAccepted extends QueueEvent {
    /** The client it came from, or null for a local submission. */
    Client client();

    /** The SASL username the client authenticated as, or null. */
    String saslUsername();

    /** The SASL method, or null. */
    String saslMethod();
}
