package org.example.mailtrace.exim;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MessageRemoved;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;

/**
 * The events of the Exim dialect. Each implements the generic interfaces that say what it means,
 * so mailtrace's transactions and traces understand Exim without any Exim-specific code.
 */
public final class EximEvents {

    private EximEvents() {
    }

    static final FieldSpec QUEUE_ID = FieldSpec.keyword("queue_id", "Exim message id, 1rAbCd-000123-AB");

    /** {@code <=}: a message arrived. */
    public record Arrival(String queueId, String sender, Client client, String helo, String protocol, long size,
                          String messageId, String authenticated) implements MessageAccepted, EnvelopeSender,
            MessageIdentified {

        public static final EventType TYPE = EventType.of("exim", "arrival", "<= a message arrived", QUEUE_ID,
                FieldSpec.keyword("from", "envelope sender"), FieldSpec.keyword("client_hostname", "client name"),
                FieldSpec.ip("client_ip", "client address"), FieldSpec.number("client_port", "client port"),
                FieldSpec.keyword("helo", "HELO name"), FieldSpec.keyword("protocol", "P="),
                FieldSpec.number("size", "S=, bytes"), FieldSpec.keyword("message_id", "id="),
                FieldSpec.keyword("sasl_username", "A= authenticated id"));

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
            out.string("from", sender);
            if (client != null) {
                client.writeFields("client", out);
            }
            out.string("helo", helo);
            out.string("protocol", protocol);
            out.count("size", size);
            out.string("message_id", messageId);
            out.string("sasl_username", authenticated);
        }

        @Override
        public String saslUsername() {
            return authenticated;
        }

        @Override
        public String saslMethod() {
            return null;
        }

        @Override
        public int recipientCount() {
            return -1;
        }
    }

    /** {@code =>} / {@code ->} delivered, {@code **} failed, {@code ==} deferred. */
    public record Delivery(String queueId, String recipient, String originalRecipient, String router,
                           String transport, String relay, DeliveryStatus status, String response, String queuedAs)
            implements RecipientAttempt {

        public static final EventType TYPE = EventType.of("exim", "delivery",
                "=> -> delivered, ** failed, == deferred", QUEUE_ID, FieldSpec.keyword("to", "recipient"),
                FieldSpec.keyword("orig_to", "address before routing"), FieldSpec.keyword("router", "R="),
                FieldSpec.keyword("transport", "T="), FieldSpec.keyword("relay", "H= of the delivery"),
                FieldSpec.keyword("status", "sent, bounced or deferred"), FieldSpec.text("response", "C= or the error"),
                FieldSpec.keyword("queued_as", "the next hop's queue id, from C=\"... queued as X\""));

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
            out.string("to", recipient);
            out.string("orig_to", originalRecipient);
            out.string("router", router);
            out.string("transport", transport);
            out.string("relay", relay);
            out.string("status", status.label());
            out.string("response", response);
            out.string("queued_as", queuedAs);
        }

        @Override
        public double delay() {
            return Double.NaN;
        }

        @Override
        public String dsn() {
            return null;
        }
    }

    /** {@code Completed}: every recipient is dealt with; the message left the queue. */
    public record Completed(String queueId) implements MessageRemoved {

        public static final EventType TYPE = EventType.of("exim", "completed", "the message left the queue",
                QUEUE_ID);

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    /** {@code rejected RCPT|MAIL|after DATA|EHLO or HELO}: a refusal during the SMTP dialogue. */
    public record Reject(Client client, String helo, String stage, String sender, String recipient,
                         String reasonText) implements Rejection {

        public static final EventType TYPE = EventType.of("exim", "reject", "a refusal during the SMTP dialogue",
                FieldSpec.keyword("client_hostname", "client name"), FieldSpec.ip("client_ip", "client address"),
                FieldSpec.keyword("helo", "HELO name"), FieldSpec.keyword("stage", "RCPT, MAIL, DATA, HELO"),
                FieldSpec.keyword("from", "F="), FieldSpec.keyword("to", "the refused recipient"),
                FieldSpec.text("reason_text", "Exim's text"), FieldSpec.keyword("reason", "the refusal classified"));

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public void writeFields(FieldWriter out) {
            if (client != null) {
                client.writeFields("client", out);
            }
            out.string("helo", helo);
            out.string("stage", stage);
            out.string("from", sender);
            out.string("to", recipient);
            out.string("reason_text", reasonText);
            out.string("reason", reason().label());
        }

        @Override
        public String queueId() {
            return null;
        }

        @Override
        public int code() {
            return -1; // Exim does not log the reply code of a refusal
        }

        @Override
        public String dsn() {
            return null;
        }

        @Override
        public RejectReason reason() {
            return RejectReason.classify(-1, null, reasonText);
        }
    }
}
