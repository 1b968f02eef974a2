package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Endpoints.bracketEnd;
import static dev.mailtrace.postfix.Endpoints.client;
import static dev.mailtrace.postfix.Literals.AFTER_;
import static dev.mailtrace.postfix.Literals.COLON_SP;
import static dev.mailtrace.postfix.Literals.FROM_;
import static dev.mailtrace.postfix.Literals.K_SASL_METHOD;
import static dev.mailtrace.postfix.Literals.K_SASL_SENDER;
import static dev.mailtrace.postfix.Literals.K_SASL_USERNAME;

import java.util.function.Consumer;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.LogEvent;

/**
 * smtpd's session lines: {@code connect from}, {@code disconnect from} with its command counts,
 * {@code lost connection|timeout|too many errors after STAGE from CLIENT}, {@code SSL_accept error},
 * {@code improper command pipelining} and {@code QID: client=.., sasl_*=..}.
 */
final class SmtpdLines {

    private SmtpdLines() {
    }

    private static final byte[] APPROXIMATELY = ascii("approximately ");
    private static final byte[] COMMA_SP = ascii(", ");
    private static final byte[] K_ORIG_QUEUE_ID = ascii("orig_queue_id");
    private static final byte[] K_ORIG_CLIENT = ascii("orig_client");

    /** After {@code connect from }: {@code CLIENT}. */
    static boolean connect(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        out.accept(new Connect(client(b, p, ce), null, null, -1));
        return true;
    }

    /** After {@code disconnect from }: {@code CLIENT[ ehlo=1 mail=1 ... commands=N/N]}. */
    static boolean disconnect(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        CommandStats stats = ce + 1 < e && b[ce] == ' ' ? CommandStats.parse(b, ce + 1, e) : null;
        out.accept(new Disconnect(client(b, p, ce), stats));
        return true;
    }

    /** {@code (lost connection|timeout|too many errors|bare <LF> received) after STAGE[ (N bytes)] from CLIENT[: detail]}. */
    static boolean lostConnection(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int a = find(b, p, Math.min(e, p + 40), AFTER_);
        if (a < 0) {
            return false;
        }
        String error = Words.of(b, p, a);
        int st = a + AFTER_.length;
        int f = find(b, st, e, FROM_);
        if (f < 0) {
            return false;
        }
        int stageEnd = f;
        long bytes = -1;
        int paren = find(b, st, f, (byte) '(');
        if (paren > st && b[paren - 1] == ' ') {
            stageEnd = paren - 1;
            int n = paren + 1;
            if (at(b, n, f, APPROXIMATELY)) {
                n += APPROXIMATELY.length;
            }
            bytes = Bytes.number(b, n, Bytes.digits(b, n, f));
        }
        int c = f + FROM_.length;
        int ce = bracketEnd(b, c, e);
        if (ce < 0) {
            return false;
        }
        String detail = at(b, ce, e, COLON_SP) ? str(b, ce + 2, e) : null;
        out.accept(new LostConnection(qid, error, Words.of(b, st, stageEnd), bytes, client(b, c, ce), detail));
        return true;
    }

    /** After {@code SSL_accept error from }: {@code CLIENT[: DETAIL]}. */
    static boolean sslAcceptError(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        String detail = at(b, ce, e, COLON_SP) ? str(b, ce + 2, e) : null;
        out.accept(new LostConnection(null, "SSL_accept error", null, -1, client(b, p, ce), detail));
        return true;
    }

    /** After {@code improper command pipelining after }: {@code STAGE from CLIENT[: DATA]}. */
    static boolean improperPipelining(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int f = find(b, p, e, FROM_);
        if (f < 0) {
            return false;
        }
        int c = f + FROM_.length;
        int ce = bracketEnd(b, c, e);
        if (ce < 0) {
            return false;
        }
        String data = ce + 1 < e && b[ce] == ':' ? str(b, ce + (b[ce + 1] == ' ' ? 2 : 1), e) : null;
        out.accept(new ImproperPipelining(Words.of(b, p, f), client(b, c, ce), data));
        return true;
    }

    /**
     * After {@code client=}:
     * {@code CLIENT[, sasl_method=M, sasl_username=U, sasl_sender=S, orig_queue_id=Q, orig_client=C]}.
     */
    static boolean smtpdClient(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        Client client = client(b, p, ce);
        String saslMethod = null;
        String saslUsername = null;
        String saslSender = null;
        String origQueueId = null;
        Client origClient = null;
        p = ce;
        while (p + 1 < e && b[p] == ',' && b[p + 1] == ' ') {
            int k = p + 2;
            int eq = find(b, k, e, (byte) '=');
            if (eq < 0) {
                break;
            }
            int v = eq + 1;
            int ve = find(b, v, e, COMMA_SP);
            if (ve < 0) {
                ve = e;
            }
            if (is(b, k, eq, K_SASL_METHOD)) {
                saslMethod = Words.of(b, v, ve);
            } else if (is(b, k, eq, K_SASL_USERNAME)) {
                saslUsername = str(b, v, ve);
            } else if (is(b, k, eq, K_SASL_SENDER)) {
                saslSender = str(b, v, ve);
            } else if (is(b, k, eq, K_ORIG_QUEUE_ID)) {
                origQueueId = str(b, v, ve);
            } else if (is(b, k, eq, K_ORIG_CLIENT)) {
                int oe = bracketEnd(b, v, ve);
                origClient = oe < 0 ? null : client(b, v, oe);
            }
            p = ve;
        }
        out.accept(new SmtpdClient(qid, client, saslMethod, saslUsername, saslSender, origQueueId, origClient));
        return true;
    }
}
