package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.QueueEvent;

/**
 * {@code 4F9D195432C: enabling PIX workarounds: disable_esmtp delay_dotcrlf for mx[192.0.2.1]:25}.
 *
 * @param queueId the queue id
 * @param workarounds the workarounds, space-separated
 * @param relay the server
 */
public record PixWorkarounds(String queueId, String workarounds, Relay relay) implements QueueEvent {

    /** {@code postfix/pix_workarounds}. */
    public static final EventType TYPE = F.type("pix_workarounds", "the SMTP client enabled Cisco PIX workarounds",
            F.QUEUE_ID, FieldSpec.keyword("workarounds", "disable_esmtp, delay_dotcrlf"), F.relay("relay"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "workarounds", workarounds);
        F.relay(out, "relay", relay);
    }
}
