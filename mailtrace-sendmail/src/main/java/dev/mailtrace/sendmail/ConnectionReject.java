package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;

/**
 * Sendmail refused a whole connection: {@code s1R9r60D044307: rejecting commands from
 * example.com [192.0.2.253] due to pre-greeting traffic after 0 seconds} (greet_pause),
 * {@code NOQUEUE: tcpwrappers (host.example.com, 192.0.2.7) rejection}. A {@link Rejection} at
 * the CONNECT stage.
 *
 * @param queueId the queue id, or null
 * @param kind {@code pregreet} or {@code tcpwrappers}
 * @param peer the client
 * @param seconds seconds after which the client talked first (pregreet), or -1
 * @param text the refusal as logged after the client
 */
public record ConnectionReject(String queueId, String kind, Peer peer, int seconds, String text) implements Rejection {

    /** {@code sendmail/connection_reject}. */
    public static final EventType TYPE = F.type("connection_reject",
            "a client's connection was refused: pre-greeting traffic (greet_pause) or tcpwrappers",
            F.QUEUE_ID, FieldSpec.keyword("kind", "pregreet or tcpwrappers"), F.peer("client", "client"),
            FieldSpec.number("pregreet_seconds", "seconds after which the client talked before the greeting"),
            F.REASON_TEXT, F.REASON);

    @Override
    public Client client() {
        return peer == null ? null : peer.toClient();
    }

    @Override
    public String stage() {
        return "CONNECT";
    }

    @Override
    public int code() {
        return -1;
    }

    @Override
    public String dsn() {
        return null;
    }

    @Override
    public String reasonText() {
        return text;
    }

    @Override
    public RejectReason reason() {
        return Reasons.classify(-1, null, text);
    }

    @Override
    public String sender() {
        return null;
    }

    @Override
    public String recipient() {
        return null;
    }

    @Override
    public String helo() {
        return null;
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "kind", kind);
        F.peer(out, "client", peer);
        out.count("pregreet_seconds", seconds);
        F.str(out, "reason_text", text);
        out.string("reason", reason().label());
    }
}
