package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A failed SMTP AUTH: {@code AUTH failure (LOGIN): authentication failure (-13) SASL(-13):
 * authentication failure: checkpass failed, user=bob, relay=host.example.com [192.0.2.1]}
 * (srvrsmtp.c: a client failed to log in), {@code AUTH=client, relay=smtp.example.net [192.0.2.5],
 * authinfo failed} (usersmtp.c: sendmail failed to log in to a relay).
 *
 * @param queueId the queue id, or null
 * @param role {@code server} or {@code client}
 * @param mechanism the mechanism in parentheses, or null
 * @param error the error text, or null
 * @param user {@code user=}, or null
 * @param peer {@code relay=}, or null
 */
public record AuthFailed(String queueId, String role, String mechanism, String error, String user, Peer peer)
        implements LogEvent {

    /** {@code sendmail/auth_failed}. */
    public static final EventType TYPE = F.type("auth_failed",
            "an SMTP AUTH failed: a client's login (AUTH failure) or sendmail's own at a relay (authinfo failed)",
            F.QUEUE_ID, FieldSpec.keyword("auth_role", "server (a client failed) or client (sendmail failed)"),
            F.SASL_METHOD, F.ERROR, F.SASL_USERNAME, F.peer("client", "client (AUTH failure)"),
            F.peer("relay", "server (AUTH=client)"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "auth_role", role);
        F.str(out, "sasl_method", mechanism);
        F.str(out, "error", error);
        F.str(out, "sasl_username", user);
        F.peer(out, "server".equals(role) ? "client" : "relay", peer);
    }
}
