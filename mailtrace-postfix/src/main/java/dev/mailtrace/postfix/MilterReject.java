package dev.mailtrace.postfix;

import dev.mailtrace.event.LineRejection;
import dev.mailtrace.event.QueueEvent;

/**
 * A refusing {@link Milter}: the message was rejected. Its type and fields are the line's.
 *
 * @param line the line
 */
public record MilterReject(Milter line) implements LineRejection<Milter>, QueueEvent {

    @Override
    public String queueId() {
        return line.queueId(); // both Rejection and QueueEvent declare it
    }

    @Override
    public String stage() {
        return line.stage() != null ? line.stage() : "END-OF-MESSAGE";
    }

    @Override
    public String reasonText() {
        return line.reasonText() != null ? line.reasonText() : line.actionText();
    }
}
