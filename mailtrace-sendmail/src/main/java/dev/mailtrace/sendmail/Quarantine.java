package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A message was quarantined (held in the queue) by a ruleset or milter, or released:
 * {@code pBFERI8l019936: quarantine=Spam score too high}, {@code unquarantine}.
 *
 * @param queueId the queue id
 * @param reason the quarantine reason, or null when released
 */
public record Quarantine(String queueId, String reason) implements LogEvent {

    /** {@code sendmail/quarantine}. */
    public static final EventType TYPE = F.type("quarantine",
            "a message was quarantined (held in the queue) or released from quarantine",
            F.QUEUE_ID, FieldSpec.text("quarantine", "the reason; absent when released (unquarantine)"),
            FieldSpec.bool("released", "true for unquarantine"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "quarantine", reason);
        F.flag(out, "released", reason == null);
    }
}
