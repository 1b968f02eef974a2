package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.isDigit;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Bytes.wordEnd;
import static dev.mailtrace.postfix.Endpoints.bracketEnd;
import static dev.mailtrace.postfix.Endpoints.client;
import static dev.mailtrace.postfix.Endpoints.relay;
import static dev.mailtrace.postfix.Literals.AFTER_;
import static dev.mailtrace.postfix.Literals.COLON_SP;
import static dev.mailtrace.postfix.Literals.DISCARDING_EHLO;
import static dev.mailtrace.postfix.Literals.FOR_;
import static dev.mailtrace.postfix.Literals.FROM_;
import static dev.mailtrace.postfix.Literals.FROM_SP;
import static dev.mailtrace.postfix.Literals.SP_TO_;
import static dev.mailtrace.postfix.Literals.TO_;

import java.util.function.Consumer;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.LogEvent;

/**
 * postscreen's and tlsproxy's {@code CONNECT}/{@code DISCONNECT}, postscreen's verdicts
 * ({@code PASS NEW}, {@code DNSBL rank 3 for ..}, {@code PREGREET 11 after 0.1 from ..}, ...), its
 * discarded EHLO keywords and busy refusals, and dnsblog's listings.
 */
final class PostscreenLines {

    private PostscreenLines() {
    }

    private static final byte[][] PS_ACCESS = {ascii("PASS NEW "), ascii("PASS OLD "), ascii("WHITELISTED "),
        ascii("ALLOWLISTED "), ascii("BLACKLISTED "), ascii("DENYLISTED "), ascii("WHITELIST VETO "),
        ascii("ALLOWLIST VETO ")};
    private static final byte[][] PS_VIOLATION = {ascii("PREGREET"), ascii("HANGUP"), ascii("DNSBL"),
        ascii("COMMAND PIPELINING"), ascii("NON-SMTP COMMAND"), ascii("BARE NEWLINE"), ascii("COMMAND TIME LIMIT"),
        ascii("COMMAND COUNT LIMIT"), ascii("COMMAND LENGTH LIMIT"), ascii("DATA without valid RCPT"),
        ascii("BDAT without valid RCPT")};
    private static final byte[] RANK_ = ascii(" rank ");
    private static final byte[] IN_ = ascii(" in ");
    private static final byte[] LISTED_BY_DOMAIN = ascii(" listed by domain ");
    private static final byte[] AS_ = ascii(" as ");

    /** After {@code CONNECT }: {@code from CLIENT[ to SERVER]} (postscreen) or {@code to RELAY} (tlsproxy). */
    static boolean connect(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        boolean to = at(b, p, e, TO_);
        if (to) {
            p += TO_.length;
        } else if (at(b, p, e, FROM_SP)) {
            p += FROM_SP.length;
        }
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        if (to) {
            out.accept(new Connect(null, relay(b, p, ce), null, -1));
            return true;
        }
        String serverIp = null;
        int serverPort = -1;
        if (at(b, ce, e, SP_TO_)) {
            int ss = ce + SP_TO_.length;
            int se = bracketEnd(b, ss, e);
            if (se > 0) {
                Client server = client(b, ss, se);
                serverIp = server.ip();
                serverPort = server.port();
            }
        }
        out.accept(new Connect(client(b, p, ce), null, serverIp, serverPort));
        return true;
    }

    /** After {@code DISCONNECT }: {@code CLIENT}. */
    static boolean disconnect(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        out.accept(new Disconnect(client(b, p, ce), null));
        return true;
    }

    /**
     * A verdict on a client: {@code PASS NEW CLIENT}, {@code DNSBL rank 3 for CLIENT},
     * {@code PREGREET 11 after 0.1 from CLIENT: DATA}, ...
     */
    static boolean verdict(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        for (byte[] a : PS_ACCESS) {
            if (at(b, s, e, a)) {
                int p = s + a.length;
                int ce = bracketEnd(b, p, e);
                if (ce < 0) {
                    return false;
                }
                out.accept(new Postscreen(Words.of(b, s, s + a.length - 1), client(b, p, ce), -1, Double.NaN, -1,
                        null, null, null));
                return true;
            }
        }
        for (byte[] v : PS_VIOLATION) {
            if (at(b, s, e, v) && s + v.length < e && b[s + v.length] == ' ') {
                return violation(Words.of(b, s, s + v.length), b, s + v.length, e, out);
            }
        }
        return false;
    }

    /** After the verdict: {@code [ N][ rank N][ after T] (from|for) [ip]:port[ after CMD][: data| in PHASE]}. */
    private static boolean violation(String verdict, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int count = -1;
        int rank = -1;
        double elapsed = Double.NaN;
        if (at(b, p, e, RANK_)) {
            int rs = p + RANK_.length;
            p = Bytes.digits(b, rs, e);
            rank = Bytes.integer(b, rs, p);
        } else if (p + 1 < e && b[p] == ' ' && isDigit(b[p + 1])) {
            int cs = p + 1;
            p = Bytes.digits(b, cs, e);
            count = Bytes.integer(b, cs, p);
        }
        if (at(b, p, e, AFTER_)) {
            int ts = p + AFTER_.length;
            p = wordEnd(b, ts, e);
            elapsed = Bytes.decimal(b, ts, p);
        }
        if (at(b, p, e, FROM_)) {
            p += FROM_.length;
        } else if (at(b, p, e, FOR_)) {
            p += FOR_.length;
        } else {
            return false;
        }
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        Client client = client(b, p, ce);
        String stage = null;
        String data = null;
        String phase = null;
        p = ce;
        if (at(b, p, e, AFTER_)) {
            int ss = p + AFTER_.length;
            int se = find(b, ss, e, COLON_SP);
            if (se < 0) {
                se = b[e - 1] == ':' ? e - 1 : e;
            }
            stage = Words.of(b, ss, se);
            p = se;
        } else if (at(b, p, e, IN_)) {
            phase = Words.of(b, p + IN_.length, e);
            p = e;
        }
        if (p < e && b[p] == ':') {
            data = str(b, Math.min(p + 2, e), e);
        }
        out.accept(new Postscreen(verdict, client, count, elapsed, rank, stage, data, phase));
        return true;
    }

    /** {@code CLIENT: discarding EHLO keywords: KEYWORDS}. */
    static boolean ehloKeywordsDiscarded(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0 || !at(b, ce, e, COLON_SP) || !at(b, ce + 2, e, DISCARDING_EHLO)) {
            return false;
        }
        out.accept(new EhloKeywordsDiscarded(client(b, p, ce), str(b, ce + 2 + DISCARDING_EHLO.length, e)));
        return true;
    }

    /** postscreen {@code reject: connect from [192.0.2.1]:5555: all screening ports busy}. */
    static boolean busy(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ce = bracketEnd(b, p, e);
        if (ce < 0) {
            return false;
        }
        String text = at(b, ce, e, COLON_SP) ? str(b, ce + 2, e) : null;
        out.accept(new Reject(new SmtpdAction(null, "reject", "CONNECT", client(b, p, ce), -1, null, null, text, null,
                text, null, null, null, null, null, null, null)));
        return true;
    }

    /** dnsblog {@code addr IP listed by domain D as R}. */
    static boolean dnsblog(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int l = find(b, p, e, LISTED_BY_DOMAIN);
        if (l < 0) {
            return false;
        }
        int ds = l + LISTED_BY_DOMAIN.length;
        int as = find(b, ds, e, AS_);
        if (as < 0) {
            return false;
        }
        out.accept(new DnsblListing(str(b, p, l), Words.of(b, ds, as), Words.of(b, as + AS_.length, e)));
        return true;
    }
}
