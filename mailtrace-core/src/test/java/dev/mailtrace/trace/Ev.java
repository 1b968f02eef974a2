package dev.mailtrace.trace;

import java.util.Locale;

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

    /** One type a record class, named for it: {@code Accepted} is {@code test/accepted}. */
    private static final ClassValue<EventType> TYPES = new ClassValue<>() {
        @Override
        protected EventType computeValue(Class<?> record) {
            return type(record.getSimpleName().toLowerCase(Locale.ROOT));
        }
    };

    static final EventType ACCEPTED = TYPES.get(Accepted.class);
    static final EventType IDENTIFIED = TYPES.get(Identified.class);
    static final EventType SENDER = TYPES.get(Sender.class);
    static final EventType ATTEMPT = TYPES.get(Attempt.class);
    static final EventType REMOVED = TYPES.get(Removed.class);

    /** An event of the type named for its record. */
    interface Typed extends LogEvent {
        @Override
        default EventType type() {
            return TYPES.get(getClass());
        }
    }

    /** An event of the type named for its record whose one field is its queue id. */
    interface QueueIdField extends Typed {
        String queueId();

        @Override
        default void writeFields(FieldWriter out) {
            out.string("queue_id", queueId());
        }
    }

    static Client client(String name, String ip) {
        return new Client(name, ip, -1);
    }

    record Accepted(String queueId, Client client, String saslMethod, String saslUsername, String previousQueueId)
            implements MessageAccepted, QueueIdField {
    }

    record Identified(String queueId, String messageId) implements MessageIdentified, QueueIdField {
    }

    record Sender(String queueId, String sender, long size, int recipientCount) implements EnvelopeSender, QueueIdField {
    }

    record Attempt(String queueId, String recipient, String originalRecipient, String relay, double delay,
            String delays, String dsn, DeliveryStatus status, String response, String queuedAs)
            implements RecipientAttempt, QueueIdField {
    }

    record Removed(String queueId) implements MessageRemoved, QueueIdField {
    }

    record Bounce(String queueId, String bounceQueueId) implements BounceCreated, QueueIdField {
    }

    record Expired(String queueId, String sender) implements MessageExpired, QueueIdField {
    }

    record Reject(String queueId, Client client, String stage, int code, String dsn, String reasonText,
            String sender, String recipient, String helo) implements Rejection, QueueIdField {
        @Override
        public RejectReason reason() {
            return RejectReason.classify(code, dsn, reasonText);
        }
    }

    record Verdict(String queueId, String verdict, String queuedAs) implements QueueEvent, Typed {
        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
            out.string("verdict", verdict);
            out.string("queued_as", queuedAs);
        }
    }

    record Tls(Client client, String version, String cipher, int cipherBits) implements TlsEstablished, Typed {
        @Override
        public void writeFields(FieldWriter out) {
            out.string("version", version);
        }
    }

    record Milter(String queueId, String action, long score) implements QueueEvent, Typed {
        @Override
        public void writeFields(FieldWriter out) {
            out.string("queue_id", queueId);
            out.string("action", action);
            out.number("score", score);
            out.bool("final", true);
        }
    }

    /** An event the aggregator ignores. */
    record Other(String what) implements LogEvent, Typed {
        @Override
        public void writeFields(FieldWriter out) {
            out.string("what", what);
        }
    }
}
