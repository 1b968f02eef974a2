package dev.mailtrace.sendmail;

import static dev.mailtrace.sendmail.Bytes.ascii;
import static dev.mailtrace.sendmail.Bytes.at;
import static dev.mailtrace.sendmail.Bytes.endsWith;
import static dev.mailtrace.sendmail.Bytes.find;
import static dev.mailtrace.sendmail.Bytes.findLast;
import static dev.mailtrace.sendmail.Bytes.is;
import static dev.mailtrace.sendmail.Bytes.str;
import static dev.mailtrace.sendmail.Peers.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.LogEvent;

/**
 * The key-value lines of the queue: {@code from=} (headers.c {@code logsender}), {@code to=}
 * (deliver.c {@code logdelivery}) and {@code ruleset=} (parseaddr.c {@code rscheck}), and the
 * key-value reading they share: a value ends at the next {@code ", "} followed by a key and
 * {@code =} (or a bare last word), so values may hold {@code ", "}; {@code stat=}, {@code reject=}
 * and {@code quarantine=} take the rest of the line; fields come in any subset and order, unknown
 * keys are skipped. Also the reply parts ({@code 550 5.7.1 <a>... text}) and the next hop's queue id.
 */
final class EnvelopeLines {

    private EnvelopeLines() {
    }

    private static final byte[] MORE = ascii(" [more]");
    private static final byte[] W_DISCARD = ascii("discard");
    private static final byte[] SENT = ascii("Sent");
    private static final byte[] SENT_PAREN = ascii("Sent (");
    private static final byte[] DEFERRED = ascii("Deferred");
    private static final byte[] DEFERRED_COLON = ascii("Deferred: ");
    private static final byte[] QUEUED = ascii("queued");
    private static final byte[] QUARANTINED = ascii("quarantined");
    private static final byte[] DISCARDED = ascii("discarded");
    private static final byte[] QUEUED_AS_ = ascii("queued as ");
    private static final byte[] SAVED = ascii(" Saved");
    private static final byte[] MESSAGE_ACCEPTED = ascii(" Message accepted for delivery");
    private static final byte[] OK_ID = ascii("OK id=");
    private static final byte[] SP_PAREN = ascii(" (");

    /** The index of the {@code =} after a key ({@code [A-Za-z][A-Za-z0-9_]*}) at {@code p}, or -1. */
    static int keyEnd(byte[] b, int p, int e) {
        if (p >= e || !Bytes.isLetter(b[p])) {
            return -1;
        }
        int i = p + 1;
        while (i < e && isKeyChar(b[i])) {
            i++;
        }
        return i < e && b[i] == '=' ? i : -1;
    }

    private static boolean isKeyChar(byte c) {
        return Bytes.isKeyChar(c);
    }

    /**
     * The end of a value starting at {@code v}: the {@code ,} of the next {@code ", "} followed by a
     * key and {@code =}, or by a bare last word ({@code , discard}); else {@code e}.
     */
    static int valueEnd(byte[] b, int v, int e) {
        return (int) (field(b, v, e) >>> 32);
    }

    /**
     * {@link #valueEnd} and, in the low 32 bits, the index of the {@code =} ending the next key
     * ({@code -1} if the value runs to the end or a bare word follows): the key-value loops then
     * need not read that key again. The value's end is in the high 32 bits.
     */
    static long field(byte[] b, int v, int e) {
        for (int i = find(b, v, e, (byte) ','); i >= 0 && i + 2 < e; i = find(b, i + 1, e, (byte) ',')) {
            if (b[i + 1] != ' ') {
                continue;
            }
            int k = i + 2;
            if (!Bytes.isLetter(b[k])) {
                continue;
            }
            int w = k + 1;
            while (w < e && isKeyChar(b[w])) {
                w++;
            }
            if (w == e) {
                return ((long) i << 32) | 0xFFFFFFFFL;
            }
            if (b[w] == '=') {
                return ((long) i << 32) | w;
            }
        }
        return ((long) e << 32) | 0xFFFFFFFFL;
    }

    /** The next field after a value ending at {@code ve} (its {@code ", "} skipped), or {@code e}. */
    static int next(int ve, int e) {
        return ve >= e ? e : ve + 2;
    }

    /**
     * A key-value line whose first field is not the usual one ({@code size=..., from=<...>}): the
     * kind is decided by the keys it has.
     */
    static boolean keyValueLine(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        boolean from = false;
        for (int f = p; f < e; ) {
            int k = keyEnd(b, f, e);
            if (k < 0) {
                break;
            }
            int key = Keys.of(b, f, k);
            if (key == Keys.TO) {
                return delivery(qid, b, p, e, out);
            }
            if (key == Keys.RULESET) {
                return ruleset(qid, b, p, e, out);
            }
            if (key == Keys.STAT || key == Keys.REJECT) {
                break;
            }
            from |= key == Keys.FROM;
            f = next(valueEnd(b, k + 1, e), e);
        }
        return from && from(qid, b, p, e, out);
    }

    static boolean from(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        String sender = null;
        long size = -1;
        int cls = Integer.MIN_VALUE;
        int nrcpts = -1;
        long pri = -1;
        String msgid = null;
        String bodytype = null;
        String proto = null;
        String daemon = null;
        String auth = null;
        String tlsVerify = null;
        String tlsVersion = null;
        String cipher = null;
        Peer peer = null;
        for (int k = keyEnd(b, p, e); k > 0; ) {
            int v = k + 1;
            long f = field(b, v, e);
            int ve = (int) (f >>> 32);
            switch (Keys.of(b, p, k)) {
                case Keys.FROM -> sender = address(b, v, ve);
                case Keys.SIZE -> size = Bytes.number(b, v, ve);
                case Keys.CLASS -> cls = signedInt(b, v, ve);
                case Keys.CIPHER -> cipher = Words.of(b, v, ve);
                case Keys.NRCPTS -> nrcpts = Bytes.integer(b, v, ve);
                case Keys.MSGID -> msgid = address(b, v, ve);
                case Keys.BODYTYPE -> bodytype = Words.of(b, v, ve);
                case Keys.PROTO -> proto = Words.of(b, v, ve);
                case Keys.PRI -> pri = Bytes.number(b, v, ve);
                case Keys.DAEMON -> daemon = Words.of(b, v, ve);
                case Keys.RELAY -> {
                    if (v < ve) {
                        peer = peer(b, v, ve);
                    }
                }
                case Keys.AUTH -> auth = Words.of(b, v, ve);
                case Keys.TLS_VERIFY -> tlsVerify = Words.of(b, v, ve);
                case Keys.TLS_VERSION -> tlsVersion = Words.of(b, v, ve);
                default -> { }
            }
            p = next(ve, e);
            k = (int) f;
        }
        if (sender == null) {
            return false;
        }
        From f = new From(qid, sender, size, cls, nrcpts, pri, msgid, bodytype, proto, daemon, auth, tlsVerify,
                tlsVersion, cipher, peer);
        out.accept(msgid != null ? new IdentifiedFrom(f) : f);
        return true;
    }

    private static int signedInt(byte[] b, int p, int e) {
        if (p < e && b[p] == '-') {
            int v = Bytes.integer(b, p + 1, e);
            return v < 0 ? Integer.MIN_VALUE : -v;
        }
        int v = Bytes.integer(b, p, e);
        return v < 0 ? Integer.MIN_VALUE : v;
    }

    static boolean delivery(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        List<String> to = null;
        boolean more = false;
        String ctladdr = null;
        int uid = -1;
        int gid = -1;
        double delay = Double.NaN;
        double xdelay = Double.NaN;
        String mailer = null;
        long pri = -1;
        Peer peer = null;
        String quarantine = null;
        String dsn = null;
        int ntries = -1;
        String stage = null;
        String reply = null;
        String tlsVerify = null;
        String tlsVersion = null;
        String cipher = null;
        int statStart = -1;
        for (int k = keyEnd(b, p, e); k > 0; ) {
            int v = k + 1;
            int key = Keys.of(b, p, k);
            if (key == Keys.STAT) {
                statStart = v;
                break;
            }
            long f = field(b, v, e);
            int ve = (int) (f >>> 32);
            switch (key) {
                case Keys.TO -> {
                    int te = ve;
                    if (endsWith(b, v, te, MORE)) {
                        more = true;
                        te -= MORE.length;
                    }
                    while (te > v && b[te - 1] == ',') {
                        te--;
                    }
                    to = recipients(b, v, te);
                }
                case Keys.TLS_VERIFY -> tlsVerify = Words.of(b, v, ve);
                case Keys.TLS_VERSION -> tlsVersion = Words.of(b, v, ve);
                case Keys.CTLADDR -> {
                    int sp = find(b, v, ve, SP_PAREN);
                    int ae = sp < 0 ? ve : sp;
                    ctladdr = address(b, v, ae);
                    if (sp > 0 && b[ve - 1] == ')') {
                        int slash = find(b, sp + 2, ve - 1, (byte) '/');
                        if (slash > 0) {
                            uid = Bytes.integer(b, sp + 2, slash);
                            gid = Bytes.integer(b, slash + 1, ve - 1);
                        }
                    }
                }
                case Keys.CIPHER -> cipher = Words.of(b, v, ve);
                case Keys.DELAY -> delay = Bytes.interval(b, v, ve);
                case Keys.DSN -> dsn = Words.of(b, v, ve);
                case Keys.XDELAY -> xdelay = Bytes.interval(b, v, ve);
                case Keys.MAILER -> mailer = Words.of(b, v, ve);
                case Keys.PRI -> pri = Bytes.number(b, v, ve);
                case Keys.RELAY -> {
                    if (v < ve) {
                        peer = peer(b, v, ve);
                    }
                }
                case Keys.REPLY -> reply = str(b, v, ve);
                case Keys.QUARANTINE -> quarantine = str(b, v, ve);
                case Keys.NTRIES -> ntries = Bytes.integer(b, v, ve);
                case Keys.STAGE -> stage = Words.of(b, v, ve);
                case Keys.STATUS -> {
                    if (reply == null) {
                        reply = str(b, v, ve);
                    }
                }
                default -> { }
            }
            p = next(ve, e);
            k = (int) f;
        }
        if (to == null || to.isEmpty() || statStart < 0) {
            return false;
        }
        int v = statStart;
        String stat = Words.of(b, v, e);
        DeliveryStatus status;
        String response = null;
        String queuedAs = null;
        if (at(b, v, e, SENT)) {
            status = DeliveryStatus.SENT;
            if (at(b, v, e, SENT_PAREN)) {
                int re = b[e - 1] == ')' ? e - 1 : e;
                int rs = v + SENT_PAREN.length;
                if (rs < re) {
                    response = part(stat, b, v, e, rs, re);
                    queuedAs = queuedAs(b, rs, re);
                }
            }
        } else if (at(b, v, e, DEFERRED)) {
            status = DeliveryStatus.DEFERRED;
            if (at(b, v, e, DEFERRED_COLON) && v + DEFERRED_COLON.length < e) {
                response = part(stat, b, v, e, v + DEFERRED_COLON.length, e);
            }
        } else if (is(b, v, e, QUEUED)) {
            status = DeliveryStatus.DEFERRED;
        } else if (is(b, v, e, QUARANTINED)) {
            status = DeliveryStatus.HELD;
        } else if (is(b, v, e, DISCARDED)) {
            status = DeliveryStatus.DISCARDED;
        } else {
            char c = dsn == null || dsn.isEmpty() ? '5' : dsn.charAt(0);
            status = c == '2' ? DeliveryStatus.SENT : c == '4' ? DeliveryStatus.DEFERRED : DeliveryStatus.BOUNCED;
            response = v < e ? stat : null;
        }
        out.accept(new Delivery(qid, to, more, ctladdr, uid, gid, delay, xdelay, mailer, pri, peer, quarantine, dsn,
                ntries, stage, reply, tlsVerify, tlsVersion, cipher, stat, status, response, queuedAs));
        return true;
    }

    /**
     * {@code b[s, e)} inside a value {@code whole} that was decoded from {@code b[v, ve)}: a
     * substring when every byte became one char (ASCII, the usual case: no second decoding), else
     * decoded.
     */
    private static String part(String whole, byte[] b, int v, int ve, int s, int e) {
        if (whole.length() == ve - v) {
            return whole.substring(s - v, e - v);
        }
        return str(b, s, e);
    }

    /** The recipients of {@code to=}: split at commas outside {@code <>} and quotes, angle brackets removed. */
    static List<String> recipients(byte[] b, int p, int e) {
        if (p < e && b[p] != ' ' && b[e - 1] != ' ' && find(b, p, e, (byte) ',') < 0) {
            return List.of(address(b, p, e)); // the usual single recipient
        }
        List<String> list = null;
        String first = null;
        int depth = 0;
        boolean quoted = false;
        int start = p;
        for (int i = p; i <= e; i++) {
            byte c = i < e ? b[i] : (byte) ',';
            if (c == '"' && i < e) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>' && depth > 0) {
                depth--;
            } else if (c == ',' && (i == e || depth == 0 && !quoted)) {
                int s = start;
                int t = i;
                while (s < t && b[s] == ' ') {
                    s++;
                }
                while (t > s && b[t - 1] == ' ') {
                    t--;
                }
                if (s < t) {
                    String a = address(b, s, t);
                    if (first == null) {
                        first = a;
                    } else {
                        if (list == null) {
                            list = new ArrayList<>(4);
                            list.add(first);
                        }
                        list.add(a);
                    }
                }
                start = i + 1;
            }
        }
        if (first == null) {
            return null;
        }
        return list == null ? List.of(first) : List.copyOf(list);
    }

    /** An address without the angle brackets around it, if any. */
    static String address(byte[] b, int p, int e) {
        if (e - p >= 2 && b[p] == '<' && b[e - 1] == '>') {
            return str(b, p + 1, e - 1);
        }
        return str(b, p, e);
    }

    /** A String without the angle brackets around it, if any; null stays null. */
    static String unbracket(String s) {
        if (s != null && s.length() >= 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>') {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /**
     * The queue id a next hop reports in its reply: {@code Ok: queued as 5298B228B8B} (the last
     * one), sendmail's {@code pBFERI8l019936 Message accepted for delivery}, exim's
     * {@code OK id=1kABCD-0001Ab-Cd}, LMTP's {@code <user@example.org> SESSION Saved}. (The rules of the
     * postfix dialect's {@code queuedAs}.)
     */
    static String queuedAs(byte[] b, int p, int e) {
        int q = findLast(b, p, e, QUEUED_AS_);
        if (q >= 0) {
            return token(b, q + QUEUED_AS_.length, e);
        }
        int end = endsWith(b, p, e, SAVED) ? e - SAVED.length : find(b, p, e, MESSAGE_ACCEPTED);
        if (end > p) {
            int sp = findLast(b, p, end, (byte) ' ');
            int ts = sp < p ? p : sp + 1;
            if (ts < end && b[ts] != '<') {
                return token(b, ts, end);
            }
            return null;
        }
        q = find(b, p, e, OK_ID);
        if (q >= 0) {
            return token(b, q + OK_ID.length, e);
        }
        return null;
    }

    /** The run of queue-id characters at {@code p} ({@code [0-9A-Za-z-+/]}), or null if empty. */
    private static String token(byte[] b, int p, int e) {
        int t = p;
        while (t < e && (Bytes.isAlnum(b[t]) || b[t] == '-' || b[t] == '+' || b[t] == '/')) {
            t++;
        }
        return t == p ? null : str(b, p, t);
    }

    static boolean ruleset(String qid, byte[] b, int p, int e, Consumer<? super LogEvent> out) {
        String ruleset = null;
        String arg1 = null;
        String arg2 = null;
        Peer peer = null;
        String action = null;
        int replyStart = -1;
        String response = null;
        int k = keyEnd(b, p, e);
        while (p < e) {
            if (k < 0) {
                int we = valueEnd(b, p, e);
                if (is(b, p, we, W_DISCARD)) {
                    action = "discard";
                }
                p = next(we, e);
                k = keyEnd(b, p, e);
                continue;
            }
            int v = k + 1;
            int key = Keys.of(b, p, k);
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
            long f = field(b, v, e);
            int ve = (int) (f >>> 32);
            switch (key) {
                case Keys.ARG1 -> arg1 = str(b, v, ve);
                case Keys.ARG2 -> arg2 = str(b, v, ve);
                case Keys.RELAY -> {
                    if (v < ve) {
                        peer = peer(b, v, ve);
                    }
                }
                case Keys.RULESET -> {
                    if (ruleset == null) {
                        ruleset = Words.of(b, v, ve);
                    }
                }
                default -> { }
            }
            p = next(ve, e);
            k = (int) f;
        }
        if (ruleset == null || action == null) {
            return false;
        }
        Reply reply = Reply.parse(b, replyStart, e);
        Ruleset r = new Ruleset(qid, ruleset, arg1, arg2, peer, action, reply.code(), reply.dsn(), reply.text(b, e),
                response);
        out.accept(r.refused() ? new RulesetReject(r) : r);
        return true;
    }
}
