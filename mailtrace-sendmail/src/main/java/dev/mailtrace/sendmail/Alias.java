package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * An alias or {@code .forward} expansion (alias.c, recipient.c; LogLevel 10 and above):
 * {@code pBFERI8l019936: alias postmaster => root}, {@code forward bob => bob@example.net}.
 *
 * @param queueId the queue id, or null
 * @param kind {@code alias} or {@code forward}
 * @param name the address expanded
 * @param expansion what it expanded to, as logged
 */
public record Alias(String queueId, String kind, String name, String expansion) implements LogEvent {

    /** {@code sendmail/alias}. */
    public static final EventType TYPE = F.type("alias", "an address was expanded by an alias or a .forward file",
            F.QUEUE_ID, FieldSpec.keyword("kind", "alias or forward"),
            FieldSpec.keyword("alias", "the address expanded"),
            FieldSpec.keyword("expansion", "what it expanded to, as logged"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "kind", kind);
        F.str(out, "alias", name);
        F.str(out, "expansion", expansion);
    }
}
