package dev.mailtrace.dovecot;

import static dev.mailtrace.dovecot.Bytes.ascii;
import static dev.mailtrace.dovecot.Bytes.at;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The byte scanner of the MailScanner dialect, after MailScanner 4/5's {@code InfoLog} and
 * {@code NoticeLog} formats (Message.pm, SweepViruses.pm, PFDiskStore.pm). MailScanner's message id
 * is the MTA's queue id, with a {@code .XXXXX} suffix for postfix's short queue ids.
 */
final class MailScannerParser {

    private MailScannerParser() {
    }

    private static final byte[] MESSAGE = ascii("Message ");
    private static final byte[] FROM = ascii(" from ");
    private static final byte[] TO = ascii(" to ");
    private static final byte[] IS = ascii(" is ");
    private static final byte[] WHITELISTED = ascii("whitelisted");
    private static final byte[] TOO_BIG = ascii("too big for spam checks");
    private static final byte[] NOT_SPAM = ascii("not spam");
    private static final byte[] SPAM = ascii("spam");
    private static final byte[] BLACKLISTED = ascii("spam (blacklisted)");
    private static final byte[] SPAMASSASSIN = ascii("SpamAssassin (");
    private static final byte[] NOT_CACHED = ascii("not cached");
    private static final byte[] CACHED = ascii("cached");
    private static final byte[] SCORE_EQ = ascii("score=");
    private static final byte[] REQUIRED = ascii("required ");
    private static final byte[] INFECTED = ascii("Infected message ");
    private static final byte[] CAME_FROM = ascii(" came from ");
    private static final byte[] SPAM_ACTIONS = ascii("Spam Actions: message ");
    private static final byte[] ACTIONS_ARE = ascii(" actions are ");
    private static final byte[] REQUEUE = ascii("Requeue: ");
    private static final byte[] COMMA_SPACE = ascii(", ");

    static boolean parse(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        if (s < 0 || e > b.length || s >= e) {
            return false;
        }
        e = Bytes.trimEnd(b, s, e);
        if (s >= e) {
            return false;
        }
        if (at(b, s, e, MESSAGE) && spamCheck(b, s + MESSAGE.length, e, out)) {
            return true;
        }
        if (at(b, s, e, INFECTED)) {
            int is = s + INFECTED.length;
            int ie = Bytes.word(b, is, e);
            if (at(b, ie, e, CAME_FROM)) {
                String id = Bytes.str(b, is, ie);
                int cs = ie + CAME_FROM.length;
                out.accept(new MailScannerVirus(queueId(b, is, ie), id, cs < e ? Words.of(b, cs, Bytes.word(b, cs, e))
                        : null));
                return true;
            }
        }
        if (at(b, s, e, SPAM_ACTIONS)) {
            int is = s + SPAM_ACTIONS.length;
            int ie = Bytes.word(b, is, e);
            if (at(b, ie, e, ACTIONS_ARE)) {
                out.accept(new MailScannerActions(queueId(b, is, ie), Bytes.str(b, is, ie),
                        Words.of(b, ie + ACTIONS_ARE.length, e)));
                return true;
            }
        }
        if (at(b, s, e, REQUEUE)) {
            int is = s + REQUEUE.length;
            int ie = Bytes.word(b, is, e);
            if (at(b, ie, e, TO)) {
                int ns = ie + TO.length;
                int ne = Bytes.word(b, ns, e);
                // the new queue file: a queue id, possibly as a path
                int slash = Bytes.findLast(b, ns, ne, (byte) '/');
                int nid = slash < 0 ? ns : slash + 1;
                out.accept(new MailScannerRequeue(queueId(b, is, ie), Bytes.str(b, is, ie), nid < ne
                        ? Bytes.str(b, nid, ne) : null));
                return true;
            }
        }
        out.accept(new FilterNotice(MailScannerDialect.NOTICE, null, null, null, Bytes.str(b, s, e)));
        return true;
    }

    /** MailScanner's message id to the MTA queue id: {@code 4F9D195432C.A1B2C} to {@code 4F9D195432C}. */
    static String queueId(byte[] b, int p, int e) {
        int dot = Bytes.find(b, p, e, (byte) '.');
        return Bytes.str(b, p, dot > p ? dot : e);
    }

    /** {@code ID from IP (FROM) [to DOMAINS ]is REPORT}. */
    private static boolean spamCheck(byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        int ie = Bytes.word(b, p, e);
        if (!at(b, ie, e, FROM)) {
            return false;
        }
        int cs = ie + FROM.length;
        int ce = Bytes.word(b, cs, e);
        int q = Bytes.skipSpaces(b, ce, e);
        String sender = null;
        if (q < e && b[q] == '(') {
            int close = Bytes.find(b, q + 1, e, (byte) ')');
            if (close < 0) {
                return false;
            }
            sender = Bytes.str(b, q + 1, close);
            q = close + 1;
        }
        String toDomain = null;
        if (at(b, q, e, TO)) {
            int ds = q + TO.length;
            int de = Bytes.word(b, ds, e);
            toDomain = Words.of(b, ds, de);
            q = de;
        }
        if (!at(b, q, e, IS)) {
            return false;
        }
        int rs = q + IS.length;
        String verdict;
        if (Bytes.is(b, rs, e, WHITELISTED)) {
            verdict = "whitelisted";
        } else if (at(b, rs, e, TOO_BIG)) {
            verdict = "unchecked";
        } else if (at(b, rs, e, NOT_SPAM)) {
            verdict = "not_spam";
        } else if (at(b, rs, e, BLACKLISTED)) {
            verdict = "blacklisted";
        } else if (at(b, rs, e, SPAM)) {
            verdict = "spam";
        } else {
            return false;
        }
        double score = Double.NaN;
        double required = Double.NaN;
        boolean cached = false;
        String rbls = null;
        int sa = Bytes.find(b, rs, e, SPAMASSASSIN);
        if (!"whitelisted".equals(verdict) && !"unchecked".equals(verdict)) {
            // spam lists between "spam, " and "SpamAssassin (" or the end
            int after = rs + ("not_spam".equals(verdict) ? NOT_SPAM.length : SPAM.length);
            int le = sa < 0 ? e : sa;
            if (at(b, after, le, COMMA_SPACE)) {
                int ls = after + 2;
                int lend = Bytes.trimEnd(b, ls, le);
                if (lend > ls && b[lend - 1] == ',') {
                    lend--;
                }
                if (lend > ls) {
                    rbls = Bytes.str(b, ls, lend);
                }
            }
        }
        if (sa >= 0) {
            int as = sa + SPAMASSASSIN.length;
            int ae = Bytes.find(b, as, e, (byte) ')');
            ae = ae < 0 ? e : ae;
            cached = at(b, as, ae, CACHED);
            if (at(b, as, ae, NOT_CACHED)) {
                cached = false;
            }
            int sc = Bytes.find(b, as, ae, SCORE_EQ);
            if (sc >= 0) {
                int vs = sc + SCORE_EQ.length;
                int ve = vs;
                while (ve < ae && b[ve] != ',' && b[ve] != ' ') {
                    ve++;
                }
                score = Bytes.signedDecimal(b, vs, ve);
            }
            int rq = Bytes.find(b, as, ae, REQUIRED);
            if (rq >= 0) {
                int vs = rq + REQUIRED.length;
                int ve = vs;
                while (ve < ae && b[ve] != ',' && b[ve] != ' ') {
                    ve++;
                }
                required = Bytes.signedDecimal(b, vs, ve);
            }
        }
        out.accept(new MailScannerSpamCheck(queueId(b, p, ie), Bytes.str(b, p, ie), verdict, Words.of(b, cs, ce),
                sender, toDomain, score, required, cached, rbls, Bytes.str(b, rs, e)));
        return true;
    }
}
