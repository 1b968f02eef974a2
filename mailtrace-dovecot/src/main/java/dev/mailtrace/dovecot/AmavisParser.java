package dev.mailtrace.dovecot;

import static dev.mailtrace.dovecot.Bytes.ascii;
import static dev.mailtrace.dovecot.Bytes.at;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The byte scanner of the amavis dialect. The main entry follows amavisd-new's
 * {@code $log_short_templ} / {@code $log_verbose_templ} (and the per-recipient
 * {@code $log_recip_templ}): {@code Passed|Blocked CATEGORY[ (detail)][ {actions}], [policy ][LOCAL ]
 * [ip]:port [ip] <from> -> <rcpt>,<rcpt>[, key: value]..., N ms}, where each optional part is
 * present or not depending on version and configuration; the {@code , key: value} parts are read
 * in any order and unknown keys are skipped.
 */
final class AmavisParser {

    private AmavisParser() {
    }

    private static final byte[] PASSED = ascii("Passed");
    private static final byte[] BLOCKED = ascii("Blocked");
    private static final byte[] SPAM_TAG = ascii("SPAM-TAG, ");
    private static final byte[] SPAM_TAG_LOWER = ascii("spam-tag, ");
    private static final byte[] ARROW = ascii(" -> ");
    private static final byte[] COMMA_SPACE = ascii(", ");
    private static final byte[] MS = ascii(" ms");
    private static final byte[] LOCAL = ascii("LOCAL");

    static boolean parse(byte[] b, int s, int e, Consumer<? super LogEvent> out) {
        if (s < 0 || e > b.length || s >= e) {
            return false;
        }
        e = Bytes.trimEnd(b, s, e);
        int p = s;
        String logId = null;
        if (p < e && b[p] == '(' && p + 1 < e && b[p + 1] != '!') {
            int close = Bytes.find(b, p + 1, e, (byte) ')');
            if (close > p + 1 && logIdShape(b, p + 1, close)) {
                logId = Bytes.str(b, p + 1, close);
                p = Bytes.skipSpaces(b, close + 1, e);
            }
        }
        String level = null;
        if (p + 2 < e && b[p] == '(' && b[p + 1] == '!') {
            int close = Bytes.find(b, p + 1, e, (byte) ')');
            if (close > 0) {
                level = close - p - 1 == 1 ? "warning" : "error";
                p = Bytes.skipSpaces(b, close + 1, e);
            }
        }
        if (level == null && (at(b, p, e, PASSED) || at(b, p, e, BLOCKED))) {
            if (verdict(b, p, e, logId, out)) {
                return true;
            }
        } else if (at(b, p, e, SPAM_TAG) || at(b, p, e, SPAM_TAG_LOWER)) {
            if (spamTag(b, p + SPAM_TAG.length, e, logId, out)) {
                return true;
            }
        }
        if (p >= e) {
            return false;
        }
        out.accept(new FilterNotice(AmavisDialect.NOTICE, null, logId, level, Bytes.str(b, p, e)));
        return true;
    }

    /** {@code 12345-01}, {@code 12345-01-2}, {@code 2aHk0Xt7-01}: letters, digits and dashes with a dash. */
    private static boolean logIdShape(byte[] b, int p, int e) {
        boolean dash = false;
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (c == '-') {
                dash = true;
            } else if (!Bytes.isAlnum(c)) {
                return false;
            }
        }
        return dash;
    }

    private static boolean verdict(byte[] b, int p, int e, String logId, Consumer<? super LogEvent> out) {
        boolean blocked = b[p] == 'B';
        p += blocked ? BLOCKED.length : PASSED.length;
        String category = "";
        if (p < e && b[p] == ' ') {
            int cs = p + 1;
            int ce = cs;
            while (ce < e && (Bytes.isUpper(b[ce]) || Bytes.isDigit(b[ce]) || b[ce] == '-')) {
                ce++;
            }
            category = Words.of(b, cs, ce);
            p = ce;
        }
        String detail = null;
        if (p + 1 < e && b[p] == ' ' && b[p + 1] == '(') {
            int close = Bytes.closing(b, p + 1, e, (byte) '(', (byte) ')');
            if (close < 0) {
                return false;
            }
            detail = Bytes.str(b, p + 2, close);
            p = close + 1;
        }
        String actions = null;
        if (p + 1 < e && b[p] == ' ' && b[p + 1] == '{') {
            int close = Bytes.find(b, p + 2, e, (byte) '}');
            if (close < 0) {
                return false;
            }
            actions = Words.of(b, p + 2, close);
            p = close + 1;
        }
        if (!at(b, p, e, COMMA_SPACE)) {
            return false;
        }
        p += 2;
        // [policy ][LOCAL ][ip]:port [ip] <from>
        String policy = null;
        boolean local = false;
        String clientIp = null;
        int clientPort = -1;
        String originIp = null;
        while (p < e && b[p] != '<') {
            int te = Bytes.word(b, p, e);
            if (b[p] == '[') {
                int close = Bytes.find(b, p + 1, te, (byte) ']');
                if (close < 0) {
                    return false;
                }
                String ip = Words.of(b, p + 1, close);
                if (clientIp == null) {
                    clientIp = ip;
                    if (close + 1 < te && b[close + 1] == ':') {
                        clientPort = Bytes.integer(b, close + 2, te);
                    }
                } else if (originIp == null) {
                    originIp = ip;
                }
            } else if (Bytes.is(b, p, te, LOCAL)) {
                local = true;
            } else if (policy == null) {
                policy = Words.of(b, p, te);
            }
            p = Bytes.skipSpaces(b, te, e);
        }
        List<String> addresses = new ArrayList<>(3);
        p = envelope(b, p, e, addresses);
        if (p < 0) {
            return false;
        }
        String sender = addresses.get(0);
        List<String> recipients = addresses.subList(1, addresses.size());
        String quarantine = null;
        String queueId = null;
        String messageId = null;
        String resentMessageId = null;
        String mailId = null;
        double score = Double.NaN;
        long size = -1;
        String queuedAs = null;
        String subject = null;
        String tests = null;
        long elapsed = -1;
        while (at(b, p, e, COMMA_SPACE)) {
            p += 2;
            int d = Bytes.digits(b, p, e);
            if (d > p && d + MS.length == e && at(b, d, e, MS)) {
                elapsed = Bytes.number(b, p, d);
                p = e;
                break;
            }
            int k = keyEnd(b, p, e);
            int vs;
            if (k > p && k + 1 < e && b[k] == ':' && b[k + 1] == ' ') {
                vs = k + 2;
            } else if (k > p && k < e && b[k] == '=') {
                vs = k + 1;
            } else {
                // not a segment we can read (a value with ", " in it): skip to the next one
                int n = nextSegment(b, p, e);
                p = n < e ? n - 2 : e;
                continue;
            }
            int kl = k - p;
            int key = key(b, p, kl, e);
            int ve;
            if (key == QUEUE_ID_KEY || key == MAIL_ID_KEY || key == HITS_KEY || key == SIZE_KEY) {
                // values without ", " in them
                int c = Bytes.find(b, vs, e, COMMA_SPACE);
                ve = c < 0 ? e : c;
            } else {
                ve = valueEnd(b, vs, e);
            }
            switch (key) {
                case QUEUE_ID_KEY:
                    queueId = Bytes.str(b, vs, ve);
                    break;
                case MESSAGE_ID_KEY:
                    messageId = bracketless(b, vs, ve);
                    break;
                case RESENT_MESSAGE_ID_KEY:
                    resentMessageId = bracketless(b, vs, ve);
                    break;
                case MAIL_ID_KEY:
                    mailId = Bytes.str(b, vs, ve);
                    break;
                case HITS_KEY:
                    score = Bytes.signedDecimal(b, vs, ve);
                    break;
                case SIZE_KEY:
                    size = Bytes.number(b, vs, ve);
                    break;
                case QUEUED_AS_KEY:
                    queuedAs = Bytes.str(b, vs, ve);
                    break;
                case QUARANTINE_KEY:
                    quarantine = Bytes.str(b, vs, ve);
                    break;
                case SUBJECT_KEY:
                    subject = unquote(b, vs, ve);
                    break;
                case TESTS_KEY:
                    tests = ve > vs + 1 && b[vs] == '[' && b[ve - 1] == ']' ? Bytes.str(b, vs + 1, ve - 1)
                            : Bytes.str(b, vs, ve);
                    break;
                default:
                    break;
            }
            p = ve;
        }
        out.accept(new AmavisVerdict(logId, blocked, category, detail, actions, policy, local, clientIp, clientPort,
                originIp, sender, recipients, quarantine, queueId, messageId, resentMessageId, mailId, score, size,
                queuedAs, subject, tests, elapsed));
        return true;
    }

    private static final int OTHER_KEY = 0;
    private static final int QUEUE_ID_KEY = 1;
    private static final int MESSAGE_ID_KEY = 2;
    private static final int RESENT_MESSAGE_ID_KEY = 3;
    private static final int MAIL_ID_KEY = 4;
    private static final int HITS_KEY = 5;
    private static final int SIZE_KEY = 6;
    private static final int QUEUED_AS_KEY = 7;
    private static final int QUARANTINE_KEY = 8;
    private static final int SUBJECT_KEY = 9;
    private static final int TESTS_KEY = 10;

    /** Which of the keys we read is the {@code kl} bytes at {@code p}. */
    private static int key(byte[] b, int p, int kl, int e) {
        switch (b[p]) {
            case 'Q': return kl == 8 && at(b, p, e, QUEUE_ID) ? QUEUE_ID_KEY : OTHER_KEY;
            case 'M': return kl == 10 && at(b, p, e, MESSAGE_ID) ? MESSAGE_ID_KEY : OTHER_KEY;
            case 'R': return kl == 17 && at(b, p, e, RESENT_MESSAGE_ID) ? RESENT_MESSAGE_ID_KEY : OTHER_KEY;
            case 'm': return kl == 7 && at(b, p, e, MAIL_ID) ? MAIL_ID_KEY : OTHER_KEY;
            case 'H': return kl == 4 && at(b, p, e, HITS) ? HITS_KEY : OTHER_KEY;
            case 's': return kl == 4 && at(b, p, e, SIZE) ? SIZE_KEY : OTHER_KEY;
            case 'q':
                if (kl == 9 && at(b, p, e, QUEUED_AS)) {
                    return QUEUED_AS_KEY;
                }
                return kl == 10 && at(b, p, e, QUARANTINE) ? QUARANTINE_KEY : OTHER_KEY;
            case 'S': return kl == 7 && at(b, p, e, SUBJECT) ? SUBJECT_KEY : OTHER_KEY;
            case 'T': return kl == 5 && at(b, p, e, TESTS) ? TESTS_KEY : OTHER_KEY;
            default: return OTHER_KEY;
        }
    }

    private static final byte[] QUEUE_ID = ascii("Queue-ID");
    private static final byte[] MESSAGE_ID = ascii("Message-ID");
    private static final byte[] RESENT_MESSAGE_ID = ascii("Resent-Message-ID");
    private static final byte[] MAIL_ID = ascii("mail_id");
    private static final byte[] HITS = ascii("Hits");
    private static final byte[] SIZE = ascii("size");
    private static final byte[] QUEUED_AS = ascii("queued_as");
    private static final byte[] QUARANTINE = ascii("quarantine");
    private static final byte[] SUBJECT = ascii("Subject");
    private static final byte[] TESTS = ascii("Tests");

    /** Where the value starting at {@code vs} ends: before the {@code ", "} that starts the next segment, or the end. */
    private static int valueEnd(byte[] b, int vs, int e) {
        int p = vs;
        if (p < e) {
            byte c = b[p];
            int close = -1;
            if (c == '"') {
                close = closingQuote(b, p + 1, e);
            } else if (c == '[') {
                close = Bytes.find(b, p + 1, e, (byte) ']');
            } else if (c == '<') {
                close = Bytes.find(b, p + 1, e, (byte) '>');
            }
            if (close > 0) {
                p = close + 1;
            }
        }
        int n = nextSegment(b, p, e);
        return n < e ? n - 2 : e;
    }

    /** The start of the next segment after {@code p} (just after its {@code ", "}), or {@code e}. */
    private static int nextSegment(byte[] b, int p, int e) {
        for (int i = Bytes.find(b, p, e, COMMA_SPACE); i >= 0; i = Bytes.find(b, i + 1, e, COMMA_SPACE)) {
            if (segmentStart(b, i + 2, e)) {
                return i + 2;
            }
        }
        return e;
    }

    /** Whether a segment starts at {@code q}: {@code key: }, {@code key=}, the final {@code N ms} or {@code 0/0/0/0}. */
    private static boolean segmentStart(byte[] b, int q, int e) {
        int d = Bytes.digits(b, q, e);
        if (d > q && d + MS.length == e && at(b, d, e, MS)) {
            return true;
        }
        if (d > q && d < e && b[d] == '/') {
            // the per-recipient template's last part, %0/%1/%2/%k
            int r = d;
            while (r < e && (Bytes.isDigit(b[r]) || b[r] == '/')) {
                r++;
            }
            return r == e;
        }
        if (q >= e || !(Bytes.isUpper(b[q]) || Bytes.isLower(b[q]))) {
            return false;
        }
        int k = keyEnd(b, q, e);
        return k < e && (b[k] == '=' || b[k] == ':' && k + 1 < e && b[k + 1] == ' ');
    }

    /** The end of the key at {@code p}: letters, digits, {@code -}, {@code _} and {@code .}. */
    private static int keyEnd(byte[] b, int p, int e) {
        int k = p;
        while (k < e && (Bytes.isAlnum(b[k]) || b[k] == '-' || b[k] == '_' || b[k] == '.')) {
            k++;
        }
        return k;
    }

    /**
     * Reads {@code <from> -> <to>,<to>} at {@code p}: adds the sender, then each recipient, to
     * {@code addresses} and returns the index after the last recipient; -1 if it is not that shape.
     */
    private static int envelope(byte[] b, int p, int e, List<String> addresses) {
        if (p >= e || b[p] != '<') {
            return -1;
        }
        int close = Bytes.find(b, p + 1, e, (byte) '>');
        if (close < 0) {
            return -1;
        }
        addresses.add(Bytes.str(b, p + 1, close));
        p = close + 1;
        if (!at(b, p, e, ARROW)) {
            return -1;
        }
        p += ARROW.length;
        while (p < e && b[p] == '<') {
            close = Bytes.find(b, p + 1, e, (byte) '>');
            if (close < 0) {
                return -1;
            }
            addresses.add(Bytes.str(b, p + 1, close));
            p = close + 1;
            if (p + 1 < e && b[p] == ',' && b[p + 1] == '<') {
                p++;
            }
        }
        return p;
    }

    private static int closingQuote(byte[] b, int p, int e) {
        for (int i = p; i < e; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String bracketless(byte[] b, int p, int e) {
        if (e - p >= 2 && b[p] == '<' && b[e - 1] == '>') {
            return Bytes.str(b, p + 1, e - 1);
        }
        return p < e ? Bytes.str(b, p, e) : null;
    }

    private static String unquote(byte[] b, int p, int e) {
        if (e - p >= 2 && b[p] == '"' && b[e - 1] == '"') {
            return Bytes.str(b, p + 1, e - 1);
        }
        return Bytes.str(b, p, e);
    }

    private static final byte[] YES = ascii("Yes");
    private static final byte[] SCORE_EQ = ascii("score=");
    private static final byte[] TAGGED_ABOVE_EQ = ascii("tagged_above=");
    private static final byte[] REQUIRED_EQ = ascii("required=");
    private static final byte[] TESTS_EQ = ascii("tests=[");
    private static final byte[] AUTOLEARN_EQ = ascii("autolearn=");

    /** {@code <from> -> <to>,<to>, Yes, score=7.2 tagged_above=2 required=6.2 tests=[...] autolearn=no}. */
    private static boolean spamTag(byte[] b, int p, int e, String logId, Consumer<? super LogEvent> out) {
        List<String> addresses = new ArrayList<>(3);
        p = envelope(b, p, e, addresses);
        if (p < 0 || !at(b, p, e, COMMA_SPACE)) {
            return false;
        }
        String sender = addresses.get(0);
        List<String> recipients = addresses.subList(1, addresses.size());
        p += 2;
        boolean spam = at(b, p, e, YES);
        double score = Double.NaN;
        double tagged = Double.NaN;
        double required = Double.NaN;
        String tests = null;
        String autolearn = null;
        while (p < e) {
            if (at(b, p, e, TESTS_EQ)) {
                int c = Bytes.find(b, p, e, (byte) ']');
                int ve = c < 0 ? e : c;
                tests = Bytes.str(b, p + TESTS_EQ.length, ve);
                p = c < 0 ? e : c + 1;
                continue;
            }
            int te = p;
            while (te < e && b[te] != ' ' && b[te] != ',') {
                te++;
            }
            if (at(b, p, e, SCORE_EQ)) {
                score = Bytes.signedDecimal(b, p + SCORE_EQ.length, te);
            } else if (at(b, p, e, TAGGED_ABOVE_EQ)) {
                tagged = Bytes.signedDecimal(b, p + TAGGED_ABOVE_EQ.length, te);
            } else if (at(b, p, e, REQUIRED_EQ)) {
                required = Bytes.signedDecimal(b, p + REQUIRED_EQ.length, te);
            } else if (at(b, p, e, AUTOLEARN_EQ)) {
                autolearn = Words.of(b, p + AUTOLEARN_EQ.length, te);
            }
            p = te + 1;
        }
        out.accept(new AmavisSpamTag(logId, sender, recipients, spam, score, tagged, required, tests, autolearn));
        return true;
    }
}
