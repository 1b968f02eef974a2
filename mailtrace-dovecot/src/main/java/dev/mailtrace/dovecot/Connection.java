package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * An LMTP client connected or disconnected: {@code lmtp(4242): Connect from local},
 * {@code lmtp(4242): Disconnect from 127.0.0.1: Successful quit}.
 *
 * @param service lmtp
 * @param action connect or disconnect
 * @param remote the client as logged: {@code local} (a UNIX socket) or an address
 * @param reason the text after the client on a disconnect, or null
 */
public record Connection(String service, String action, String remote, String reason) implements LogEvent {

    /** {@code dovecot/connection}. */
    public static final EventType TYPE = F.eventType(DovecotDialect.NAME, "connection",
            "an LMTP client connected or disconnected",
            FieldSpec.keyword("service", "lmtp"), FieldSpec.keyword("action", "connect or disconnect"),
            FieldSpec.keyword("remote", "the client: local (a UNIX socket) or its address"),
            FieldSpec.text("reason", "why it disconnected: Successful quit, Client has quit the connection (...), ..."));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "service", service);
        F.str(out, "action", action);
        F.str(out, "remote", remote);
        F.str(out, "reason", reason);
    }
}
