package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Bytes.wordEnd;
import static dev.mailtrace.postfix.Endpoints.client;
import static dev.mailtrace.postfix.Endpoints.clientEnd;
import static dev.mailtrace.postfix.Literals.COLON_SP;
import static dev.mailtrace.postfix.Literals.FROM_;
import static dev.mailtrace.postfix.Literals.NOQUEUE;

import java.util.function.Consumer;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.LogEvent;

/**
 * {@code warning:}, {@code error:}, {@code fatal:} and {@code panic:} lines of any daemon, with the
 * queue id and client they name, and SASL authentication failures.
 */
final class WarningLines {

    private WarningLines() {
    }

    private static final byte[] SASL_ = ascii("SASL ");
    private static final byte[] AUTHENTICATION_FAILED = ascii(" authentication failed");
    private static final byte[] SASL_USERNAME_PART = ascii(", sasl_username=");
    private static final byte[] HOSTNAME_ = ascii("hostname ");
    private static final byte[] DOES_NOT_RESOLVE = ascii(" does not resolve to address ");
    private static final byte[] ADDRESS_NOT_LISTED = ascii(": address not listed for hostname ");
    private static final byte[] COLON_HOSTNAME = ascii(": hostname ");

    /** The text after a {@code level: } prefix, which may start with a queue id. */
    static boolean warning(String level, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        return warning(level, b, p, e, null, out);
    }

    /**
     * A warning of the message {@code qid} (null: read a queue id from the text); the client it
     * names and SASL failures are read from the text.
     */
    static boolean warning(String level, byte[] b, int p, int e, String qid, Consumer<? super LogEvent> out) {
        if (qid == null) {
            int q = QueueIdDispatch.queueIdEnd(b, p, e);
            if (q > 0 && !is(b, p, q, NOQUEUE)) {
                qid = str(b, p, q);
                p = q + 2;
            }
        }
        Client client = null;
        int ce = clientEnd(b, p, e);
        if (ce > 0 && at(b, ce, e, COLON_SP)) {
            client = client(b, p, ce);
            p = ce + 2;
            if (at(b, p, e, SASL_)) {
                int ms = p + SASL_.length;
                int af = find(b, ms, e, AUTHENTICATION_FAILED);
                if (af > ms) {
                    int rs = af + AUTHENTICATION_FAILED.length;
                    if (rs < e && b[rs] == ':') {
                        rs = Math.min(rs + 2, e);
                    }
                    int un = find(b, rs, e, SASL_USERNAME_PART);
                    String user = un < 0 ? null : str(b, un + SASL_USERNAME_PART.length, e);
                    out.accept(new SaslAuthFailed(level, str(b, p, e), client, Words.of(b, ms, af),
                            str(b, rs, un < 0 ? e : un), user));
                    return true;
                }
            }
        } else {
            client = embeddedClient(b, p, e);
        }
        out.accept(new Warning(qid, level, client, str(b, p, e)));
        return true;
    }

    /** The client a warning names in its text, or null. */
    private static Client embeddedClient(byte[] b, int p, int e) {
        if (at(b, p, e, HOSTNAME_)) {
            int hs = p + HOSTNAME_.length;
            int he = wordEnd(b, hs, e);
            if (at(b, he, e, DOES_NOT_RESOLVE)) {
                int as = he + DOES_NOT_RESOLVE.length;
                int ae = as;
                while (ae < e && b[ae] != ' ' && !(b[ae] == ':' && (ae + 1 == e || b[ae + 1] == ' '))) {
                    ae++;
                }
                if (Bytes.isIp(b, as, ae)) {
                    return new Client(str(b, hs, he), str(b, as, ae), -1);
                }
            }
            return null;
        }
        int colon = find(b, p, Math.min(e, p + 46), COLON_SP);
        if (colon > p && Bytes.isIp(b, p, colon)) {
            int hs = -1;
            if (at(b, colon, e, ADDRESS_NOT_LISTED)) {
                hs = colon + ADDRESS_NOT_LISTED.length;
            } else if (at(b, colon, e, COLON_HOSTNAME)) {
                hs = colon + COLON_HOSTNAME.length;
            }
            return new Client(hs < 0 ? null : str(b, hs, wordEnd(b, hs, e)), str(b, p, colon), -1);
        }
        int f = find(b, p, Math.min(e, p + 200), FROM_);
        if (f >= 0) {
            int cs = f + FROM_.length;
            int ce = clientEnd(b, cs, e);
            if (ce > 0) {
                return client(b, cs, ce);
            }
        }
        return null;
    }
}
