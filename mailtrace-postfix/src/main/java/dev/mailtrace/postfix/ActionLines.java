package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.findLast;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.isDigit;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Endpoints.bracketEnd;
import static dev.mailtrace.postfix.Endpoints.client;
import static dev.mailtrace.postfix.EnvelopeTail.kvStart;
import static dev.mailtrace.postfix.Literals.COLON_SP;
import static dev.mailtrace.postfix.Literals.FROM_;

import java.util.function.Consumer;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.LogEvent;

/**
 * {@code QID|NOQUEUE: ACTION: ...} lines: smtpd access decisions ({@code reject: RCPT from ..}),
 * cleanup's header and body checks, milter actions, and the before-queue proxy's
 * {@code proxy-accept|proxy-reject: ...}.
 */
final class ActionLines {

    private ActionLines() {
    }

    private static final byte[] MILTER_ = ascii("milter-");
    private static final byte[] HEADER_ = ascii("header-");
    private static final byte[] BODY_ = ascii("body-");
    private static final byte[] END_OF_MESSAGE = ascii("END-OF-MESSAGE");
    private static final byte[] WARNING = ascii("warning");
    private static final byte[][] CHECKS = {ascii("header "), ascii("body "), ascii("content "), ascii("mime-error ")};
    private static final byte[] SP_CONTENT = ascii(" content");

    /** {@code ACTION: ...} after a queue id: smtpd checks, cleanup header/body checks, milters, warnings. */
    static boolean parse(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int w = p;
        while (w < e && (Bytes.isLower(b[w]) || b[w] == '_' || b[w] == '-')) {
            w++;
        }
        if (w == p || w - p > 32 || !at(b, w, e, COLON_SP)) {
            return false;
        }
        int r = w + 2;
        if (at(b, p, w, MILTER_)) {
            int a = p + MILTER_.length;
            if (at(b, a, w, HEADER_) || at(b, a, w, BODY_)) {
                return contentCheck(qid, Words.of(b, a, w), true, b, r, e, out);
            }
            if (milterStage(b, r, e)) {
                return milterEom(qid, Words.of(b, a, w), b, r, e, out);
            }
            return smtpdAction(qid, Words.of(b, p, w), b, r, e, out);
        }
        if (isContentCheck(b, r, e)) {
            return contentCheck(qid, Words.of(b, p, w), false, b, r, e, out);
        }
        if (smtpdAction(qid, Words.of(b, p, w), b, r, e, out)) {
            return true;
        }
        if (is(b, p, w, WARNING)) {
            return WarningLines.warning("warning", b, r, e, qid, out);
        }
        return false;
    }

    private static boolean isContentCheck(byte[] b, int p, int e) {
        for (byte[] c : CHECKS) {
            if (at(b, p, e, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean milterStage(byte[] b, int p, int e) {
        return at(b, p, e, END_OF_MESSAGE) && at(b, p + END_OF_MESSAGE.length, e, FROM_);
    }

    /**
     * {@code STAGE from CLIENT: REPLY; from=<..> to=<..> proto=.. helo=<..>} after
     * {@code QID|NOQUEUE: ACTION: }: an smtpd (or postscreen) access decision.
     */
    private static boolean smtpdAction(String qid, String action, byte[] b, int p, int e,
            Consumer<? super LogEvent> out) {
        int f = find(b, p, Math.min(e, p + 40), FROM_);
        if (f <= p) {
            return false;
        }
        if (!isStage(b, p, f)) {
            return false;
        }
        int c = f + FROM_.length;
        int ce = bracketEnd(b, c, e);
        if (ce < 0) {
            return false;
        }
        int t;
        if (ce == e) {
            t = e;
        } else if (at(b, ce, e, COLON_SP)) {
            t = ce + 2;
        } else if (b[ce] == ':' && ce + 1 == e) {
            t = e;
        } else {
            return false;
        }
        int k = kvStart(b, t, e);
        SmtpReply reply = new SmtpReply();
        reply.parse(b, t, k < 0 ? e : k);
        EnvelopeTail kv = new EnvelopeTail();
        if (k >= 0) {
            kv.parse(b, k + 1, e);
        }
        SmtpdAction a = new SmtpdAction(qid, action, Words.of(b, p, f), client(b, c, ce), reply.code, reply.dsn,
                reply.target, reply.reasonText, reply.rblDomain, reply.response, kv.from, kv.to, kv.proto, kv.helo,
                kv.saslMethod, kv.saslUsername, kv.saslSender);
        switch (action) {
            case "reject":
            case "milter-reject":
            case "hangup":
            case "abort":
                out.accept(new Reject(a));
                break;
            default:
                out.accept(a);
                break;
        }
        return true;
    }

    /** An smtpd stage: {@code RCPT}, {@code END-OF-MESSAGE}, {@code DATA content}, ... */
    private static boolean isStage(byte[] b, int p, int e) {
        if (Bytes.endsWith(b, p, e, SP_CONTENT)) {
            e -= SP_CONTENT.length;
        }
        if (p >= e) {
            return false;
        }
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (!(Bytes.isUpper(c) || c == '-' || c == '.' || isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    /** {@code proxy-accept: END-OF-MESSAGE: 250 2.0.0 Ok: queued as X; from=<..> ...}. */
    static boolean proxy(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int c = find(b, p, Math.min(e, p + 10), COLON_SP);
        if (c < 0) {
            return false;
        }
        String action = Words.of(b, p, c);
        int st = c + 2;
        int se = find(b, st, Math.min(e, st + 40), (byte) ':');
        if (se < 0) {
            return false;
        }
        int t = Math.min(se + 2, e);
        int k = kvStart(b, se + 1, e);
        int te = k < 0 ? e : k;
        if (t > te) {
            t = te;
        }
        SmtpReply reply = new SmtpReply();
        reply.parse(b, t, te);
        EnvelopeTail kv = new EnvelopeTail();
        if (k >= 0) {
            kv.parse(b, k + 1, e);
        }
        String response = reply.response == null ? "" : reply.response;
        Proxy proxy = new Proxy(action, Words.of(b, st, se), reply.code, reply.dsn, reply.reasonText, response,
                DeliveryLines.queuedAs(b, t, te), kv.from, kv.to, kv.proto, kv.helo, kv.saslMethod, kv.saslUsername,
                kv.saslSender);
        out.accept(proxy.rejected() ? new ProxyReject(proxy) : proxy);
        return true;
    }

    /**
     * {@code CHECK TEXT from ORIGIN; from=<..> to=<..> proto=.. helo=<..>[: ACTION_TEXT]} (cleanup)
     * or {@code CHECK TEXT[: ACTION_TEXT]} (smtp_header_checks).
     */
    private static boolean contentCheck(String qid, String action, boolean milter, byte[] b, int p, int e,
            Consumer<? super LogEvent> out) {
        int sp = find(b, p, e, (byte) ' ');
        if (sp < 0) {
            return false;
        }
        String check = Words.of(b, p, sp);
        int ts = sp + 1;
        int k = kvStart(b, ts, e);
        String text;
        String message;
        Client client = null;
        String origin = null;
        EnvelopeTail kv = new EnvelopeTail();
        String actionText = null;
        if (k >= 0) {
            int f = findLast(b, ts, k, FROM_);
            int oe = k;
            if (f >= 0) {
                int os = f + FROM_.length;
                int be = bracketEnd(b, os, k);
                if (be == k) {
                    client = client(b, os, be);
                } else {
                    origin = Words.of(b, os, k);
                }
                text = str(b, ts, f);
            } else {
                text = str(b, ts, oe);
            }
            message = str(b, p, k);
            kv.parse(b, k + 1, e);
            if (at(b, kv.end, e, COLON_SP)) {
                actionText = str(b, kv.end + 2, e);
            }
        } else {
            text = str(b, ts, e);
            message = str(b, p, e);
        }
        SmtpReply reply = new SmtpReply();
        boolean refusal = action.equals("reject") || action.endsWith("-reject");
        if (refusal && actionText != null) {
            int ae = kv.end + 2;
            reply.parse(b, ae, e);
        }
        if (milter) {
            Milter m = new Milter(qid, action, null, check, text, message, client, reply.code, reply.dsn,
                    reply.reasonText, kv.from, kv.to, kv.proto, kv.helo, actionText);
            out.accept(m.rejected() ? new MilterReject(m) : m);
        } else {
            HeaderCheck h = new HeaderCheck(qid, action, check, text, message, client, origin, reply.code, reply.dsn,
                    reply.reasonText, kv.from, kv.to, kv.proto, kv.helo, actionText);
            out.accept(h.rejected() ? new HeaderCheckReject(h) : h);
        }
        return true;
    }

    /** {@code milter-ACTION: END-OF-MESSAGE from CLIENT: TEXT; from=<..> ...} (cleanup). */
    private static boolean milterEom(String qid, String action, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int f = p + END_OF_MESSAGE.length;
        int c = f + FROM_.length;
        int ce = bracketEnd(b, c, e);
        if (ce < 0) {
            return false;
        }
        int t = at(b, ce, e, COLON_SP) ? ce + 2 : ce;
        int k = kvStart(b, t, e);
        int te = k < 0 ? e : k;
        SmtpReply reply = new SmtpReply();
        reply.parse(b, t, te);
        EnvelopeTail kv = new EnvelopeTail();
        if (k >= 0) {
            kv.parse(b, k + 1, e);
        }
        Milter m = new Milter(qid, action, "END-OF-MESSAGE", null, null, str(b, p, te), client(b, c, ce), reply.code,
                reply.dsn, reply.reasonText, kv.from, kv.to, kv.proto, kv.helo, null);
        out.accept(m.rejected() ? new MilterReject(m) : m);
        return true;
    }
}
