package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;

/**
 * A {@code proxy-reject}: the before-queue content filter refused the message. Its type and fields
 * are the {@link Proxy} line's.
 *
 * @param line the line
 */
public record ProxyReject(Proxy line) implements Rejection {

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
        return null;
    }

    @Override
    public Client client() {
        return null;
    }

    @Override
    public String stage() {
        return line.stage();
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
        return line.reasonText();
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
