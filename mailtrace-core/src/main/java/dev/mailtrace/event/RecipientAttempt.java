package dev.mailtrace.event;

/**
 * One delivery attempt of a queued message to one recipient, with its outcome. A recipient may
 * have many (deferred, deferred, sent).
 */
public interface RecipientAttempt extends QueueEvent {
    /** The recipient address as delivered to. */
    String recipient();

    /** The address before aliasing or rewriting, or null. */
    String originalRecipient();

    /** Where it went: {@code mx.example.org[192.0.2.1]:25}, {@code local}, {@code none}, or null. */
    String relay();

    /** Total delay in seconds, or NaN. */
    double delay();

    /** The enhanced status code ({@code 2.0.0}), or null. */
    String dsn();

    /** The outcome. */
    DeliveryStatus status();

    /** The status text: the remote reply or the local reason, without the surrounding parentheses. */
    String response();

    /**
     * The MTA's breakdown of {@link #delay()} as logged, or null: postfix
     * {@code delays=0.32/0.01/0.02/0.75} (before the queue manager / in it / connection set-up /
     * transmission) gives {@code "0.32/0.01/0.02/0.75"}. Copied verbatim into transaction records.
     * Default: null, for dialects that log no breakdown.
     */
    default String delays() {
        return null;
    }

    /**
     * The queue id the next hop gave the message ({@code 250 2.0.0 Ok: queued as 7A3C31A0F21}),
     * or null: the link to the next transaction, on the relay's host.
     */
    String queuedAs();
}
