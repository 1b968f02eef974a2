package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * The SMTP/LMTP client could not connect: {@code connect to mx.example.net[192.0.2.1]:25:
 * Connection timed out}.
 *
 * @param relay the server
 * @param error the reason as logged
 */
public record ConnectError(Relay relay, String error) implements LogEvent {

    /** {@code postfix/connect_error}. */
    public static final EventType TYPE = F.type("connect_error", "the SMTP/LMTP client could not connect to a server",
            F.relay("relay"), F.ERROR);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.relay(out, "relay", relay);
        F.str(out, "error", error);
    }
}
