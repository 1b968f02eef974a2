package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * An informational line of a known kind without fields of its own: {@code Saved message in
 * /var/tmp/dead.letter}, {@code SMTP outgoing connect on [192.0.2.1]}, {@code Authentication-Warning:
 * ...}, {@code alias database /etc/mail/aliases rebuilt by root}, {@code /etc/mail/aliases: 12 aliases,
 * longest 10 bytes, 212 bytes total}, {@code grew WorkList for /var/spool/mqueue to 200}, ...
 *
 * @param queueId the queue id, or null
 * @param message the text
 */
public record Notice(String queueId, String message) implements LogEvent {

    /** {@code sendmail/notice}. */
    public static final EventType TYPE = F.type("notice",
            "an informational line of a known kind without fields of its own (dead.letter, alias database, queue runs, ...)",
            F.QUEUE_ID, F.MESSAGE);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "message", message);
    }
}
