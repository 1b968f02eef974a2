package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * smtpd {@code improper command pipelining after EHLO from unknown[192.0.2.1]: MAIL FROM:<>}: the
 * client sent commands before the reply (a spambot sign).
 *
 * @param stage the command after which it happened
 * @param client the client
 * @param data what the client sent ahead, or null
 */
public record ImproperPipelining(String stage, Client client, String data) implements LogEvent {

    /** {@code postfix/improper_pipelining}. */
    public static final EventType TYPE = F.type("improper_pipelining",
            "the client sent commands before smtpd replied (spambot sign)", F.STAGE, F.client("client"),
            FieldSpec.text("data", "the pipelined input as logged"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "stage", stage);
        F.client(out, "client", client);
        F.str(out, "data", data);
    }
}
