package dev.mailtrace.dovecot;

import static dev.mailtrace.dovecot.Bytes.ascii;
import static dev.mailtrace.dovecot.Bytes.at;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The byte scanner of the milter-greylist dialect, after milter-greylist.c's and autowhite.c's
 * {@code mg_log} formats (4.x, and the 1.x&ndash;3.x forms without queue id or host name).
 */
final class GreylistParser {

    private GreylistParser() {
    }

    private static final byte[] UNKNOWN_ID = ascii("(unknown id)");
    private static final byte[] LOCAL = ascii("(local)");
    private static final byte[] COLON_SPACE = ascii(": ");
    private static final byte[] ADDR = ascii("addr ");
    private static final byte[] FROM = ascii(" from ");
    private static final byte[] TO = ascii(" to ");
    private static final byte[] RCPT = ascii(" rcpt ");
    private static final byte[] DELAYED = ascii("delayed");
    private static final byte[] AFTER_DATA = ascii(" after DATA phase");
    private static final byte[] FOR = ascii(" for ");
    private static final byte[] BLACKLISTED = ascii("blacklisted");
    private static final byte[] AUTOWHITELISTED_FOR = ascii("autowhitelisted for ");
    private static final byte[] MORE = ascii("more ");
    private static final byte[] ANOTHER = ascii("another ");
    private static final byte[] ACL = ascii(" (ACL ");
    private static final byte[] SENDER_IP = ascii("Sender IP ");
    private static final byte[] AND_ADDRESS = ascii(" and address ");
    private static final byte[] SPF_COMPLIANT = ascii(" are SPF-compliant");
    private static final byte[] USER = ascii("User ");
    private static final byte[] AUTHENTICATED = ascii(" authenticated, bypassing greylisting");
    private static final byte[] STARTTLS = ascii("STARTTLS succeeded for DN=");
    private static final byte[] BYPASSING = ascii("bypassing greylisting");

    static boolean parse(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        if (s < 0 || e > b.length || s >= e) {
            return false;
        }
        e = Bytes.trimEnd(b, s, e);
        String queueId = null;
        int p = s;
        if (at(b, p, e, UNKNOWN_ID) && at(b, p + UNKNOWN_ID.length, e, COLON_SPACE)) {
            p += UNKNOWN_ID.length + 2;
        } else if (at(b, p, e, LOCAL) && at(b, p + LOCAL.length, e, COLON_SPACE)) {
            p += LOCAL.length + 2;
        } else {
            int q = Bytes.alnums(b, p, e);
            if (q - p >= 5 && at(b, q, e, COLON_SPACE) && hasDigit(b, p, q)) {
                queueId = Bytes.str(b, p, q);
                p = q + 2;
            }
        }
        if (verdict(b, p, e, queueId, out)) {
            return true;
        }
        if (p >= e) {
            return false;
        }
        out.accept(new FilterNotice(GreylistDialect.NOTICE, queueId, null, null, Bytes.str(b, p, e)));
        return true;
    }

    private static boolean hasDigit(byte[] b, int p, int e) {
        for (int i = p; i < e; i++) {
            if (Bytes.isDigit(b[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean verdict(byte[] b, int p, int e, String queueId, Consumer<? super LogEvent> out) {
        if (at(b, p, e, ADDR)) {
            int hs = p + ADDR.length;
            int he = Bytes.word(b, hs, e);
            if (!at(b, he, e, FROM)) {
                return false;
            }
            String host = null;
            String ip;
            if (he > hs && b[he - 1] == ']') {
                int open = Bytes.findLast(b, hs, he, (byte) '[');
                if (open < 0) {
                    return false;
                }
                host = Words.of(b, hs, open);
                ip = Words.of(b, open + 1, he - 1);
            } else {
                ip = Words.of(b, hs, he);
            }
            int fs = he + FROM.length;
            int fe = Bytes.word(b, fs, e);
            String sender = address(b, fs, fe);
            int ts;
            boolean rcptForm = at(b, fe, e, RCPT);
            if (rcptForm) {
                ts = fe + RCPT.length;
            } else if (at(b, fe, e, TO)) {
                ts = fe + TO.length;
            } else {
                // "addr host[ip] from <a> blacklisted (ACL n)"
                int rs = Bytes.skipSpaces(b, fe, e);
                if (at(b, rs, e, BLACKLISTED)) {
                    out.accept(new GreylistVerdict(queueId, "blacklisted", host, ip, sender, null, -1, -1,
                            acl(b, rs, e), false, null));
                    return true;
                }
                return false;
            }
            int te = Bytes.word(b, ts, e);
            int tEnd = rcptForm && te > ts && b[te - 1] == ':' ? te - 1 : te;
            String recipient = address(b, ts, tEnd);
            int rs = Bytes.skipSpaces(b, te, e);
            if (!rcptForm && at(b, rs, e, DELAYED)) {
                int q = rs + DELAYED.length;
                boolean afterData = at(b, q, e, AFTER_DATA);
                if (afterData) {
                    q += AFTER_DATA.length;
                }
                if (!at(b, q, e, FOR)) {
                    return false;
                }
                int ds = q + FOR.length;
                long delay = Bytes.hms(b, ds, Bytes.word(b, ds, e));
                out.accept(new GreylistVerdict(queueId, "greylisted", host, ip, sender, recipient, delay, -1,
                        acl(b, ds, e), afterData, null));
                return true;
            }
            if (!rcptForm && at(b, rs, e, BLACKLISTED)) {
                out.accept(new GreylistVerdict(queueId, "blacklisted", host, ip, sender, recipient, -1, -1,
                        acl(b, rs, e), false, null));
                return true;
            }
            if (rcptForm && at(b, rs, e, AUTOWHITELISTED_FOR)) {
                int ds = rs + AUTOWHITELISTED_FOR.length;
                if (at(b, ds, e, MORE)) {
                    ds += MORE.length;
                } else if (at(b, ds, e, ANOTHER)) {
                    ds += ANOTHER.length;
                }
                long valid = Bytes.hms(b, ds, Bytes.word(b, ds, e));
                out.accept(new GreylistVerdict(queueId, "autowhitelisted", host, ip, sender, recipient, -1, valid,
                        null, false, null));
                return true;
            }
            return false;
        }
        if (at(b, p, e, SENDER_IP)) {
            int is = p + SENDER_IP.length;
            int ie = Bytes.word(b, is, e);
            if (at(b, ie, e, AND_ADDRESS) && Bytes.find(b, ie, e, SPF_COMPLIANT) > 0) {
                int as = ie + AND_ADDRESS.length;
                int ae = Bytes.find(b, as, e, SPF_COMPLIANT);
                out.accept(new GreylistVerdict(queueId, "whitelisted", null, Words.of(b, is, ie), address(b, as, ae),
                        null, -1, -1, null, false, "spf"));
                return true;
            }
            return false;
        }
        if (at(b, p, e, USER) && Bytes.endsWith(b, p, e, AUTHENTICATED)) {
            out.accept(new GreylistVerdict(queueId, "whitelisted", null, null, null, null, -1, -1, null, false,
                    "auth"));
            return true;
        }
        if (at(b, p, e, STARTTLS) && Bytes.endsWith(b, p, e, BYPASSING)) {
            out.accept(new GreylistVerdict(queueId, "whitelisted", null, null, null, null, -1, -1, null, false,
                    "starttls"));
            return true;
        }
        return false;
    }

    /** The ACL of a trailing {@code (ACL 152)}, or null. */
    private static String acl(byte[] b, int p, int e) {
        int a = Bytes.find(b, p, e, ACL);
        if (a < 0 || b[e - 1] != ')') {
            return null;
        }
        return Words.of(b, a + ACL.length, e - 1);
    }

    private static String address(byte[] b, int p, int e) {
        if (e - p >= 2 && b[p] == '<' && b[e - 1] == '>') {
            return Bytes.str(b, p + 1, e - 1);
        }
        return p < e ? Bytes.str(b, p, e) : null;
    }
}
