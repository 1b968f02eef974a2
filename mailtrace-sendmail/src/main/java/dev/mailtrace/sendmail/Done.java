package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageRemoved;

/**
 * Sendmail removed a message's queue files after its last delivery attempt (envelope.c
 * {@code dropenvelope}, logged at LogLevel 10 and above): {@code pBFERI8l019936: done;
 * delay=00:02:01, ntries=2}. An explicit end of the transaction.
 *
 * @param queueId the queue id
 * @param delay seconds since the message was received, or NaN
 * @param tries the number of delivery attempts, or -1
 */
public record Done(String queueId, double delay, int tries) implements MessageRemoved {

    /** {@code sendmail/done}. */
    public static final EventType TYPE = F.type("done",
            "the message left the queue after its last delivery attempt (LogLevel 10+)",
            F.QUEUE_ID, FieldSpec.decimal("delay", "seconds since the message was received"),
            FieldSpec.number("ntries", "number of delivery attempts"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        out.optionalDecimal("delay", delay);
        out.count("ntries", tries);
    }
}
