package dev.mailtrace.event;

/**
 * The MTA created a delivery status notification for a queued message (postfix
 * {@code sender non-delivery notification: 5D1E9C0A15}): links the original transaction to the
 * bounce's own.
 */
public interface BounceCreated extends QueueEvent {
    /** The queue id of the notification message. */
    String bounceQueueId();
}
