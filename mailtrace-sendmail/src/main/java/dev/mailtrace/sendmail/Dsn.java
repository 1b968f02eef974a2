package dev.mailtrace.sendmail;

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * Sendmail created a delivery status notification as a new queued message (savemail.c
 * {@code returntosender}): {@code pBFERI8l019936: pBFERI8m019936: DSN: User unknown}, also
 * {@code return to sender:}, {@code sender notify:} (a delay warning) and {@code postmaster notify:}.
 * A notification that gives up on the message ({@code Cannot send message for 5 days},
 * {@code delivery time expired}) is emitted as {@link ExpiryDsn}.
 *
 * @param queueId the queue id of the original message
 * @param bounceQueueId the queue id of the notification message
 * @param notification {@code DSN}, {@code return to sender}, {@code sender notify} or {@code postmaster notify}
 * @param message why, as logged ({@code User unknown}, {@code Cannot send message for 5 days}, ...)
 */
public record Dsn(String queueId, String bounceQueueId, String notification, String message) implements BounceCreated {

    /** {@code sendmail/dsn}. */
    public static final EventType TYPE = F.type("dsn",
            "sendmail queued a delivery status notification (DSN, return to sender, sender/postmaster notify)",
            F.QUEUE_ID, FieldSpec.keyword("bounce_queue_id", "queue id of the notification message"),
            FieldSpec.keyword("notification", "DSN, return to sender, sender notify (delay warning) or postmaster notify"),
            FieldSpec.text("message", "why: User unknown, Cannot send message for 5 days, ..."),
            FieldSpec.bool("expired", "the message timed out in the queue and is returned"));

    /** Whether the notification gives up on the message after its queue lifetime. */
    public boolean expired() {
        return message != null && (message.startsWith("Cannot send message for")
                || message.startsWith("delivery time expired"));
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "bounce_queue_id", bounceQueueId);
        F.str(out, "notification", notification);
        F.str(out, "message", message);
        F.flag(out, "expired", expired());
    }
}
