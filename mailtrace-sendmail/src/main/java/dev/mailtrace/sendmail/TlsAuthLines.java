package dev.mailtrace.sendmail;

import static dev.mailtrace.sendmail.Bytes.ascii;
import static dev.mailtrace.sendmail.Bytes.at;
import static dev.mailtrace.sendmail.Bytes.find;
import static dev.mailtrace.sendmail.Bytes.findLast;
import static dev.mailtrace.sendmail.Bytes.is;
import static dev.mailtrace.sendmail.Bytes.isLower;
import static dev.mailtrace.sendmail.Bytes.str;
import static dev.mailtrace.sendmail.EnvelopeLines.keyEnd;
import static dev.mailtrace.sendmail.EnvelopeLines.next;
import static dev.mailtrace.sendmail.EnvelopeLines.valueEnd;
import static dev.mailtrace.sendmail.Peers.peer;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/** {@code STARTTLS} (tls.c, deliver.c, srvrsmtp.c, sfsasl.c) and SMTP AUTH (srvrsmtp.c, usersmtp.c) lines. */
final class TlsAuthLines {

    private TlsAuthLines() {
    }

    private static final byte[] STARTTLS = ascii("STARTTLS");
    private static final byte[] CLIENT = ascii("client");
    private static final byte[] SERVER = ascii("server");
    private static final byte[] AUTH = ascii("AUTH");
    private static final byte[] COMMA_USER_EQ = ascii(", user=");
    private static final byte[] COMMA_RELAY_EQ = ascii(", relay=");
    private static final byte[] RELAY_EQ = ascii("relay=");
    private static final byte[] COMMA_AUTHINFO = ascii(", authinfo ");
    private static final byte[] COMMA_TEMPORARY_FAILURE = ascii(", temporary failure");
    private static final byte[] COLON_SP = ascii(": ");
    private static final byte[] COMMA_SP = ascii(", ");
    private static final byte[] ERROR_WORD = ascii("error");
    private static final byte[] FAIL_WORD = ascii("fail");
    private static final byte[] PAREN_COLON_SP = ascii("): ");

    /** After {@code STARTTLS}: {@code =client, relay=...}, {@code =server, ...}, {@code : ...}. */
    static boolean starttls(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        if (p >= e) {
            return false;
        }
        String role = null;
        int r;
        if (b[p] == '=') {
            int we = p + 1;
            while (we < e && isLower(b[we])) {
                we++;
            }
            if (is(b, p + 1, we, CLIENT)) {
                role = "client";
            } else if (is(b, p + 1, we, SERVER)) {
                role = "server";
            } else {
                return false;
            }
            r = we;
            if (at(b, r, e, COMMA_SP) || at(b, r, e, COLON_SP)) {
                r += 2;
            } else if (r < e) {
                return false;
            }
        } else if (at(b, p, e, COLON_SP)) {
            r = p + 2;
        } else {
            return false;
        }
        if (role != null && at(b, r, e, RELAY_EQ)) {
            int v = r + RELAY_EQ.length;
            int ve = valueEnd(b, v, e);
            Peer peer = v < ve ? peer(b, v, ve) : null;
            int n = next(ve, e);
            int k = keyEnd(b, n, e);
            if (k > 0 && Keys.of(b, n, k) == Keys.VERSION) {
                return tlsSummary(qid, role, peer, b, n, e, out);
            }
            out.accept(new TlsNotice(qid, role, peer, failed(b, n, e), n < e ? str(b, n, e) : null));
            return true;
        }
        Peer peer = null;
        int rel = find(b, r, e, COMMA_RELAY_EQ);
        if (rel >= 0) {
            int v = rel + COMMA_RELAY_EQ.length;
            int ve = valueEnd(b, v, e);
            if (v < ve) {
                peer = peer(b, v, ve);
            }
        }
        out.accept(new TlsNotice(qid, role, peer, failed(b, r, e), r < e ? str(b, r, e) : null));
        return true;
    }

    private static boolean failed(byte[] b, int p, int e) {
        return find(b, p, e, ERROR_WORD) >= 0 || find(b, p, e, FAIL_WORD) >= 0;
    }

    private static boolean tlsSummary(String qid, String role, Peer peer, byte[] b, int p, int e,
            Consumer<? super LogEvent> out) {
        String version = null;
        String verify = null;
        String cipher = null;
        int algBits = -1;
        int cipherBits = -1;
        String fp = null;
        while (p < e) {
            int k = keyEnd(b, p, e);
            if (k < 0) {
                break;
            }
            int v = k + 1;
            int ve = valueEnd(b, v, e);
            switch (Keys.of(b, p, k)) {
                case Keys.VERSION -> version = Words.of(b, v, ve);
                case Keys.VERIFY -> verify = Words.of(b, v, ve);
                case Keys.CIPHER -> cipher = Words.of(b, v, ve);
                case Keys.BITS -> {
                    int slash = find(b, v, ve, (byte) '/');
                    if (slash > 0) {
                        algBits = Bytes.integer(b, v, slash);
                        cipherBits = Bytes.integer(b, slash + 1, ve);
                    } else {
                        algBits = Bytes.integer(b, v, ve);
                    }
                }
                case Keys.PUBKEY_FP -> fp = str(b, v, ve);
                default -> { }
            }
            p = next(ve, e);
        }
        out.accept(new Starttls(qid, role, peer, version, verify, cipher, algBits, cipherBits, fp));
        return true;
    }

    /** After {@code AUTH=}: {@code server, relay=..., authid=..., mech=..., bits=...} and the client side. */
    static boolean auth(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        String role;
        if (at(b, p, e, SERVER)) {
            role = "server";
        } else if (at(b, p, e, CLIENT)) {
            role = "client";
        } else {
            return false;
        }
        int r = p + 6;
        if (!at(b, r, e, COMMA_SP) || !at(b, r + 2, e, RELAY_EQ)) {
            return false;
        }
        int v = r + 2 + RELAY_EQ.length;
        // usersmtp.c "AUTH=client, relay=%.64s [%.16s], authinfo %sfailed", deliver.c "..., temporary failure, ..."
        int f = find(b, v, e, COMMA_AUTHINFO);
        if (f < 0) {
            f = find(b, v, e, COMMA_TEMPORARY_FAILURE);
        }
        if (f >= 0) {
            out.accept(new AuthFailed(qid, role, null, str(b, f + 2, e), null, v < f ? peer(b, v, f) : null));
            return true;
        }
        int ve = valueEnd(b, v, e);
        int n = next(ve, e);
        Peer peer = v < ve ? peer(b, v, ve) : null;
        String authid = null;
        String mech = null;
        int bits = -1;
        boolean any = false;
        p = n;
        while (p < e) {
            int k = keyEnd(b, p, e);
            if (k < 0) {
                break;
            }
            int kv = k + 1;
            int kve = valueEnd(b, kv, e);
            switch (Keys.of(b, p, k)) {
                case Keys.AUTHID -> {
                    authid = str(b, kv, kve);
                    any = true;
                }
                case Keys.MECH -> {
                    mech = Words.of(b, kv, kve);
                    any = true;
                }
                case Keys.BITS -> bits = Bytes.integer(b, kv, kve);
                default -> { }
            }
            p = next(kve, e);
        }
        if (!any) {
            return false;
        }
        out.accept(new Auth(qid, role, peer, authid, mech, bits));
        return true;
    }

    /** After {@code AUTH failure (}: {@code LOGIN): error, user=u, relay=host [addr]}. */
    static boolean authFailure(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int rp = find(b, p, e, (byte) ')');
        if (rp < 0 || !at(b, rp, e, PAREN_COLON_SP)) {
            return false;
        }
        String mech = Words.of(b, p, rp);
        int es = rp + 3;
        int rel = findLast(b, es, e, COMMA_RELAY_EQ);
        int tail = rel < 0 ? e : rel;
        int u = findLast(b, es, tail, COMMA_USER_EQ);
        String user = u < 0 ? null : str(b, u + COMMA_USER_EQ.length, tail);
        int ee = u < 0 ? tail : u;
        Peer peer = null;
        if (rel >= 0 && rel + COMMA_RELAY_EQ.length < e) {
            peer = peer(b, rel + COMMA_RELAY_EQ.length, e);
        }
        out.accept(new AuthFailed(qid, "server", "unknown".equals(mech) ? null : mech, es < ee ? str(b, es, ee) : null,
                user, peer));
        return true;
    }
}
