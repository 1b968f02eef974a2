package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A connection closed: smtpd {@code disconnect from mail.example.org[192.0.2.1] ehlo=1 mail=1 rcpt=1
 * data=1 quit=1 commands=5}, postscreen and tlsproxy {@code DISCONNECT [192.0.2.1]:52114}.
 *
 * @param client the client
 * @param commands smtpd's per-command counters (postfix 3.0 and later), or null
 */
public record Disconnect(Client client, CommandStats commands) implements LogEvent {

    /** {@code postfix/disconnect}. */
    public static final EventType TYPE = F.type("disconnect",
            "a client disconnected, with smtpd's per-command counters", F.client("client"), CommandStats.fields());

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.client(out, "client", client);
        if (commands != null) {
            commands.writeFields(out);
        }
    }
}
