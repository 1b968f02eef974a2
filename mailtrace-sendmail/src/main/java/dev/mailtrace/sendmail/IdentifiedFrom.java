package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.ImplicitCompletion;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageIdentified;

/**
 * A {@link From} line that carries {@code msgid=}: the same event, also a {@link MessageIdentified},
 * so that only lines that have a Message-ID claim one. Its type and fields are the line's.
 *
 * @param line the line
 */
public record IdentifiedFrom(From line)
        implements MessageAccepted, EnvelopeSender, ImplicitCompletion, MessageIdentified {

    @Override
    public String messageId() {
        return line.messageId();
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
    public String saslUsername() {
        return line.saslUsername();
    }

    @Override
    public String saslMethod() {
        return line.saslMethod();
    }

    @Override
    public String sender() {
        return line.sender();
    }

    @Override
    public long size() {
        return line.size();
    }

    @Override
    public int recipientCount() {
        return line.recipientCount();
    }

    @Override
    public int expectedRecipients() {
        return line.expectedRecipients();
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
