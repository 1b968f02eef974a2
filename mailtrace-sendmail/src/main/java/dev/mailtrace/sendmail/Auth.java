package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A successful SMTP AUTH: {@code AUTH=server, relay=host.example.com [192.0.2.1], authid=alice,
 * mech=PLAIN, bits=0} (srvrsmtp.c: a client logged in to sendmail), {@code AUTH=client,
 * relay=smtp.example.net [192.0.2.5], mech=LOGIN, bits=0} (deliver.c: sendmail logged in to a relay).
 *
 * @param queueId the queue id, or null (usually)
 * @param role {@code server} or {@code client}
 * @param peer {@code relay=}, or null
 * @param authid {@code authid=}, or null (client side)
 * @param mechanism {@code mech=}, or null
 * @param bits {@code bits=}: the SASL security layer's strength, or -1
 */
public record Auth(String queueId, String role, Peer peer, String authid, String mechanism, int bits)
        implements LogEvent {

    /** {@code sendmail/auth}. */
    public static final EventType TYPE = F.type("auth",
            "a successful SMTP AUTH: a client logged in (AUTH=server) or sendmail logged in to a relay (AUTH=client)",
            F.QUEUE_ID, FieldSpec.keyword("auth_role", "server (a client logged in) or client (sendmail logged in)"),
            F.peer("client", "client (AUTH=server)"), F.peer("relay", "server (AUTH=client)"), F.SASL_USERNAME,
            F.SASL_METHOD, FieldSpec.number("sasl_bits", "strength of the SASL security layer (bits=)"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "auth_role", role);
        F.peer(out, "server".equals(role) ? "client" : "relay", peer);
        F.str(out, "sasl_username", authid);
        F.str(out, "sasl_method", mechanism);
        out.count("sasl_bits", bits);
    }
}
