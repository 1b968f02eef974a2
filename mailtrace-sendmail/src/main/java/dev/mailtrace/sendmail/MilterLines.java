package dev.mailtrace.sendmail;

import static dev.mailtrace.sendmail.Bytes.ascii;
import static dev.mailtrace.sendmail.Bytes.at;
import static dev.mailtrace.sendmail.Bytes.find;
import static dev.mailtrace.sendmail.Bytes.is;
import static dev.mailtrace.sendmail.Bytes.isLower;
import static dev.mailtrace.sendmail.Bytes.str;
import static dev.mailtrace.sendmail.EnvelopeLines.address;
import static dev.mailtrace.sendmail.EnvelopeLines.keyEnd;
import static dev.mailtrace.sendmail.EnvelopeLines.next;
import static dev.mailtrace.sendmail.EnvelopeLines.valueEnd;
import static dev.mailtrace.sendmail.Peers.skipSpaces;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/** The milter lines of milter.c and srvrsmtp.c: {@code Milter (name) ...}, {@code Milter: ...}, {@code milter=name, ...}. */
final class MilterLines {

    private MilterLines() {
    }

    private static final byte[] W_DISCARD = ascii("discard");
    private static final byte[] W_TEMPFAIL = ascii("tempfail");
    private static final byte[] W_DATA = ascii("data");
    private static final byte[] W_CONNECT = ascii("connect");
    private static final byte[] MILTER = ascii("Milter");
    private static final byte[] HEADER = ascii("header");
    private static final byte[] RCPT = ascii("rcpt");
    private static final byte[] BODY = ascii("body");
    private static final byte[] CHGFROM = ascii("chgfrom");
    private static final byte[] COLON_SP = ascii(": ");
    private static final byte[] COMMA_SP = ascii(", ");
    private static final byte[] SP_PAREN = ascii(" (");
    private static final byte[] SP_READ_PAREN = ascii(" read(");

    /** {@code Milter ...}: the state and action lines of milter.c and srvrsmtp.c. */
    static boolean milter(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int r = p + MILTER.length;
        String name = null;
        if (r + 1 < e && b[r] == ' ' && b[r + 1] == '(') {
            int close = find(b, r + 2, e, (byte) ')');
            if (close < 0) {
                return false;
            }
            name = str(b, r + 2, close);
            r = close + 1;
        } else if (at(b, r, e, SP_READ_PAREN)) {
            int close = find(b, r + 6, e, (byte) ')');
            if (close < 0) {
                return false;
            }
            name = str(b, r + 6, close);
            r = close + 1;
            if (at(b, r, e, COLON_SP)) {
                r += 2;
            }
            out.accept(milterEvent(qid, name, null, null, null, null, null, null, null, null, -1, null, null, null,
                    str(b, r, e)));
            return true;
        }
        if (at(b, r, e, COLON_SP)) {
            r += 2;
            if (name == null) {
                return milterColon(qid, b, r, e, out);
            }
            out.accept(new Milter(qid, name, null, null, null, null, null, null, null, null, -1, null, null, null,
                    str(b, r, e)));
            return true;
        }
        if (r >= e || b[r] != ' ') {
            return false;
        }
        // an action: "add: header: X: v", "change: header X: from a to b", "insert (0): header: ...",
        // "delete: rcpt <x>, naddrs=1", "chgfrom: <x>", "message: body replaced", "accept: message"
        int as = r + 1;
        int ae = as;
        while (ae < e && isLower(b[ae])) {
            ae++;
        }
        if (ae == as) {
            return false;
        }
        String action = Words.of(b, as, ae);
        int t = ae;
        if (at(b, t, e, SP_PAREN)) {
            int close = find(b, t, e, (byte) ')');
            t = close < 0 ? e : close + 1;
        }
        if (!at(b, t, e, COLON_SP)) {
            return false;
        }
        t += 2;
        String target = null;
        String headerName = null;
        String headerValue = null;
        String address = null;
        if (at(b, t, e, HEADER)) {
            target = "header";
            int h = t + HEADER.length;
            if (h < e && b[h] == 's') {
                h++;
            }
            if (h < e && b[h] == ':') {
                h++;
            }
            h = skipSpaces(b, h, e);
            int c = find(b, h, e, (byte) ':');
            if (c > h) {
                headerName = str(b, h, c);
                int vs = skipSpaces(b, c + 1, e);
                if (vs < e) {
                    headerValue = str(b, vs, e);
                }
            } else if (h < e) {
                int sp = find(b, h, e, (byte) ' ');
                headerName = str(b, h, sp < 0 ? e : sp);
            }
        } else if (at(b, t, e, RCPT)) {
            target = "rcpt";
            int a = t + RCPT.length;
            if (a < e && b[a] == ':') {
                a++;
            }
            a = skipSpaces(b, a, e);
            int c = find(b, a, e, COMMA_SP);
            address = a < e ? address(b, a, c < 0 ? e : c) : null;
        } else if (at(b, t, e, BODY)) {
            target = "body";
        } else if (is(b, as, ae, CHGFROM)) {
            address = t < e ? address(b, t, e) : null;
        }
        out.accept(new Milter(qid, name, action, null, target, headerName, headerValue, address, null, null, -1, null,
                null, null, str(b, as, e)));
        return true;
    }

    /**
     * After {@code Milter: }: {@code from=<x>, reject=...}, {@code to=<x>, discard}, {@code data,
     * reject=...}, {@code cmd=data, reject=...}, {@code connect: host=h, addr=a, reject=...},
     * {@code helo=h, reject=...}, or a state message ({@code no active filter}, ...).
     */
    private static boolean milterColon(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        if (p >= e) {
            return false;
        }
        String stage = null;
        String address = null;
        String helo = null;
        String host = null;
        String addr = null;
        String action = null;
        String response = null;
        int replyStart = -1;
        int r = p;
        if (at(b, r, e, W_CONNECT) && at(b, r + W_CONNECT.length, e, COLON_SP)) {
            stage = "CONNECT";
            r += W_CONNECT.length + 2;
        }
        boolean structured = false;
        while (r < e) {
            int k = keyEnd(b, r, e);
            if (k < 0) {
                int we = valueEnd(b, r, e);
                if (is(b, r, we, W_DISCARD)) {
                    action = "discard";
                    structured = true;
                } else if (is(b, r, we, W_TEMPFAIL)) {
                    action = "tempfail";
                    structured = true;
                } else if (is(b, r, we, W_DATA) && stage == null) {
                    stage = "END-OF-MESSAGE";
                }
                r = next(we, e);
                continue;
            }
            int v = k + 1;
            int key = Keys.of(b, r, k);
            if (key == Keys.REJECT) {
                action = "reject";
                replyStart = v;
                response = str(b, v, e);
                structured = true;
                break;
            }
            int ve = valueEnd(b, v, e);
            switch (key) {
                case Keys.FROM -> {
                    stage = "MAIL";
                    address = address(b, v, ve);
                }
                case Keys.TO -> {
                    stage = "RCPT";
                    address = address(b, v, ve);
                }
                case Keys.CMD -> stage = is(b, v, ve, W_DATA) ? "DATA" : Words.of(b, v, ve);
                case Keys.HELO -> {
                    stage = "HELO";
                    helo = str(b, v, ve);
                }
                case Keys.HOST -> host = str(b, v, ve);
                case Keys.ADDR -> addr = str(b, v, ve);
                default -> { }
            }
            r = next(ve, e);
        }
        Reply reply = Reply.parse(b, replyStart, e);
        int t = reply.textStart();
        String reasonText = t < e && b[t - 1] == ' ' ? reply.text(b, e) : null;
        Peer peer = host != null || addr != null ? new Peer(null, host, addr, false) : null;
        out.accept(milterEvent(qid, null, structured ? action : null, stage, null, null, null, address, peer, helo,
                reply.code(), reply.dsn(), reasonText, response, str(b, p, e)));
        return true;
    }

    /** {@code milter=NAME, action=A, reject=...}, {@code milter=NAME, discard}, {@code milter=NAME, quarantine=...}. */
    static boolean milterEq(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ne = valueEnd(b, p, e);
        if (ne <= p) {
            return false;
        }
        String name = str(b, p, ne);
        String stage = null;
        String action = null;
        String response = null;
        int replyStart = -1;
        int r = next(ne, e);
        while (r < e) {
            int k = keyEnd(b, r, e);
            if (k < 0) {
                int we = valueEnd(b, r, e);
                if (action == null || "reject".equals(action) && replyStart < 0) {
                    action = Words.of(b, r, we);
                }
                r = next(we, e);
                continue;
            }
            int v = k + 1;
            int key = Keys.of(b, r, k);
            if (key == Keys.REJECT) {
                action = "reject";
                replyStart = v;
                response = str(b, v, e);
                break;
            }
            if (key == Keys.QUARANTINE) {
                action = "quarantine";
                response = str(b, v, e);
                break;
            }
            int ve = valueEnd(b, v, e);
            if (key == Keys.ACTION) {
                stage = milterStage(b, v, ve);
            }
            r = next(ve, e);
        }
        if (action == null) {
            return false;
        }
        Reply reply = Reply.parse(b, replyStart, e);
        String reasonText = reply.textStart() < e ? reply.text(b, e) : null;
        out.accept(milterEvent(qid, name, action, stage, null, null, null, null, null, null, reply.code(), reply.dsn(),
                reasonText, response, str(b, next(ne, e), e)));
        return true;
    }

    /** The SMTP stage of a milter command name (milter.c {@code action=}). */
    private static String milterStage(byte[] b, int p, int e) {
        String a = Words.of(b, p, e);
        switch (a) {
            case "connect": return "CONNECT";
            case "helo": return "HELO";
            case "mail": case "envfrom": return "MAIL";
            case "rcpt": case "envrcpt": return "RCPT";
            case "data": return "DATA";
            case "header": case "eoh": case "body": case "eom": return "END-OF-MESSAGE";
            default: return a;
        }
    }

    /** {@code milter_data(NAME): ...}, {@code milter_read(NAME): ...}, ... */
    static boolean milterFunction(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int open = find(b, p, e, (byte) '(');
        int close = open < 0 ? -1 : find(b, open, e, (byte) ')');
        if (close < 0) {
            return false;
        }
        out.accept(new Milter(qid, str(b, open + 1, close), null, null, null, null, null, null, null, null, -1, null,
                null, null, str(b, p, e)));
        return true;
    }

    private static LogEvent milterEvent(String qid, String name, String action, String stage, String target,
            String headerName, String headerValue, String address, Peer peer, String helo, int code, String dsn,
            String reasonText, String response, String message) {
        Milter m = new Milter(qid, name, action, stage, target, headerName, headerValue, address, peer, helo, code, dsn,
                reasonText, response, message);
        return m.refused() ? new MilterReject(m) : m;
    }
}
