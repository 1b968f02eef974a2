package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.TlsEstablished;

/**
 * A TLS session summary (tls.c): {@code STARTTLS=client, relay=mx.example.net., version=TLSv1.3,
 * verify=OK, cipher=TLS_AES_256_GCM_SHA384, bits=256/256}, {@code STARTTLS=server,
 * relay=host.example.com [192.0.2.25], version=TLSv1.2, verify=NO, cipher=ECDHE-RSA-AES256-GCM-SHA384,
 * bits=256/256}. As a server sendmail's peer is the client ({@code client_*}), as a client the
 * relay ({@code relay_*}). A {@link TlsEstablished}: the aggregator attaches an inbound session to
 * the next message the same process accepts from that client.
 *
 * @param queueId the queue id, or null (usually)
 * @param role {@code client} (sendmail delivered) or {@code server} (sendmail received)
 * @param peer {@code relay=}, or null
 * @param version {@code version=}, or null
 * @param verify {@code verify=}: OK, NO, NOT, FAIL, NONE, SOFTWARE, PROTOCOL, TEMP, TRUSTED, DANE_FAIL, ..., or null
 * @param cipher {@code cipher=}, or null
 * @param algBits the first of {@code bits=a/b}: the algorithm's key bits, or -1
 * @param cipherBits the second: the effective bits, or -1
 * @param pubkeyFingerprint {@code pubkey_fp=} (DANE failures), or null
 */
public record Starttls(String queueId, String role, Peer peer, String version, String verify, String cipher,
        int algBits, int cipherBits, String pubkeyFingerprint) implements TlsEstablished {

    /** {@code sendmail/starttls}. */
    public static final EventType TYPE = F.type("starttls",
            "a TLS session was established as client (outbound) or server (inbound): version, verify, cipher, bits",
            F.QUEUE_ID, FieldSpec.keyword("tls_role", "client (sendmail delivered) or server (sendmail received)"),
            FieldSpec.keyword("tls_direction", "outbound (relay_* fields) or inbound (client_* fields)"),
            F.peer("client", "client (STARTTLS=server)"), F.peer("relay", "server (STARTTLS=client)"),
            FieldSpec.keyword("tls_version", "protocol version: TLSv1.2, TLSv1.3, TLSv1/SSLv3, ..."),
            FieldSpec.keyword("tls_verify", "certificate verification: OK, NO, NOT, FAIL, NONE, TEMP, PROTOCOL, ..."),
            FieldSpec.keyword("tls_cipher", "cipher suite"),
            FieldSpec.number("tls_cipher_alg_bits", "the cipher algorithm's key bits (first of bits=a/b)"),
            FieldSpec.number("tls_cipher_bits", "effective cipher bits (second of bits=a/b)"),
            FieldSpec.keyword("tls_pubkey_fp", "public key fingerprint logged with a DANE failure"));

    /** The client when sendmail was the server ({@code STARTTLS=server}), else null. */
    @Override
    public Client client() {
        return "server".equals(role) && peer != null ? peer.toClient() : null;
    }

    /** {@code inbound} when sendmail was the server, {@code outbound} otherwise. */
    public String direction() {
        return "server".equals(role) ? "inbound" : "outbound";
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "tls_role", role);
        out.string("tls_direction", direction());
        F.peer(out, "server".equals(role) ? "client" : "relay", peer);
        F.str(out, "tls_version", version);
        F.str(out, "tls_verify", verify);
        F.str(out, "tls_cipher", cipher);
        out.count("tls_cipher_alg_bits", algBits);
        out.count("tls_cipher_bits", cipherBits);
        F.str(out, "tls_pubkey_fp", pubkeyFingerprint);
    }
}
