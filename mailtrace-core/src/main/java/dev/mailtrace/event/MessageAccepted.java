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

    /**
     * The queue id the same message had on this host before it came back to be queued again, or
     * null: postfix logs it when a content filter reinjects through XFORWARD
     * ({@code client=localhost[127.0.0.1], orig_queue_id=4F9D195432C}) and for re-queued mail
     * ({@code orig_id=}). The transaction aggregator links the two transactions
     * ({@code "link":"reinjection"}). Default: null.
     */
    default String previousQueueId() {
        return null;
    }
}
