package dev.mailtrace.postfix;

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * bounce created a notification: {@code 4F9D195432C: sender non-delivery notification:
 * 5D1E9C0A15} (also {@code delivery status}, {@code delay}, and {@code postmaster} copies).
 *
 * @param queueId the queue id of the original message
 * @param notificationTo {@code sender} or {@code postmaster}
 * @param notification {@code non-delivery}, {@code delivery status} or {@code delay}
 * @param bounceQueueId the queue id of the notification message
 */
public record Bounce(String queueId, String notificationTo, String notification, String bounceQueueId)
        implements BounceCreated {

    /** {@code postfix/bounce}. */
    public static final EventType TYPE = F.type("bounce", "bounce queued a delivery status notification",
            F.QUEUE_ID, FieldSpec.keyword("notification_to", "sender or postmaster"),
            FieldSpec.keyword("notification", "non-delivery, delivery status or delay"),
            FieldSpec.keyword("bounce_queue_id", "queue id of the notification message"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "notification_to", notificationTo);
        F.str(out, "notification", notification);
        F.str(out, "bounce_queue_id", bounceQueueId);
    }
}
