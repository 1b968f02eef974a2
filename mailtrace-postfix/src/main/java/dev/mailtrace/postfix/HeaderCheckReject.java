package dev.mailtrace.postfix;

import dev.mailtrace.event.LineRejection;
import dev.mailtrace.event.QueueEvent;

/**
 * A refusing {@link HeaderCheck}: the message was rejected. Its type and fields are the line's.
 *
 * @param line the line
 */
public record HeaderCheckReject(HeaderCheck line) implements LineRejection<HeaderCheck>, QueueEvent {

    @Override
    public String queueId() {
        return line.queueId(); // both Rejection and QueueEvent declare it
    }

    @Override
    public String stage() {
        return "DATA";
    }

    @Override
    public String reasonText() {
        return line.reasonText() != null ? line.reasonText() : line.actionText();
    }
}
