package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.TlsEstablished;

/**
 * A TLS session summary: {@code Untrusted TLS connection established to mx.example.net[192.0.2.1]:25:
 * TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature
 * ECDSA (P-256) server-digest SHA256}, or {@code ... established from client.example.org[192.0.2.7]:
 * ...} on the server side.
 *
 * @param trust Anonymous, Untrusted, Trusted or Verified (absent in postfix before 2.8)
 * @param reused whether a cached session was reused ({@code reused} instead of {@code established})
 * @param client the peer when postfix is the server ({@code from}), or null
 * @param relay the peer when postfix is the client ({@code to}), or null
 * @param sni the SNI name the client asked for (server side), or null
 * @param version the protocol: TLSv1.2, TLSv1.3, ...
 * @param cipher the cipher suite
 * @param cipherBits the cipher's effective bits, or -1
 * @param cipherAlgBits the cipher algorithm's bits, or -1
 * @param keyExchange the key exchange (X25519, ECDHE, ...), or null
 * @param keyExchangeCurve its curve, or null
 * @param keyExchangeBits its bits, or -1
 * @param serverSignature the server's signature algorithm, or null
 * @param serverSignatureCurve its curve (P-256), or null
 * @param serverSignatureBits its key bits, or -1
 * @param serverDigest the server's signature digest, or null
 * @param clientSignature the client certificate's signature algorithm, or null
 * @param clientSignatureCurve its curve, or null
 * @param clientSignatureBits its key bits, or -1
 * @param clientDigest the client's signature digest, or null
 */
public record Tls(String trust, boolean reused, Client client, Relay relay, String sni, String version, String cipher,
        int cipherBits, int cipherAlgBits, String keyExchange, String keyExchangeCurve, int keyExchangeBits,
        String serverSignature, String serverSignatureCurve, int serverSignatureBits, String serverDigest,
        String clientSignature, String clientSignatureCurve, int clientSignatureBits, String clientDigest)
        implements TlsEstablished {

    /** {@code postfix/tls}. */
    public static final EventType TYPE = F.type("tls", "a TLS session was established (or reused) to or from a peer",
            FieldSpec.keyword("tls_trust", "Anonymous, Untrusted, Trusted or Verified"),
            FieldSpec.bool("tls_reused", "a cached TLS session was reused"),
            FieldSpec.keyword("tls_direction", "inbound (from a client: client_* fields) or outbound (to a server: "
                    + "relay_* fields)"),
            F.client("client"), F.relay("relay"),
            FieldSpec.keyword("tls_sni", "SNI name the client requested (server side)"),
            FieldSpec.keyword("tls_version", "protocol version: TLSv1.2, TLSv1.3, ..."),
            FieldSpec.keyword("tls_cipher", "cipher suite"),
            FieldSpec.number("tls_cipher_bits", "effective cipher bits (the first of 256/256)"),
            FieldSpec.number("tls_cipher_alg_bits", "cipher algorithm bits (the second of 256/256)"),
            FieldSpec.keyword("tls_key_exchange", "key exchange: X25519, ECDHE, ..."),
            FieldSpec.keyword("tls_key_exchange_curve", "key exchange curve"),
            FieldSpec.number("tls_key_exchange_bits", "key exchange bits"),
            FieldSpec.keyword("tls_server_signature", "server signature algorithm: RSA-PSS, ECDSA, ..."),
            FieldSpec.keyword("tls_server_signature_curve", "server signature curve: P-256, ..."),
            FieldSpec.number("tls_server_signature_bits", "server key bits"),
            FieldSpec.keyword("tls_server_digest", "server signature digest"),
            FieldSpec.keyword("tls_client_signature", "client certificate signature algorithm"),
            FieldSpec.keyword("tls_client_signature_curve", "client signature curve"),
            FieldSpec.number("tls_client_signature_bits", "client key bits"),
            FieldSpec.keyword("tls_client_digest", "client signature digest"));

    /** {@code inbound} when postfix was the server (TLS connection ... from), {@code outbound} otherwise. */
    public String direction() {
        return client != null ? "inbound" : "outbound";
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "tls_trust", trust);
        F.flag(out, "tls_reused", reused);
        out.string("tls_direction", direction());
        F.client(out, "client", client);
        F.relay(out, "relay", relay);
        F.str(out, "tls_sni", sni);
        F.str(out, "tls_version", version);
        F.str(out, "tls_cipher", cipher);
        out.count("tls_cipher_bits", cipherBits);
        out.count("tls_cipher_alg_bits", cipherAlgBits);
        F.str(out, "tls_key_exchange", keyExchange);
        F.str(out, "tls_key_exchange_curve", keyExchangeCurve);
        out.count("tls_key_exchange_bits", keyExchangeBits);
        F.str(out, "tls_server_signature", serverSignature);
        F.str(out, "tls_server_signature_curve", serverSignatureCurve);
        out.count("tls_server_signature_bits", serverSignatureBits);
        F.str(out, "tls_server_digest", serverDigest);
        F.str(out, "tls_client_signature", clientSignature);
        F.str(out, "tls_client_signature_curve", clientSignatureCurve);
        out.count("tls_client_signature_bits", clientSignatureBits);
        F.str(out, "tls_client_digest", clientDigest);
    }
}
