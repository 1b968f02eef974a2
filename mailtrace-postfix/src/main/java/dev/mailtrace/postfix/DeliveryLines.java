package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.findLast;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Endpoints.closeAngle;
import static dev.mailtrace.postfix.Endpoints.relay;
import static dev.mailtrace.postfix.Literals.K_TO;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * Delivery attempts of smtp, lmtp, local, virtual, pipe, error and discard:
 * {@code QID: to=<..>, [orig_to=<..>, ]relay=.., delay=.., delays=a/b/c/d, dsn=.., status=.. (reply)},
 * and the queue id the next hop gave the message in its reply.
 */
final class DeliveryLines {

    private DeliveryLines() {
    }

    private static final byte[] K_ORIG_TO = ascii("orig_to");
    private static final byte[] K_RELAY = ascii("relay");
    private static final byte[] K_CONN_USE = ascii("conn_use");
    private static final byte[] K_DELAY = ascii("delay");
    private static final byte[] K_DELAYS = ascii("delays");
    private static final byte[] K_TLS = ascii("tls");
    private static final byte[] K_DSN = ascii("dsn");
    private static final byte[] K_STATUS = ascii("status");
    private static final byte[] QUEUED_AS_ = ascii("queued as ");
    private static final byte[] SAVED = ascii(" Saved");
    private static final byte[] FORWARDED_AS = ascii("forwarded as ");
    private static final byte[] MESSAGE_ACCEPTED = ascii(" Message accepted for delivery");
    private static final byte[] OK_ID = ascii("OK id=");

    /**
     * {@code to=<..>, orig_to=<..>, relay=.., conn_use=N, delay=N, delays=a/b/c/d, tls=.., dsn=.., status=S (REPLY)}:
     * the keys before {@code status} in any order.
     */
    static boolean delivery(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        String to = null;
        String origTo = null;
        Relay relay = null;
        int connUse = -1;
        double delay = Double.NaN;
        double d1 = Double.NaN;
        double d2 = Double.NaN;
        double d3 = Double.NaN;
        double d4 = Double.NaN;
        TlsFeatures tls = null;
        String dsn = null;
        String status = null;
        String response = null;
        String queuedAs = null;
        while (p < e) {
            int eq = p;
            while (eq < e && (Bytes.isLower(b[eq]) || b[eq] == '_')) {
                eq++;
            }
            if (eq == p || eq >= e || b[eq] != '=') {
                return false;
            }
            int v = eq + 1;
            if (is(b, p, eq, K_STATUS)) {
                int we = v;
                while (we < e && b[we] != ' ' && b[we] != ',') {
                    we++;
                }
                status = Words.of(b, v, we);
                if (we + 1 < e && b[we] == ' ' && b[we + 1] == '(') {
                    int re = b[e - 1] == ')' ? e - 1 : e;
                    response = str(b, we + 2, re);
                    queuedAs = queuedAs(b, we + 2, re);
                } else if (we < e && b[we] == ',') {
                    // "status=expired, returned to sender" and the like
                    response = str(b, Math.min(we + 2, e), e);
                }
                break;
            }
            int ve;
            boolean angle = v < e && b[v] == '<';
            if (angle) {
                int gt = closeAngle(b, v + 1, e);
                ve = gt < 0 ? e : gt + 1;
            } else {
                ve = find(b, v, e, (byte) ',');
                if (ve < 0) {
                    ve = e;
                }
            }
            if (is(b, p, eq, K_TO)) {
                to = angle ? str(b, v + 1, ve - 1) : str(b, v, ve);
            } else if (is(b, p, eq, K_ORIG_TO)) {
                origTo = angle ? str(b, v + 1, ve - 1) : str(b, v, ve);
            } else if (is(b, p, eq, K_RELAY)) {
                relay = relay(b, v, ve);
            } else if (is(b, p, eq, K_CONN_USE)) {
                connUse = Bytes.integer(b, v, ve);
            } else if (is(b, p, eq, K_DELAY)) {
                delay = Bytes.decimal(b, v, ve);
            } else if (is(b, p, eq, K_DELAYS)) {
                int s1 = find(b, v, ve, (byte) '/');
                int s2 = s1 < 0 ? -1 : find(b, s1 + 1, ve, (byte) '/');
                int s3 = s2 < 0 ? -1 : find(b, s2 + 1, ve, (byte) '/');
                if (s3 > 0) {
                    d1 = Bytes.decimal(b, v, s1);
                    d2 = Bytes.decimal(b, s1 + 1, s2);
                    d3 = Bytes.decimal(b, s2 + 1, s3);
                    d4 = Bytes.decimal(b, s3 + 1, ve);
                }
            } else if (is(b, p, eq, K_TLS)) {
                tls = TlsFeatures.parse(b, v, ve);
            } else if (is(b, p, eq, K_DSN)) {
                dsn = Words.of(b, v, ve);
            }
            // the separator ", "
            p = ve;
            if (p + 1 < e && b[p] == ',' && b[p + 1] == ' ') {
                p += 2;
            } else {
                return false;
            }
        }
        if (to == null || status == null) {
            return false;
        }
        out.accept(new Delivery(qid, to, origTo, relay, connUse, delay, d1, d2, d3, d4, tls, dsn, status, response,
                queuedAs));
        return true;
    }

    /**
     * The queue id a next hop reports in its reply: {@code ... queued as 4dFwzS0zFVz3xHS} (the last
     * one, so amavis' {@code from MTA(...): 250 2.0.0 Ok: queued as X} gives the reinjected id),
     * LMTP {@code <user@example.org> Bp6VKJkD2l+LBQAAh/fGkg Saved}, local {@code forwarded as X},
     * sendmail {@code 2.0.0 x8J9e3dO012345 Message accepted for delivery}, exim {@code OK id=1kABCD-0001Ab-Cd}.
     */
    static String queuedAs(byte[] b, int p, int e) {
        int q = findLast(b, p, e, QUEUED_AS_);
        if (q >= 0) {
            return token(b, q + QUEUED_AS_.length, e);
        }
        q = findLast(b, p, e, FORWARDED_AS);
        if (q >= 0) {
            return token(b, q + FORWARDED_AS.length, e);
        }
        int end = Bytes.endsWith(b, p, e, SAVED) ? e - SAVED.length : -1;
        if (end < 0) {
            int m = find(b, p, e, MESSAGE_ACCEPTED);
            end = m;
        }
        if (end > p) {
            int sp = findLast(b, p, end, (byte) ' ');
            if (sp >= p && sp + 1 < end && b[sp + 1] != '<') {
                return str(b, sp + 1, end);
            }
            return null;
        }
        q = find(b, p, e, OK_ID);
        if (q >= 0) {
            return token(b, q + OK_ID.length, e);
        }
        return null;
    }

    /** The run of queue-id characters at {@code p} ({@code [0-9A-Za-z-]}), or null if empty. */
    private static String token(byte[] b, int p, int e) {
        int t = p;
        while (t < e && (Bytes.isAlnum(b[t]) || b[t] == '-')) {
            t++;
        }
        return t == p ? null : str(b, p, t);
    }
}
