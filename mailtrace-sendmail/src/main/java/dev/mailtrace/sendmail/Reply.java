package dev.mailtrace.sendmail;

import static dev.mailtrace.sendmail.Bytes.ascii;
import static dev.mailtrace.sendmail.Bytes.at;
import static dev.mailtrace.sendmail.Bytes.find;
import static dev.mailtrace.sendmail.Bytes.isDigit;
import static dev.mailtrace.sendmail.Bytes.str;

/**
 * The parts of the reply that follows {@code reject=} in ruleset and milter lines:
 * {@code 550 5.7.1 <a@example.org>... Relaying denied}. Made only for lines that refused.
 *
 * @param code the reply code, or -1
 * @param dsn the enhanced status code, or null
 * @param textStart where the text after code and enhanced status code starts: the line's end when
 *        nothing follows them, past it when the reply is a bare code or there is none
 */
record Reply(int code, String dsn, int textStart) {

    /** No reply: the line did not refuse. */
    private static final Reply NONE = new Reply(-1, null, Integer.MAX_VALUE);

    private static final byte[] DOTS_SP = ascii("... ");
    private static final byte[] GT_DOTS_SP = ascii(">... ");

    /** The reply starting at {@code p}, or none if {@code p} is negative. */
    static Reply parse(byte[] b, int p, int e) {
        if (p < 0) {
            return NONE;
        }
        int code = replyCode(b, p, e);
        int t = code >= 0 ? p + 4 : p;
        String dsn = null;
        int de = Bytes.dsnEnd(b, t, e);
        if (de > 0 && (de == e || b[de] == ' ')) {
            dsn = Words.of(b, t, de);
            t = Math.min(de + 1, e);
        }
        return new Reply(code, dsn, t);
    }

    /**
     * The refusal text, without the {@code <address>... } subject sendmail puts before it: empty
     * when the reply ends after its codes, null when it is a bare code or there is none.
     */
    String text(byte[] b, int e) {
        return textStart > e ? null : str(b, skipSubject(b, textStart, e), e);
    }

    /** The SMTP reply code at {@code p} ({@code 550 }, {@code 421-}), or -1. */
    static int replyCode(byte[] b, int p, int e) {
        if (e - p < 4) {
            return e - p == 3 ? codeDigits(b, p) : -1;
        }
        if (b[p + 3] != ' ' && b[p + 3] != '-' && b[p + 3] != ',') {
            return -1;
        }
        return codeDigits(b, p);
    }

    private static int codeDigits(byte[] b, int p) {
        byte c = b[p];
        if ((c == '2' || c == '4' || c == '5') && isDigit(b[p + 1]) && isDigit(b[p + 2])) {
            return (c - '0') * 100 + (b[p + 1] - '0') * 10 + (b[p + 2] - '0');
        }
        return -1;
    }

    /** Skips the {@code <address>... } subject sendmail puts before a refusal text, if any. */
    private static int skipSubject(byte[] b, int p, int e) {
        if (p < e && b[p] == '<') {
            int g = find(b, p, e, GT_DOTS_SP);
            return g < 0 ? p : g + GT_DOTS_SP.length;
        }
        int sp = find(b, p, e, (byte) ' ');
        if (sp > p + 3 && at(b, sp - 3, e, DOTS_SP)) {
            return sp + 1;
        }
        return p;
    }
}
