package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Bytes.wordEnd;
import static dev.mailtrace.postfix.Endpoints.bracketEnd;
import static dev.mailtrace.postfix.Endpoints.client;
import static dev.mailtrace.postfix.Endpoints.relay;
import static dev.mailtrace.postfix.Literals.COLON_SP;
import static dev.mailtrace.postfix.Literals.FROM_SP;
import static dev.mailtrace.postfix.Literals.SP_TO_;
import static dev.mailtrace.postfix.Literals.TO_;

import java.util.function.Consumer;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.LogEvent;

/**
 * TLS lines of smtpd, smtp and tlsproxy: the session summary
 * {@code [Trust ]TLS connection established|reused to|from PEER: VERSION with cipher C (n/n bits) ...}
 * with its key exchange and signatures, and certificate, {@code SSL_connect} and handshake failures.
 */
final class TlsLines {

    private TlsLines() {
    }

    private static final byte[] TLS_CONNECTION_ = ascii("TLS connection ");
    private static final byte[] ESTABLISHED_ = ascii("established ");
    private static final byte[] REUSED_ = ascii("reused ");
    private static final byte[] WITH_CIPHER = ascii(" with cipher ");
    private static final byte[] BITS_PAREN = ascii(" bits)");
    private static final byte[] BITS = ascii(" bits");
    private static final byte[] RAW_PUBLIC_KEY = ascii(" raw public key");
    private static final byte[] KEY_EXCHANGE = ascii(" key-exchange ");
    private static final byte[] SERVER_SIGNATURE = ascii(" server-signature ");
    private static final byte[] SERVER_DIGEST = ascii(" server-digest ");
    private static final byte[] CLIENT_SIGNATURE = ascii(" client-signature ");
    private static final byte[] CLIENT_DIGEST = ascii(" client-digest ");
    private static final byte[][] TRUST = {ascii("Anonymous "), ascii("Untrusted "), ascii("Trusted "), ascii("Verified ")};
    private static final byte[] SERVICE_EQ = ascii("service=");
    private static final byte[] PEER_EQ = ascii(" peer=");

    /** {@code [TRUST ]TLS connection established|reused to|from PEER[ to SNI]: VERSION with cipher ...}. */
    static boolean summary(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        String trust = null;
        int p = s;
        if (!at(b, p, e, TLS_CONNECTION_)) {
            for (byte[] t : TRUST) {
                if (at(b, p, e, t)) {
                    trust = Words.of(b, p, p + t.length - 1);
                    p += t.length;
                    break;
                }
            }
            if (trust == null || !at(b, p, e, TLS_CONNECTION_)) {
                return false;
            }
        }
        p += TLS_CONNECTION_.length;
        boolean reused;
        if (at(b, p, e, ESTABLISHED_)) {
            reused = false;
            p += ESTABLISHED_.length;
        } else if (at(b, p, e, REUSED_)) {
            reused = true;
            p += REUSED_.length;
        } else {
            return false;
        }
        boolean outbound;
        if (at(b, p, e, TO_)) {
            outbound = true;
            p += TO_.length;
        } else if (at(b, p, e, FROM_SP)) {
            outbound = false;
            p += FROM_SP.length;
        } else {
            return false;
        }
        int pe = bracketEnd(b, p, e);
        if (pe < 0) {
            return false;
        }
        Client client = outbound ? null : client(b, p, pe);
        Relay relay = outbound ? relay(b, p, pe) : null;
        String sni = null;
        int c = pe;
        if (at(b, c, e, SP_TO_)) {
            int ss = c + SP_TO_.length;
            int se = find(b, ss, e, COLON_SP);
            if (se < 0) {
                return false;
            }
            sni = str(b, ss, se);
            c = se;
        }
        if (!at(b, c, e, COLON_SP)) {
            return false;
        }
        int vs = c + 2;
        int wc = find(b, vs, e, WITH_CIPHER);
        if (wc < 0) {
            return false;
        }
        int cs = wc + WITH_CIPHER.length;
        int ce = find(b, cs, e, (byte) ' ');
        if (ce < 0 || ce + 1 >= e || b[ce + 1] != '(') {
            return false;
        }
        int b1 = ce + 2;
        int b1e = Bytes.digits(b, b1, e);
        int b2e = b1e < e && b[b1e] == '/' ? Bytes.digits(b, b1e + 1, e) : -1;
        if (b2e < 0 || !at(b, b2e, e, BITS_PAREN)) {
            return false;
        }
        int cipherBits = Bytes.integer(b, b1, b1e);
        int algBits = Bytes.integer(b, b1e + 1, b2e);
        p = b2e + BITS_PAREN.length;
        Sig kex = new Sig();
        Sig server = new Sig();
        Sig client2 = new Sig();
        String serverDigest = null;
        String clientDigest = null;
        while (p < e) {
            if (at(b, p, e, KEY_EXCHANGE)) {
                p = kex.parse(b, p + KEY_EXCHANGE.length, e);
            } else if (at(b, p, e, SERVER_SIGNATURE)) {
                p = server.parse(b, p + SERVER_SIGNATURE.length, e);
            } else if (at(b, p, e, SERVER_DIGEST)) {
                int ds = p + SERVER_DIGEST.length;
                p = wordEnd(b, ds, e);
                serverDigest = Words.of(b, ds, p);
            } else if (at(b, p, e, CLIENT_SIGNATURE)) {
                p = client2.parse(b, p + CLIENT_SIGNATURE.length, e);
            } else if (at(b, p, e, CLIENT_DIGEST)) {
                int ds = p + CLIENT_DIGEST.length;
                p = wordEnd(b, ds, e);
                clientDigest = Words.of(b, ds, p);
            } else {
                break;
            }
        }
        out.accept(new Tls(trust, reused, client, relay, sni, Words.of(b, vs, wc), Words.of(b, cs, ce), cipherBits,
                algBits, kex.name, kex.curve, kex.bits, server.name, server.curve, server.bits, serverDigest,
                client2.name, client2.curve, client2.bits, clientDigest));
        return true;
    }

    /** {@code NAME[ (CURVE|N bits|...)]} of a key exchange or signature. */
    private static final class Sig {
        String name;
        String curve;
        int bits = -1;

        int parse(byte[] b, int p, int e) {
            int ne = wordEnd(b, p, e);
            name = Words.of(b, p, ne);
            if (ne + 1 < e && b[ne] == ' ' && b[ne + 1] == '(') {
                int close = find(b, ne + 2, e, (byte) ')');
                if (close < 0) {
                    return e;
                }
                int cs = ne + 2;
                int ce = close;
                if (Bytes.endsWith(b, cs, ce, RAW_PUBLIC_KEY)) {
                    ce -= RAW_PUBLIC_KEY.length;
                }
                int d = Bytes.digits(b, cs, ce);
                if (d > cs && at(b, d, ce, BITS)) {
                    bits = Bytes.integer(b, cs, d);
                } else if (ce > cs) {
                    curve = Words.of(b, cs, ce);
                }
                return close + 1;
            }
            return ne;
        }
    }

    /** {@code PEER[: ERROR]} after the literal of a {@code failure} (certificate verification, SSL_connect). */
    static boolean error(String failure, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int re = bracketEnd(b, p, e);
        if (re < 0) {
            return false;
        }
        String error = at(b, re, e, COLON_SP) ? Words.of(b, re + 2, e) : null;
        out.accept(new TlsError(null, failure, relay(b, p, re), null, error));
        return true;
    }

    /** tlsproxy's {@code service=SERVICE peer=[ADDR]:PORT} after {@code TLS handshake failed for }. */
    static boolean handshakeFailed(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int pe = find(b, p, e, PEER_EQ);
        if (pe < 0) {
            return false;
        }
        int c = pe + PEER_EQ.length;
        int ce = bracketEnd(b, c, e);
        String service = at(b, p, pe, SERVICE_EQ) ? Words.of(b, p + SERVICE_EQ.length, pe) : str(b, p, pe);
        out.accept(new TlsError(null, "handshake failed", null, ce < 0 ? null : client(b, c, ce), service));
        return true;
    }
}
