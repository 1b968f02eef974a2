package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A TLS failure: {@code certificate verification failed for mx.example.net[192.0.2.1]:25: untrusted
 * issuer ...}, {@code SSL_connect error to mx.example.net[192.0.2.1]:25: lost connection},
 * {@code 4F9D195432C: TLS is required, but was not offered by host mx[192.0.2.1]},
 * {@code 4F9D195432C: Cannot start TLS: handshake failure}, tlsproxy {@code TLS handshake failed for
 * service=smtpd peer=[192.0.2.1]:5555}.
 *
 * @param queueId the queue id, or null
 * @param failure certificate verification failed, SSL_connect error, TLS required but not offered,
 *     cannot start TLS, handshake failed, server certificate not verified
 * @param relay the server (SMTP client side), or null
 * @param client the peer (tlsproxy), or null
 * @param error the reason as logged, or null
 */
public record TlsError(String queueId, String failure, Relay relay, Client client, String error) implements LogEvent {

    /** {@code postfix/tls_error}. */
    public static final EventType TYPE = F.type("tls_error", "a TLS handshake or certificate verification failed",
            F.QUEUE_ID, FieldSpec.keyword("failure", "certificate verification failed, SSL_connect error, "
                    + "TLS required but not offered, cannot start TLS, handshake failed, ..."),
            F.relay("relay"), F.client("client"), F.ERROR);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "failure", failure);
        F.relay(out, "relay", relay);
        F.client(out, "client", client);
        F.str(out, "error", error);
    }
}
