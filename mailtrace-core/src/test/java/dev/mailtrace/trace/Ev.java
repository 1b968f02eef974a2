package dev.mailtrace.trace;

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageExpired;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MessageRemoved;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.event.TlsEstablished;

/** Synthetic events implementing the generic interfaces, as any dialect's would: no dialect needed. */
final class Ev {

    private Ev() {
    }

    static EventType type(String name) {
        return EventType.of("test", name, "a synthetic " + name, FieldSpec.keyword("queue_id", "queue id"));
    }

    static final EventType ACCEPTED = type("accepted");
    static final EventType IDENTIFIED = type("identified");
    static final EventType SENDER = type("sender");
    static final EventType ATTEMPT = type("attempt");
    static final EventType REMOVED = type("removed");
    static final EventType BOUNCE = type("bounce");
    static final EventType EXPIRED = type("expired");
    static final EventType REJECT = type("reject");
    static final EventType VERDICT = type("verdict");
    static final EventType TLS = type("tls");
    static final EventType MILTER = type("milter");
    static final EventType OTHER = type("other");

    static Client client(String name, String ip) {
        return new Client(name, ip, -1);
    }

    record Accepted(String queueId, Client client, String saslMethod, String saslUsername, String previousQueueId)
            implements MessageAccepted {
        @Override
        public EventType type() {
            return ACCEPTED;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Identified(String queueId, String messageId) implements MessageIdentified {
        @Override
        public EventType type() {
            return IDENTIFIED;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Sender(String queueId, String sender, long size, int recipientCount) implements EnvelopeSender {
        @Override
        public EventType type() {
            return SENDER;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Attempt(String queueId, String recipient, String originalRecipient, String relay, double delay,
            String delays, String dsn, DeliveryStatus status, String response, String queuedAs) implements RecipientAttempt {
        @Override
        public EventType type() {
            return ATTEMPT;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Removed(String queueId) implements MessageRemoved {
        @Override
        public EventType type() {
            return REMOVED;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Bounce(String queueId, String bounceQueueId) implements BounceCreated {
        @Override
        public EventType type() {
            return BOUNCE;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Expired(String queueId, String sender) implements MessageExpired {
        @Override
        public EventType type() {
            return EXPIRED;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Reject(String queueId, Client client, String stage, int code, String dsn, String reasonText,
            String sender, String recipient, String helo) implements Rejection {
        @Override
        public RejectReason reason() {
            return RejectReason.classify(code, dsn, reasonText);
        }

        @Override
        public EventType type() {
            return REJECT;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
        }
    }

    record Verdict(String queueId, String verdict, String queuedAs) implements QueueEvent {
        @Override
        public EventType type() {
            return VERDICT;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
            out.string("verdict", verdict);
            out.string("queued_as", queuedAs);
        }
    }

    record Tls(Client client, String version, String cipher, int cipherBits) implements TlsEstablished {
        @Override
        public EventType type() {
            return TLS;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("version", version);
        }
    }

    record Milter(String queueId, String action, long score) implements QueueEvent {
        @Override
        public EventType type() {
            return MILTER;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
            out.string("action", action);
            out.number("score", score);
            out.bool("final", true);
        }
    }

    /** An event the aggregator ignores. */
    record Other(String what) implements LogEvent {
        @Override
        public EventType type() {
            return OTHER;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("what", what);
        }
    }
}
