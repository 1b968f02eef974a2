package dev.mailtrace.sendmail;

import static dev.mailtrace.sendmail.Bytes.ascii;
import static dev.mailtrace.sendmail.Bytes.at;
import static dev.mailtrace.sendmail.Bytes.endsWith;
import static dev.mailtrace.sendmail.Bytes.find;
import static dev.mailtrace.sendmail.Bytes.findLast;
import static dev.mailtrace.sendmail.Bytes.isLower;
import static dev.mailtrace.sendmail.Bytes.isUpper;
import static dev.mailtrace.sendmail.Bytes.str;
import static dev.mailtrace.sendmail.EnvelopeLines.address;
import static dev.mailtrace.sendmail.Peers.ip;
import static dev.mailtrace.sendmail.Peers.peer;
import static dev.mailtrace.sendmail.Peers.peerEnd;
import static dev.mailtrace.sendmail.Peers.skipSpaces;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The SMTP session's lines (srvrsmtp.c, util.c, collect.c, usersmtp.c, err.c): lines that begin with
 * the client ({@code host [addr]: EXPN root [rejected]}, {@code ... did not issue MAIL/EXPN/VRFY/ETRN}),
 * address errors, lost input channels and timeouts, greet_pause and tcpwrappers refusals, abuse,
 * {@code collect:} errors and size limits.
 */
final class SessionLines {

    private SessionLines() {
    }

    private static final byte[] DOTS_SP = ascii("... ");
    private static final byte[] GT_DOTS_SP = ascii(">... ");
    private static final byte[] SP_TO_ = ascii(" to ");
    private static final byte[] SP_AFTER_ = ascii(" after ");
    private static final byte[] SP_DURING_ = ascii(" during ");
    private static final byte[] DID_NOT_ISSUE = ascii(" did not issue ");
    private static final byte[] DURING_CONNECTION_TO = ascii(" during connection to ");
    private static final byte[] DUE_TO = ascii(" due to ");
    private static final byte[] PREGREET_AFTER = ascii("pre-greeting traffic after ");
    private static final byte[] REJECTED_SUFFIX = ascii(" [rejected]");
    private static final byte[] POSSIBLE_ATTACK = ascii("possible SMTP attack: command=");
    private static final byte[] COUNT_EQ = ascii(", count=");
    private static final byte[] OPEN_PROXY = ascii("probable open proxy: command=");
    private static final byte[] INPUT_TOO_LONG = ascii("SMTP violation, input too long: ");
    private static final byte[] RCPT_FLOOD = ascii("Possible SMTP RCPT flood, ");
    private static final byte[] PAREN_FROM = ascii(") from ");
    private static final byte[] SMTP_ = ascii("SMTP ");
    private static final byte[] PROTOCOL_ERROR = ascii(" protocol error: ");
    private static final byte[] COMMAND_PAREN = ascii(" command (");
    private static final byte[] TEMPFAILED = ascii(" tempfailed");
    private static final byte[] QUOTE_COMMAND_FROM = ascii("\" command from ");
    private static final byte[] PREMATURE_EOM = ascii("premature EOM: ");
    private static final byte[] ON_CONNECTION_FROM = ascii(" on connection from ");
    private static final byte[] COMMA_SENDER_EQ = ascii(", sender=");
    private static final byte[] COMMA_FROM_EQ = ascii(", from=");
    private static final byte[] DURING_COLLECT = ascii(" during message collect");
    private static final byte[] EXCEEDS_MAXIMUM = ascii(") exceeds maximum (");
    private static final byte[] RCPT = ascii("rcpt");
    private static final byte[] COLON_SP = ascii(": ");
    private static final byte[] COMMA_SP = ascii(", ");

    /** Lines that start with the SMTP client as sendmail writes it ({@code host [addr]: ...}). */
    static boolean clientLine(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int pe = peerEnd(b, p, e);
        if (pe <= p || pe >= e) {
            return false;
        }
        if (at(b, pe, e, DID_NOT_ISSUE)) {
            int d = find(b, pe, e, DURING_CONNECTION_TO);
            String daemon = d < 0 ? null : Words.of(b, d + DURING_CONNECTION_TO.length, e);
            out.accept(new NullConnection(qid, peer(b, p, pe), daemon));
            return true;
        }
        if (!at(b, pe, e, COLON_SP)) {
            return false;
        }
        int r = pe + 2;
        if (r >= e) {
            return false;
        }
        if (at(b, r, e, POSSIBLE_ATTACK)) {
            int cs = r + POSSIBLE_ATTACK.length;
            int c = find(b, cs, e, COUNT_EQ);
            long count = c < 0 ? -1 : Bytes.number(b, c + COUNT_EQ.length, e);
            out.accept(new SmtpAbuse(qid, "possible SMTP attack", peer(b, p, pe), Words.of(b, cs, c < 0 ? e : c), count,
                    null));
            return true;
        }
        if (at(b, r, e, OPEN_PROXY)) {
            out.accept(new SmtpAbuse(qid, "probable open proxy", peer(b, p, pe), str(b, r + OPEN_PROXY.length, e), -1,
                    null));
            return true;
        }
        if (at(b, r, e, INPUT_TOO_LONG)) {
            out.accept(new SmtpAbuse(qid, "input too long", peer(b, p, pe), null,
                    Bytes.number(b, r + INPUT_TOO_LONG.length, e), null));
            return true;
        }
        if (at(b, r, e, RCPT_FLOOD)) {
            int de = b[e - 1] == '.' ? e - 1 : e;
            out.accept(new SmtpAbuse(qid, "RCPT flood", peer(b, p, pe), null, -1,
                    str(b, r + RCPT_FLOOD.length, Math.max(r + RCPT_FLOOD.length, de))));
            return true;
        }
        if (at(b, r, e, SMTP_)) {
            int pr = find(b, r, e, PROTOCOL_ERROR);
            if (pr > r + SMTP_.length) {
                out.accept(new SmtpError(qid, peer(b, p, pe), Words.of(b, r + SMTP_.length, pr),
                        str(b, pr + PROTOCOL_ERROR.length, e)));
                return true;
            }
            return false;
        }
        return command(qid, b, p, pe, r, e, out);
    }

    /** {@code host [addr]: EXPN root [rejected]}, {@code ...: VRFY x}, {@code ...: ETRN example.org}. */
    private static boolean command(String qid, byte[] b, int p, int pe, int r, int e, Consumer<? super LogEvent> out) {
        int ce = r;
        while (ce < e && (isUpper(b[ce]) || isLower(b[ce]))) {
            ce++;
        }
        if (ce - r != 4 || !(ce == e || b[ce] == ' ')) {
            return false;
        }
        String cmd = upperCommand(b, r, ce);
        if (cmd == null) {
            return false;
        }
        String result = null;
        int ae = e;
        if (endsWith(b, r, e, REJECTED_SUFFIX)) {
            result = "rejected";
            ae = e - REJECTED_SUFFIX.length;
        }
        String arg = ce + 1 < ae ? str(b, ce + 1, ae) : null;
        out.accept(new SmtpCommand(qid, peer(b, p, pe), cmd, arg, result));
        return true;
    }

    /** EXPN, VRFY or ETRN in any case, as the shared upper-case constant; null for others. */
    private static String upperCommand(byte[] b, int p, int e) {
        int c0 = b[p] & 0xDF;
        int c1 = b[p + 1] & 0xDF;
        int c2 = b[p + 2] & 0xDF;
        int c3 = b[p + 3] & 0xDF;
        if (c0 == 'E' && c1 == 'X' && c2 == 'P' && c3 == 'N') {
            return "EXPN";
        }
        if (c0 == 'V' && c1 == 'R' && c2 == 'F' && c3 == 'Y') {
            return "VRFY";
        }
        if (c0 == 'E' && c1 == 'T' && c2 == 'R' && c3 == 'N') {
            return "ETRN";
        }
        return null;
    }

    /** {@code SMTP VRFY command (x) from host [addr] tempfailed (due to previous checks)}. */
    static boolean tempfailedCommand(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int c = find(b, p, e, COMMAND_PAREN);
        if (c <= p) {
            return false;
        }
        int f = findLast(b, c, e, PAREN_FROM);
        int t = findLast(b, c, e, TEMPFAILED);
        if (f < 0 || t < f) {
            return false;
        }
        int ps = f + PAREN_FROM.length;
        out.accept(new SmtpCommand(qid, ps < t ? peer(b, ps, t) : null, Words.of(b, p, c),
                str(b, c + COMMAND_PAREN.length, f), "tempfailed"));
        return true;
    }

    /** {@code "DEBUG" command from host [addr] (addr)}. */
    static boolean quotedCommand(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int q = find(b, p + 1, e, QUOTE_COMMAND_FROM);
        if (q <= p + 1) {
            return false;
        }
        int ps = q + QUOTE_COMMAND_FROM.length;
        int pe = ps < e ? peerEnd(b, ps, e) : -1;
        out.accept(new SmtpCommand(qid, pe > ps ? peer(b, ps, pe) : null, str(b, p + 1, q), null, null));
        return true;
    }

    /** {@code <-- EHLO example.org}: the command echo of LogLevel 15. */
    static boolean echo(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        if (p >= e) {
            return false;
        }
        int sp = find(b, p, e, (byte) ' ');
        int ce = sp < 0 ? e : sp;
        out.accept(new SmtpCommand(qid, null, Words.of(b, p, ce), sp < 0 || sp + 1 >= e ? null : str(b, sp + 1, e), null));
        return true;
    }

    /** {@code <user@example.org>... User unknown}, {@code root... No such user}. */
    static boolean addressError(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int as;
        int ae;
        int ts;
        if (b[p] == '<') {
            int g = find(b, p, e, GT_DOTS_SP);
            if (g < 0) {
                return false;
            }
            as = p + 1;
            ae = g;
            ts = g + GT_DOTS_SP.length;
        } else {
            int sp = find(b, p, e, (byte) ' ');
            if (sp < p + 4 || !at(b, sp - 3, e, DOTS_SP)) {
                return false;
            }
            as = p;
            ae = sp - 3;
            ts = sp + 1;
        }
        if (ts >= e) {
            return false;
        }
        out.accept(new AddressError(qid, str(b, as, ae), str(b, ts, e)));
        return true;
    }

    static boolean lostInput(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        p = skipSpaces(b, p, e);
        int pe = peerEnd(b, p, e);
        if (pe <= p) {
            return false;
        }
        String daemon = null;
        String after = null;
        int r = pe;
        if (at(b, r, e, SP_TO_)) {
            int a = find(b, r, e, SP_AFTER_);
            daemon = Words.of(b, r + SP_TO_.length, a < 0 ? e : a);
            r = a < 0 ? e : a;
        }
        if (at(b, r, e, SP_AFTER_)) {
            after = Words.of(b, r + SP_AFTER_.length, e);
        }
        out.accept(new LostConnection(qid, "lost input channel", peer(b, p, pe), null, daemon, after, null));
        return true;
    }

    static boolean timeout(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int d = findLast(b, p, e, SP_DURING_);
        int pe = d < 0 ? e : d;
        if (pe <= p) {
            return false;
        }
        Peer peer = peer(b, p, pe);
        String during = d < 0 ? null : Words.of(b, d + SP_DURING_.length, e);
        boolean outbound = during != null && during.startsWith("client");
        out.accept(new LostConnection(qid, "timeout waiting for input", outbound ? null : peer, outbound ? peer : null,
                null, null, during));
        return true;
    }

    static boolean pregreet(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int d = find(b, p, e, DUE_TO);
        if (d < 0) {
            return false;
        }
        int ps = skipSpaces(b, p, d);
        Peer peer = ps < d ? peer(b, ps, d) : null;
        int r = d + DUE_TO.length;
        int seconds = -1;
        if (at(b, r, e, PREGREET_AFTER)) {
            int ns = r + PREGREET_AFTER.length;
            seconds = Bytes.integer(b, ns, Bytes.digits(b, ns, e));
        }
        out.accept(new ConnectionReject(qid, "pregreet", peer, seconds, str(b, r, e)));
        return true;
    }

    static boolean tcpwrappers(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int c = find(b, p, e, COMMA_SP);
        int rp = find(b, p, e, (byte) ')');
        if (c < 0 || rp < c) {
            return false;
        }
        String host = c > p ? Words.of(b, p, c) : null;
        String ip = rp > c + 2 ? ip(b, c + 2, rp) : null;
        out.accept(new ConnectionReject(qid, "tcpwrappers", new Peer(null, host, ip, false), -1,
                "tcpwrappers rejection"));
        return true;
    }

    static boolean invalidDomain(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int f = findLast(b, p, e, PAREN_FROM);
        if (f < 0) {
            return false;
        }
        int ps = f + PAREN_FROM.length;
        out.accept(new SmtpAbuse(qid, "invalid domain name", ps < e ? peer(b, ps, e) : null, str(b, p, f), -1, null));
        return true;
    }

    static boolean collect(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        if (p >= e) {
            return false;
        }
        if (at(b, p, e, PREMATURE_EOM)) {
            out.accept(new Collect(qid, "premature EOM", null, null, -1, -1, str(b, p + PREMATURE_EOM.length, e)));
            return true;
        }
        int on = find(b, p, e, ON_CONNECTION_FROM);
        if (on < 0) {
            out.accept(new Collect(qid, str(b, p, e), null, null, -1, -1, null));
            return true;
        }
        int hs = on + ON_CONNECTION_FROM.length;
        int se = find(b, hs, e, COMMA_SENDER_EQ);
        int sl = COMMA_SENDER_EQ.length;
        if (se < 0) {
            se = find(b, hs, e, COMMA_FROM_EQ);
            sl = COMMA_FROM_EQ.length;
        }
        int he = se < 0 ? e : se;
        String sender = se < 0 ? null : address(b, se + sl, e);
        out.accept(new Collect(qid, str(b, p, on), hs < he ? peer(b, hs, he) : null, sender, -1, -1, null));
        return true;
    }

    /** {@code header overflow from HOST during message collect} and {@code headers too large}. */
    static boolean collectFrom(String qid, String error, long max, byte[] b, int p, int e,
            Consumer<? super LogEvent> out) {
        int d = findLast(b, p, e, DURING_COLLECT);
        int he = d < 0 ? e : d;
        out.accept(new Collect(qid, error, p < he ? peer(b, p, he) : null, null, -1, max, null));
        return true;
    }

    static boolean messageSize(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int x = find(b, p, e, EXCEEDS_MAXIMUM);
        if (x < 0) {
            return false;
        }
        long size = Bytes.number(b, p, x);
        int ms = x + EXCEEDS_MAXIMUM.length;
        int me = find(b, ms, e, (byte) ')');
        long max = Bytes.number(b, ms, me < 0 ? e : me);
        out.accept(new Collect(qid, "message size exceeds maximum", null, null, size, max, null));
        return true;
    }
}
