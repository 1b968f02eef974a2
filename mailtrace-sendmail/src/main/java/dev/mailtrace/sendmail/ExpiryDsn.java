package dev.mailtrace.sendmail;

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageExpired;

/**
 * A {@link Dsn} that gives up on the message ({@code Cannot send message for 5 days}): also a
 * {@link MessageExpired}, because sendmail logs no final status for the recipients still deferred
 * and clears the message from the queue. Its type and fields are the line's.
 *
 * @param line the line
 */
public record ExpiryDsn(Dsn line) implements BounceCreated, MessageExpired {

    @Override
    public String queueId() {
        return line.queueId();
    }

    @Override
    public String bounceQueueId() {
        return line.bounceQueueId();
    }

    /** Not on this line: null (the transaction's {@code from=} has it). */
    @Override
    public String sender() {
        return null;
    }

    @Override
    public EventType type() {
        return line.type();
    }

    @Override
    public void writeFields(FieldWriter out) {
        line.writeFields(out);
    }
}
