package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A part of a message too long for one syslog line, which sendmail splits itself (conf.c
 * {@code sm_syslog}): {@code pBFERI8l019936[1]: to=<a@example.org>,<b@example.org>,... ...},
 * {@code pBFERI8l019936[2]: ..., stat=Sent}. The parts are kept as text; they are not joined.
 *
 * @param queueId the queue id, or null ({@code NOQUEUE[1]:})
 * @param part the part number from 1
 * @param text the text of this part (without the trailing {@code " ..."} of a non-final part)
 */
public record Fragment(String queueId, int part, String text) implements LogEvent {

    /** {@code sendmail/fragment}. */
    public static final EventType TYPE = F.type("fragment",
            "one part of a message sendmail split over several lines (id[n]: ...)",
            F.QUEUE_ID, FieldSpec.number("part", "the part number, from 1"), FieldSpec.text("text", "the text of this part"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        out.number("part", part);
        F.str(out, "text", text);
    }
}
