package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageRemoved;

/**
 * A ruleset or milter discarded the whole message, which leaves the queue undelivered (deliver.c
 * {@code sendall}): {@code pBFERI8l019936: discarded}.
 *
 * @param queueId the queue id
 */
public record Discarded(String queueId) implements MessageRemoved {

    /** {@code sendmail/discarded}. */
    public static final EventType TYPE = F.type("discarded",
            "the whole message was discarded (ruleset or milter) and left the queue", F.QUEUE_ID);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
    }
}
