package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Endpoints.closeAngle;
import static dev.mailtrace.postfix.Literals.K_SASL_METHOD;
import static dev.mailtrace.postfix.Literals.K_SASL_SENDER;
import static dev.mailtrace.postfix.Literals.K_SASL_USERNAME;
import static dev.mailtrace.postfix.Literals.K_TO;

/**
 * The {@code key=value} tail of smtpd, cleanup and postscreen lines
 * ({@code ; from=<..> to=<..> proto=.. helo=<..>} and the SASL keys), read by {@link #parse}.
 */
final class EnvelopeTail {

    private static final byte[] K_FROM = ascii("from");
    private static final byte[] K_PROTO = ascii("proto");
    private static final byte[] K_HELO = ascii("helo");
    private static final byte[][] KV_KEYS = {ascii(" from=<"), ascii(" to=<"), ascii(" proto="), ascii(" helo=<"),
        ascii(" helo="), ascii(" sasl_")};

    /** The index of the {@code ;} that starts the {@code from=<..> to=<..> proto=.. helo=<..>} tail, or -1. */
    static int kvStart(byte[] b, int p, int e) {
        for (int i = find(b, p, e, (byte) ';'); i >= 0; i = find(b, i + 1, e, (byte) ';')) {
            for (byte[] k : KV_KEYS) {
                if (at(b, i + 1, e, k)) {
                    return i;
                }
            }
        }
        return -1;
    }

    String from;
    String to;
    String proto;
    String helo;
    String saslMethod;
    String saslUsername;
    String saslSender;
    /** Where reading stopped: after the last value, at what follows the tail (cleanup's {@code : TEXT}). */
    int end;

    /** Reads the {@code key=value} pairs of {@code b[p, e)} (after the {@code ;}) up to the first that is none. */
    void parse(byte[] b, int p, int e) {
        end = p;
        while (p < e) {
            while (p < e && (b[p] == ' ' || b[p] == ',')) {
                p++;
            }
            int ks = p;
            while (p < e && (Bytes.isLower(b[p]) || b[p] == '_')) {
                p++;
            }
            if (p == ks || p >= e || b[p] != '=') {
                return;
            }
            int ke = p;
            int v = p + 1;
            int vs;
            int ve;
            if (v < e && b[v] == '<') {
                int gt = closeAngle(b, v + 1, e);
                vs = v + 1;
                ve = gt < 0 ? e : gt;
                p = gt < 0 ? e : gt + 1;
            } else {
                vs = v;
                ve = v;
                while (ve < e && b[ve] != ' ' && b[ve] != ',' && b[ve] != ';'
                        && !(b[ve] == ':' && (ve + 1 == e || b[ve + 1] == ' '))) {
                    ve++;
                }
                p = ve;
            }
            if (is(b, ks, ke, K_FROM)) {
                from = str(b, vs, ve);
            } else if (is(b, ks, ke, K_TO)) {
                to = str(b, vs, ve);
            } else if (is(b, ks, ke, K_PROTO)) {
                proto = Words.of(b, vs, ve);
            } else if (is(b, ks, ke, K_HELO)) {
                helo = str(b, vs, ve);
            } else if (is(b, ks, ke, K_SASL_METHOD)) {
                saslMethod = Words.of(b, vs, ve);
            } else if (is(b, ks, ke, K_SASL_USERNAME)) {
                saslUsername = str(b, vs, ve);
            } else if (is(b, ks, ke, K_SASL_SENDER)) {
                saslSender = str(b, vs, ve);
            }
            end = p;
        }
    }
}
