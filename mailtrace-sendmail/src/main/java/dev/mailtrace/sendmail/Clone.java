package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.QueueEvent;

/**
 * Sendmail split recipients with their own owner (a mailing list's {@code owner-}) into a new
 * envelope (deliver.c {@code sendall}): {@code pBFERI8l019936: pBFERI8m019936: clone: owner=list-owner}.
 *
 * @param queueId the queue id of the original message
 * @param cloneQueueId the queue id of the new envelope
 * @param owner the envelope sender of the clone
 */
public record Clone(String queueId, String cloneQueueId, String owner) implements QueueEvent {

    /** {@code sendmail/clone}. */
    public static final EventType TYPE = F.type("clone",
            "recipients with their own owner were split off into a new envelope (new queue id)",
            F.QUEUE_ID, FieldSpec.keyword("clone_queue_id", "queue id of the new envelope"),
            FieldSpec.keyword("owner", "envelope sender of the new envelope"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "clone_queue_id", cloneQueueId);
        F.str(out, "owner", owner);
    }
}
