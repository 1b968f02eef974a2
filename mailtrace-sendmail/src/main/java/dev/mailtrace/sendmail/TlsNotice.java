package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * Any other STARTTLS line (tls.c, sfsasl.c, deliver.c, srvrsmtp.c): {@code STARTTLS=client, error:
 * connect failed=-1, reason=certificate verify failed, SSL_error=1, errno=0, retry=-1},
 * {@code STARTTLS=server, error: accept failed=0, reason=unknown, SSL_error=5, errno=104, retry=-1,
 * relay=[192.0.2.1]}, {@code STARTTLS: read error=timeout}, {@code STARTTLS=client,
 * relay=mx.example.net, field=cn, status=failed to extract CN}, {@code STARTTLS=server, cert-subject=...,
 * cert-issuer=..., verifymsg=...}.
 *
 * @param queueId the queue id, or null
 * @param role {@code client} or {@code server}, or null ({@code STARTTLS:})
 * @param peer {@code relay=} when logged, or null
 * @param failed whether the line reports an error or failure
 * @param message the text after {@code STARTTLS=role, } or {@code STARTTLS: }
 */
public record TlsNotice(String queueId, String role, Peer peer, boolean failed, String message) implements LogEvent {

    /** {@code sendmail/tls_notice}. */
    public static final EventType TYPE = F.type("tls_notice",
            "another STARTTLS line: handshake errors (connect/accept failed), read/write errors, certificate details",
            F.QUEUE_ID, FieldSpec.keyword("tls_role", "client or server"),
            FieldSpec.keyword("tls_direction", "outbound (client role) or inbound (server role)"),
            F.peer("client", "client (STARTTLS=server)"), F.peer("relay", "server (STARTTLS=client)"),
            FieldSpec.bool("tls_failed", "the line reports an error or failure"), F.MESSAGE);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "tls_role", role);
        if (role != null) {
            out.string("tls_direction", "server".equals(role) ? "inbound" : "outbound");
        }
        F.peer(out, "server".equals(role) ? "client" : "relay", peer);
        F.flag(out, "tls_failed", failed);
        F.str(out, "message", message);
    }
}
