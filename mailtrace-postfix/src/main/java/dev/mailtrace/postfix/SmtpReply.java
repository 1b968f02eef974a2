package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;
import static dev.mailtrace.postfix.Bytes.at;
import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.isDigit;
import static dev.mailtrace.postfix.Bytes.str;
import static dev.mailtrace.postfix.Literals.COLON_SP;

/** An SMTP reply or refusal text: {@code [CODE ][DSN ][<target>: ]text}, read by {@link #parse}. */
final class SmtpReply {

    private static final byte[] GT_COLON = ascii(">:");
    private static final byte[] SP_LBRACKET = ascii(" [");
    private static final byte[] RBRACKET_SP = ascii("] ");
    private static final byte[] SERVICE_UNAVAILABLE = ascii("Service unavailable; ");
    private static final byte[] BLOCKED_USING = ascii("blocked using ");

    int code = -1;
    String dsn;
    String target;
    String reasonText;
    String rblDomain;
    String response;

    /** Reads the reply {@code b[t, k)}; an empty range leaves every part absent. */
    void parse(byte[] b, int t, int k) {
        if (t >= k) {
            return;
        }
        response = str(b, t, k);
        int p = t;
        if (k - p >= 3 && isDigit(b[p]) && isDigit(b[p + 1]) && isDigit(b[p + 2])
                && (k - p == 3 || b[p + 3] == ' ')) {
            code = (b[p] - '0') * 100 + (b[p + 1] - '0') * 10 + (b[p + 2] - '0');
            p = Math.min(p + 4, k);
        }
        int d = Bytes.dsnEnd(b, p, k);
        if (d > 0 && (d == k || b[d] == ' ')) {
            dsn = Words.of(b, p, d);
            p = Math.min(d + 1, k);
        }
        if (p < k && b[p] == '<') {
            int gt = find(b, p + 1, k, GT_COLON);
            if (gt >= 0) {
                target = str(b, p + 1, gt);
                p = Math.min(gt + 2, k);
                while (p < k && b[p] == ' ') {
                    p++;
                }
            }
        } else if (at(b, p, k, COLON_SP)) {
            p += 2;
        }
        if (at(b, p, k, SERVICE_UNAVAILABLE)) {
            int lb = find(b, p + SERVICE_UNAVAILABLE.length, k, SP_LBRACKET);
            int rb = lb < 0 ? -1 : find(b, lb + 2, k, RBRACKET_SP);
            if (rb > 0) {
                target = str(b, lb + 2, rb);
                p = rb + 2;
                if (at(b, p, k, BLOCKED_USING)) {
                    int ds = p + BLOCKED_USING.length;
                    int de = find(b, ds, k, (byte) ';');
                    rblDomain = Words.of(b, ds, de < 0 ? k : de);
                }
            }
        }
        reasonText = p == t ? response : str(b, p, k);
    }
}
