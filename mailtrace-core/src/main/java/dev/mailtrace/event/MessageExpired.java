package dev.mailtrace.event;

/**
 * The MTA gave up on a queued message after its maximal queue lifetime and returns it to the
 * sender (postfix qmgr {@code from=<a@example.org>, status=expired, returned to sender}): every
 * recipient still deferred ends as {@link DeliveryStatus#EXPIRED}. The bounce itself follows as a
 * {@link BounceCreated}; the transaction ends with {@link MessageRemoved}.
 */
public interface MessageExpired extends QueueEvent {
    /** The envelope sender; empty for the null sender. */
    String sender();
}
