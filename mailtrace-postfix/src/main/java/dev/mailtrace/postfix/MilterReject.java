package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;

/**
 * A refusing {@link Milter}: the message was rejected. Its type and fields are the line's.
 *
 * @param line the line
 */
public record MilterReject(Milter line) implements Rejection, QueueEvent {

    @Override
    public EventType type() {
        return line.type();
    }

    @Override
    public void writeFields(FieldWriter out) {
        line.writeFields(out);
    }

    @Override
    public String queueId() {
        return line.queueId();
    }

    @Override
    public Client client() {
        return line.client();
    }

    @Override
    public String stage() {
        return line.stage() != null ? line.stage() : "END-OF-MESSAGE";
    }

    @Override
    public int code() {
        return line.code();
    }

    @Override
    public String dsn() {
        return line.dsn();
    }

    @Override
    public String reasonText() {
        return line.reasonText() != null ? line.reasonText() : line.actionText();
    }

    @Override
    public RejectReason reason() {
        return line.reason();
    }

    @Override
    public String sender() {
        return line.sender();
    }

    @Override
    public String recipient() {
        return line.recipient();
    }

    @Override
    public String helo() {
        return line.helo();
    }
}
