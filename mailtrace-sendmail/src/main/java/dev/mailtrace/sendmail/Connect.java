package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A client connected (main.c, LogLevel 10 and above): {@code NOQUEUE: connect from
 * mail.example.org [192.0.2.1]}.
 *
 * @param peer the client
 */
public record Connect(Peer peer) implements LogEvent {

    /** {@code sendmail/connect}. */
    public static final EventType TYPE = F.type("connect", "a client connected (NOQUEUE: connect from, LogLevel 10+)",
            F.peer("client", "client"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.peer(out, "client", peer);
    }
}
