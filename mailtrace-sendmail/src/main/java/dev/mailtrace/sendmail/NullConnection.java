package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A client connected and left without a mail transaction (srvrsmtp.c): {@code v26LtRA0020949:
 * some-host.example.org [192.0.2.194] did not issue MAIL/EXPN/VRFY/ETRN during connection to MTA}.
 *
 * @param queueId the queue id, or null
 * @param peer the client
 * @param daemon the daemon it connected to (MTA, MSA, MTA-v4, IPv6, ...), or null
 */
public record NullConnection(String queueId, Peer peer, String daemon) implements LogEvent {

    /** {@code sendmail/null_connection}. */
    public static final EventType TYPE = F.type("null_connection",
            "a client did not issue MAIL/EXPN/VRFY/ETRN during its connection", F.QUEUE_ID, F.peer("client", "client"),
            F.DAEMON);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.peer(out, "client", peer);
        F.str(out, "daemon", daemon);
    }
}
