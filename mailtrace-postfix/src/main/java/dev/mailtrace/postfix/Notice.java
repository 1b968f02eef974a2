package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A recognised informational line without fields of its own: postfix-script's {@code starting the
 * Postfix mail system}, {@code table hash:/etc/postfix/transport has changed -- restarting},
 * {@code setting up TLS connection to ...}, {@code 4F9D195432C: breaking line > 998 bytes with
 * <CR><LF>SPACE}, ...
 *
 * @param queueId the queue id, or null
 * @param message the line after the queue id
 */
public record Notice(String queueId, String message) implements LogEvent {

    /** {@code postfix/notice}. */
    public static final EventType TYPE = F.type("notice",
            "an informational line without fields of its own (postfix-script, table changed, TLS set-up, ...)",
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
