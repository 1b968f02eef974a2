package dev.mailtrace.dovecot;

import static dev.mailtrace.dovecot.Bytes.ascii;
import static dev.mailtrace.dovecot.Bytes.at;

import java.util.function.Consumer;

import dev.mailtrace.event.LogEvent;

/**
 * The byte scanner of the dovecot dialect. Each line goes through the process prefix
 * ({@link DovecotLine}), then the rules of its process family: login processes, auth, delivery
 * (LMTP, LDA, sieve), mail sessions; a line of a known process that no rule reads becomes a
 * {@link DovecotNotice}. Formats are dovecot's own (login-common/client-common.c,
 * lib-lda/mail-deliver.c, lmtp, auth/auth-request.c, imap/pop3 logout formats, pigeonhole's sieve
 * actions) for 1.x to 2.4.
 */
final class DovecotParser {

    private DovecotParser() {
    }

    private static final byte[] DOVECOT_PREFIX = ascii("dovecot: ");
    private static final byte[] LOGIN = ascii("Login: ");
    private static final byte[] LOGGED_IN = ascii("Logged in: ");
    private static final byte[] DISCONNECTED = ascii("Disconnected");
    private static final byte[] DISCONNECTED_COLON = ascii("Disconnected: ");
    private static final byte[] ABORTED_LOGIN = ascii("Aborted login");
    private static final byte[] LOGIN_ABORTED = ascii("Login aborted");
    private static final byte[] MAX_CONNECTIONS = ascii("Maximum number of connections");
    private static final byte[] PROXY = ascii("proxy(");
    private static final byte[] LOGGED_OUT = ascii("Logged out");
    private static final byte[] CONNECTION_CLOSED = ascii("Connection closed");

    /** Parses the message of a line whose program the dovecot dialect claims; the tag's bounds are -1 if unknown. */
    static boolean parse(byte[] b, int s, int e, int tagStart, int tagEnd, String program,
            Consumer<? super LogEvent> out) {
        if (program == null || s < 0 || e > b.length || s > e) {
            return false;
        }
        DovecotLine d = new DovecotLine(b, e);
        int p = s;
        if (DovecotDialect.SYSLOG_NAME.equals(program)) {
            if (at(b, p, e, DOVECOT_PREFIX)) {
                p += DOVECOT_PREFIX.length;
            }
            int q = d.prefix(p);
            if (q >= 0) {
                p = q;
            } else if (p >= e) {
                return false;
            }
        } else {
            d.service = program;
            d.tagContext(tagStart, tagEnd, program);
        }
        p = d.level(p);
        d.text = p;
        String svc = d.service;
        switch (family(svc)) {
            case LOGIN_PROCESS:
                if (login(d, out)) {
                    return true;
                }
                break;
            case AUTH:
                if (auth(d, out)) {
                    return true;
                }
                break;
            case DELIVERY:
                if (delivery(d, out)) {
                    return true;
                }
                break;
            case MAIL:
                if (logout(d, out) || delivery(d, out)) {
                    return true;
                }
                break;
            default:
                break;
        }
        if (p >= e) {
            return false;
        }
        out.accept(new DovecotNotice(svc, isAuth(svc) ? authUser(d) : d.mailUser(), d.session(), d.level,
                Bytes.str(b, p, e)));
        return true;
    }

    private static final int OTHER = 0;
    private static final int LOGIN_PROCESS = 1;
    private static final int AUTH = 2;
    private static final int DELIVERY = 3;
    private static final int MAIL = 4;

    /** Which rules a process's lines go through. */
    private static int family(String svc) {
        if (svc == null) {
            return OTHER;
        }
        switch (svc) {
            case "imap-login": case "pop3-login": case "submission-login": case "managesieve-login":
                return LOGIN_PROCESS;
            case "auth": case "auth-worker": case "dovecot-auth":
                return AUTH;
            case "lmtp": case "lda": case "deliver": case "dovecot-lda":
                return DELIVERY;
            case "imap": case "pop3": case "submission": case "managesieve": case "imap-urlauth":
                return MAIL;
            default:
                return svc.endsWith("-login") ? LOGIN_PROCESS : OTHER;
        }
    }

    static boolean isAuth(String svc) {
        return "auth".equals(svc) || "auth-worker".equals(svc) || "dovecot-auth".equals(svc);
    }



    private static String protocol(String loginService) {
        switch (loginService) {
            case "imap-login": return "imap";
            case "pop3-login": return "pop3";
            case "submission-login": return "submission";
            case "managesieve-login": return "managesieve";
            default: return loginService.substring(0, loginService.length() - "-login".length());
        }
    }

    // ------------------------------------------------------------------ login processes

    private static boolean login(DovecotLine d, Consumer<? super LogEvent> out) {
        byte[] b = d.b;
        int e = d.end;
        int p = d.text;
        String service = protocol(d.service);
        if (at(b, p, e, LOGIN)) {
            out.accept(new Login(service, elements(b, p + LOGIN.length, e)));
            return true;
        }
        if (at(b, p, e, LOGGED_IN)) {
            out.accept(new Login(service, elements(b, p + LOGGED_IN.length, e)));
            return true;
        }
        if (at(b, p, e, PROXY)) {
            return false;
        }
        int k = elementSplit(b, p, e);
        if (k < 0 && !(at(b, p, e, DISCONNECTED) || at(b, p, e, ABORTED_LOGIN) || at(b, p, e, LOGIN_ABORTED))) {
            return false;
        }
        int he = Bytes.trimEnd(b, p, k < 0 ? e : k);
        // trailing "(human reason)" and, from 2.4 on, "(event_reason)"
        int humanStart = -1;
        int humanEnd = -1;
        String code = null;
        if (he > p && b[he - 1] == ')') {
            int o = Bytes.opening(b, p, he, (byte) '(', (byte) ')');
            if (o > p && b[o - 1] == ' ') {
                if (snake(b, o + 1, he - 1)) {
                    code = Words.of(b, o + 1, he - 1);
                    he = Bytes.trimEnd(b, p, o);
                    if (he > p && b[he - 1] == ')') {
                        int o2 = Bytes.opening(b, p, he, (byte) '(', (byte) ')');
                        if (o2 > p && b[o2 - 1] == ' ') {
                            humanStart = o2 + 1;
                            humanEnd = he - 1;
                            he = Bytes.trimEnd(b, p, o2);
                        }
                    }
                } else {
                    humanStart = o + 1;
                    humanEnd = he - 1;
                    he = Bytes.trimEnd(b, p, o);
                }
            }
        }
        int attempts = -1;
        int successes = -1;
        long seconds = -1;
        if (humanStart >= 0) {
            if (code == null) {
                code = LoginReasons.classify(b, humanStart, humanEnd);
            }
            // one pass over the numbers: "N attempts", "N/M successful auths", "in N secs", "waited N secs"
            for (int i = humanStart; i < humanEnd; i++) {
                if (!Bytes.isDigit(b[i])) {
                    continue;
                }
                int de = Bytes.digits(b, i, humanEnd);
                if (at(b, de, humanEnd, ATTEMPTS)) {
                    attempts = Bytes.integer(b, i, de);
                } else if (at(b, de, humanEnd, SECS)) {
                    seconds = Bytes.number(b, i, de);
                } else if (de < humanEnd && b[de] == '/') {
                    int de2 = Bytes.digits(b, de + 1, humanEnd);
                    if (at(b, de2, humanEnd, SUCCESSFUL_AUTHS)) {
                        successes = Bytes.integer(b, i, de);
                        attempts = Bytes.integer(b, de + 1, de2);
                    }
                    de = de2;
                } else if (at(b, de, humanEnd, SUCCESSFUL_AUTHS)) {
                    successes = Bytes.integer(b, i, de);
                }
                i = de;
            }
        }
        if ((code == null || "other".equals(code)) && at(b, p, e, MAX_CONNECTIONS)) {
            code = "connection_limit";
        }
        LoginFields login = k < 0 ? NO_LOGIN : elements(b, k + 2, e);
        out.accept(new LoginAborted(service, Words.of(b, p, he), code,
                humanStart < 0 ? null : Bytes.str(b, humanStart, humanEnd), attempts, successes, seconds, login));
        return true;
    }

    private static final LoginFields NO_LOGIN = new LoginFields(null, null, null, -1, null, -1, -1, null, null, null,
            null, -1, null);
    private static final byte[] ATTEMPTS = ascii(" attempts");
    private static final byte[] SUCCESSFUL_AUTHS = ascii(" successful auths");
    private static final byte[] SECS = ascii(" secs");


    /** Whether {@code b[p, e)} is a 2.4 event reason: {@code [a-z0-9_]+} with an underscore. */
    private static boolean snake(byte[] b, int p, int e) {
        boolean underscore = false;
        if (p >= e) {
            return false;
        }
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (c == '_') {
                underscore = true;
            } else if (!Bytes.isLower(c) && !Bytes.isDigit(c)) {
                return false;
            }
        }
        return underscore;
    }

    private static final byte[][] ELEMENT_KEYS = {ascii("user=<"), ascii("method="), ascii("rip="), ascii("lip="),
        ascii("mpid="), ascii("session=<"), ascii("rport="), ascii("lport=")};

    /** The {@code ": "} before the first login element, or -1. */
    private static int elementSplit(byte[] b, int p, int e) {
        for (int i = Bytes.find(b, p, e, (byte) ':'); i >= 0 && i + 1 < e; i = Bytes.find(b, i + 1, e, (byte) ':')) {
            if (b[i + 1] == ' ' && isElementKey(b, i + 2, e)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isElementKey(byte[] b, int p, int e) {
        if (p >= e) {
            return false;
        }
        byte c = b[p];
        if (c != 'u' && c != 'm' && c != 'r' && c != 'l' && c != 's') {
            return false;
        }
        for (byte[] k : ELEMENT_KEYS) {
            if (at(b, p, e, k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an element starts at {@code p}: a login key, {@code word=}, TLS/SSL or {@code secured}. */
    private static boolean isElementStart(byte[] b, int p, int e) {
        if (p >= e) {
            return false;
        }
        byte c = b[p];
        if (c == 'T' || c == 'S' || c == 's') {
            if (at(b, p, e, TLS_WORD) || at(b, p, e, SSL_WORD) || at(b, p, e, SECURED) || at(b, p, e, TSL_WORD)) {
                return true;
            }
        } else if (!Bytes.isLower(c)) {
            return false;
        }
        int q = p;
        while (q < e && (Bytes.isLower(b[q]) || b[q] == '_')) {
            q++;
        }
        return q > p && q < e && b[q] == '=';
    }

    private static final byte[] TLS_WORD = ascii("TLS");
    private static final byte[] TSL_WORD = ascii("TSL");
    private static final byte[] SSL_WORD = ascii("SSL");
    private static final byte[] SECURED = ascii("secured");
    private static final byte[] WITH_CIPHER = ascii(" with cipher ");
    private static final byte[] COMMA_SPACE = ascii(", ");

    /** The {@code ", "} before the next element after {@code p}, or -1. */
    private static int nextElement(byte[] b, int p, int e) {
        for (int i = Bytes.find(b, p, e, COMMA_SPACE); i >= 0; i = Bytes.find(b, i + 1, e, COMMA_SPACE)) {
            if (isElementStart(b, i + 2, e)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the login elements {@code user=<a>, method=PLAIN, rip=..., TLS, session=<...>} from {@code p}. */
    static LoginFields elements(byte[] b, int p, int e) {
        String user = null;
        String method = null;
        String rip = null;
        String lip = null;
        int rport = -1;
        int lport = -1;
        long mpid = -1;
        String secured = null;
        String tlsError = null;
        String tlsProtocol = null;
        String tlsCipher = null;
        int tlsBits = -1;
        String session = null;
        while (p < e) {
            int next;
            byte c = b[p];
            if (c == 'u' && at(b, p, e, ELEMENT_KEYS[0]) || c == 's' && at(b, p, e, ELEMENT_KEYS[5])) {
                int vs = Bytes.find(b, p, e, (byte) '<') + 1;
                int close = bracketValueEnd(b, vs, e);
                if (close > vs) {
                    if (c == 'u') {
                        user = Bytes.str(b, vs, close);
                    } else {
                        session = Bytes.str(b, vs, close);
                    }
                }
                next = Bytes.find(b, Math.max(close, vs), e, COMMA_SPACE);
            } else {
                // key=value elements end at the next ", "; free text (TLS: error) at the next element
                next = Bytes.isLower(c) && c != 's' ? Bytes.find(b, p, e, COMMA_SPACE) : nextElement(b, p, e);
                int se = next < 0 ? e : next;
                int eq = Bytes.find(b, p, se, (byte) '=');
                if (c == 'T' || c == 'S' || c == 's') {
                    if (Bytes.find(b, p, se, WITH_CIPHER) > p) {
                        int w = Bytes.find(b, p, se, WITH_CIPHER);
                        tlsProtocol = Words.of(b, p, w);
                        int cs = w + WITH_CIPHER.length;
                        int ce = Bytes.word(b, cs, se);
                        tlsCipher = Words.of(b, cs, ce);
                        if (ce + 2 < se && b[ce + 1] == '(') {
                            tlsBits = Bytes.integer(b, ce + 2, Bytes.digits(b, ce + 2, se));
                        }
                    } else if (eq < 0) {
                        int colon = Bytes.find(b, p, se, (byte) ':');
                        if (colon > p && colon + 1 < se && b[colon + 1] == ' ') {
                            secured = Words.of(b, p, colon);
                            tlsError = Bytes.str(b, colon + 2, se);
                        } else {
                            secured = Words.of(b, p, se);
                        }
                    }
                } else if (eq > p) {
                    int vs = eq + 1;
                    switch (eq - p) {
                        case 3:
                            if (at(b, p, e, RIP)) {
                                rip = Bytes.str(b, vs, se);
                            } else if (at(b, p, e, LIP)) {
                                lip = Bytes.str(b, vs, se);
                            }
                            break;
                        case 4:
                            if (at(b, p, e, MPID)) {
                                mpid = Bytes.number(b, vs, se);
                            } else if (at(b, p, e, USER_PLAIN)) {
                                user = vs < se ? Bytes.str(b, vs, se) : null;
                            }
                            break;
                        case 5:
                            if (at(b, p, e, RPORT)) {
                                rport = Bytes.integer(b, vs, se);
                            } else if (at(b, p, e, LPORT)) {
                                lport = Bytes.integer(b, vs, se);
                            }
                            break;
                        case 6:
                            if (at(b, p, e, METHOD)) {
                                method = Words.of(b, vs, se);
                            }
                            break;
                        default:
                            break;
                    }
                }
            }
            if (next < p) {
                break;
            }
            p = next + 2;
        }
        return new LoginFields(user, method, rip, rport, lip, lport, mpid, secured, tlsError, tlsProtocol, tlsCipher,
                tlsBits, session);
    }

    private static final byte[] RIP = ascii("rip=");
    private static final byte[] LIP = ascii("lip=");
    private static final byte[] MPID = ascii("mpid=");
    private static final byte[] USER_PLAIN = ascii("user=");
    private static final byte[] RPORT = ascii("rport=");
    private static final byte[] LPORT = ascii("lport=");
    private static final byte[] METHOD = ascii("method=");

    /** The {@code >} that ends a bracketed value starting at {@code p}: one followed by {@code ", "} or the end. */
    private static int bracketValueEnd(byte[] b, int p, int e) {
        if (p <= 0) {
            return -1;
        }
        for (int i = Bytes.find(b, p, e, (byte) '>'); i >= 0; i = Bytes.find(b, i + 1, e, (byte) '>')) {
            if (i + 1 == e || i + 2 < e && b[i + 1] == ',' && b[i + 2] == ' ') {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ mail sessions

    private static final byte[] IN_EQ = ascii("in=");
    private static final byte[] TOP_EQ = ascii("top=");
    private static final byte[] BYTES_EQ = ascii("bytes=");

    private static boolean logout(DovecotLine d, Consumer<? super LogEvent> out) {
        byte[] b = d.b;
        int e = d.end;
        int p = d.text;
        int r = at(b, p, e, DISCONNECTED_COLON) ? p + DISCONNECTED_COLON.length : p;
        int st = -1;
        for (int i = Bytes.find(b, r, e, (byte) '='); i > r; i = Bytes.find(b, i + 1, e, (byte) '=')) {
            int w = i;
            while (w > r && Bytes.isLower(b[w - 1])) {
                w--;
            }
            if ((w == r || b[w - 1] == ' ') && (at(b, w, e, IN_EQ) || at(b, w, e, TOP_EQ) || at(b, w, e, BYTES_EQ))) {
                st = w;
                break;
            }
        }
        if (st < 0 && !(at(b, p, e, DISCONNECTED) || at(b, p, e, LOGGED_OUT) || at(b, p, e, CONNECTION_CLOSED))) {
            return false;
        }
        long[] counters = new long[Logout.COUNTERS.length];
        java.util.Arrays.fill(counters, -1);
        int re = Bytes.trimEnd(b, r, st < 0 ? e : st);
        if (re > r && b[re - 1] == ',') {
            re--;
        }
        if (st >= 0) {
            counters(b, st, e, counters);
        }
        out.accept(new Logout(d.service, d.mailUser(), d.session(), re > r ? Words.of(b, r, re) : null, counters));
        return true;
    }

    /** Reads {@code key=value} counters separated by spaces or {@code ", "}. */
    private static void counters(byte[] b, int p, int e, long[] c) {
        while (p < e) {
            int te = p;
            while (te < e && b[te] != ' ' && b[te] != ',') {
                te++;
            }
            int eq = Bytes.find(b, p, te, (byte) '=');
            if (eq > p) {
                int vs = eq + 1;
                int slash = Bytes.find(b, vs, te, (byte) '/');
                int v1e = slash < 0 ? te : slash;
                long v1 = Bytes.number(b, vs, v1e);
                long v2 = slash < 0 ? -1 : Bytes.number(b, slash + 1, te);
                int index = counterIndex(b, p, eq);
                if (index >= 0) {
                    c[index] = v1;
                } else if (eq - p == 3 && b[p] == 't') { // top=N/bytes
                    c[Logout.TOP_COUNT] = v1;
                    c[Logout.TOP_COUNT + 1] = v2;
                } else if (eq - p == 4 && b[p] == 'r' && b[p + 1] == 'e') { // retr=N/bytes
                    c[Logout.RETR_COUNT] = v1;
                    c[Logout.RETR_COUNT + 1] = v2;
                } else if (eq - p == 3 && b[p] == 'd' && b[p + 1] == 'e') { // del=N/bytes
                    c[Logout.DEL_COUNT] = v1;
                    c[Logout.DEL_COUNT + 1] = v2;
                } else if (eq - p == 5 && at(b, p, e, BYTES_EQ)) { // 2.0's bytes=in/out
                    if (c[Logout.BYTES_IN] < 0) {
                        c[Logout.BYTES_IN] = v1;
                    }
                    if (c[Logout.BYTES_OUT] < 0) {
                        c[Logout.BYTES_OUT] = v2;
                    }
                }
            }
            p = te;
            while (p < e && (b[p] == ' ' || b[p] == ',')) {
                p++;
            }
        }
    }

    private static final byte[][] COUNTER_KEYS = {ascii("in"), ascii("out"), ascii("deleted"), ascii("expunged"),
        ascii("trashed"), ascii("hdr_count"), ascii("hdr_bytes"), ascii("body_count"), ascii("body_bytes")};

    private static int counterIndex(byte[] b, int p, int eq) {
        for (int i = 0; i < COUNTER_KEYS.length; i++) {
            if (Bytes.is(b, p, eq, COUNTER_KEYS[i])) {
                return i;
            }
        }
        if (Bytes.is(b, p, eq, SIZE_KEY)) {
            return Logout.SIZE;
        }
        return -1;
    }

    private static final byte[] SIZE_KEY = ascii("size");

    // ------------------------------------------------------------------ deliveries

    private static final byte[] CONNECT_FROM = ascii("Connect from ");
    private static final byte[] DISCONNECT_FROM = ascii("Disconnect from ");
    private static final byte[] SIEVE = ascii("sieve: ");
    private static final byte[] MSGID = ascii("msgid=");
    private static final byte[] COLON_MSGID = ascii(": msgid=");
    private static final byte[] COLON_SPACE = ascii(": ");
    private static final byte[] ACTION_COLON = ascii(" action: ");
    private static final byte[] UNSPECIFIED = ascii("unspecified");
    private static final byte[] SAVED_MAIL_TO = ascii("saved mail to ");
    private static final byte[] STORED_MAIL_INTO = ascii("stored mail into mailbox ");
    private static final byte[] LEFT_MESSAGE_IN = ascii("left message in mailbox ");
    private static final byte[] FORWARDED_TO = ascii("forwarded to ");
    private static final byte[] MARKED_DISCARDED = ascii("marked message to be discarded");
    private static final byte[] REJECTED_COLON = ascii("rejected: ");
    private static final byte[] REJECTED_MESSAGE = ascii("rejected message from ");
    private static final byte[] SAVE_FAILED_OPEN = ascii("save failed to open mailbox ");
    private static final byte[] SAVE_FAILED = ascii("save failed to ");
    private static final byte[] FAILED_STORE = ascii("failed to store into mailbox ");
    private static final byte[] SENT_VACATION = ascii("sent vacation response to ");
    private static final byte[] DISCARDED_VACATION = ascii("discarded vacation ");
    private static final byte[] DISCARDED_DUPLICATE_VACATION = ascii("discarded duplicate vacation ");
    private static final byte[] DISCARDED_DUPLICATE_FORWARD = ascii("discarded duplicate forward to ");
    private static final byte[] STORE_INTO = ascii("store into mailbox ");
    private static final byte[] SKIPPED = ascii(" skipped");
    private static final byte[] SPACE_PAREN = ascii(" (");
    private static final byte[] QUOTE_COLON = ascii("': ");
    private static final byte[] BRACKET_COLON = ascii("]: ");
    private static final byte[] ABORTED = ascii(" aborted");

    private static boolean delivery(DovecotLine d, Consumer<? super LogEvent> out) {
        byte[] b = d.b;
        int e = d.end;
        int p = d.text;
        if (at(b, p, e, CONNECT_FROM)) {
            int rs = p + CONNECT_FROM.length;
            out.accept(new Connection(d.service, "connect", Words.of(b, rs, e), null));
            return true;
        }
        if (at(b, p, e, DISCONNECT_FROM)) {
            int rs = p + DISCONNECT_FROM.length;
            int c = Bytes.find(b, rs, e, COLON_SPACE);
            out.accept(new Connection(d.service, "disconnect", Words.of(b, rs, c < 0 ? e : c),
                    c < 0 ? null : Words.of(b, c + 2, e)));
            return true;
        }
        boolean sieve = false;
        if (at(b, p, e, SIEVE)) {
            sieve = true;
            p += SIEVE.length;
        }
        String session = d.session();
        if (!at(b, p, e, MSGID)) {
            // 2.2 LMTP: "lmtp(4242, bob): Bp6VKJkD2l+LBQAAh/fGkg: msgid=..."
            int c = Bytes.find(b, p, e, COLON_MSGID);
            if (c <= p || Bytes.find(b, p, c, (byte) ' ') >= 0) {
                return false;
            }
            session = Bytes.str(b, p, c);
            p = c + 2;
        }
        p += MSGID.length;
        String messageId;
        if (p < e && b[p] == '<') {
            int close = Bytes.find(b, p + 1, e, (byte) '>');
            while (close >= 0 && !(close + 2 < e && b[close + 1] == ':' && b[close + 2] == ' ') && close + 1 < e) {
                close = Bytes.find(b, close + 1, e, (byte) '>');
            }
            if (close < 0 || close + 2 >= e) {
                return false;
            }
            messageId = Bytes.str(b, p + 1, close);
            p = close + 3;
        } else {
            int c = Bytes.find(b, p, e, COLON_SPACE);
            if (c < 0) {
                return false;
            }
            messageId = Bytes.is(b, p, c, UNSPECIFIED) ? null : Bytes.str(b, p, c);
            p = c + 2;
        }
        // pigeonhole 0.4/0.5: "fileinto action: stored mail into mailbox 'Junk'"
        int a = p;
        while (a < e && Bytes.isLower(b[a])) {
            a++;
        }
        if (a > p && at(b, a, e, ACTION_COLON)) {
            p = a + ACTION_COLON.length;
        }
        String user = d.mailUser();
        String svc = d.service;
        if (at(b, p, e, SAVED_MAIL_TO)) {
            int ms = p + SAVED_MAIL_TO.length;
            out.accept(new MailboxStore(svc, user, session, messageId, sieve, MailboxStore.STORED,
                    Words.of(b, ms, e), null, null));
            return true;
        }
        if (at(b, p, e, STORED_MAIL_INTO)) {
            out.accept(new MailboxStore(svc, user, session, messageId, sieve, MailboxStore.STORED,
                    mailbox(b, p + STORED_MAIL_INTO.length, e), null, null));
            return true;
        }
        if (at(b, p, e, LEFT_MESSAGE_IN)) {
            out.accept(new MailboxStore(svc, user, session, messageId, sieve, MailboxStore.KEPT,
                    mailbox(b, p + LEFT_MESSAGE_IN.length, e), null, null));
            return true;
        }
        if (at(b, p, e, FORWARDED_TO)) {
            out.accept(new MailboxStore(svc, user, session, messageId, sieve, MailboxStore.FORWARDED, null,
                    address(b, p + FORWARDED_TO.length, e), null));
            return true;
        }
        if (Bytes.atIgnoreCase(b, p, e, MARKED_DISCARDED)) {
            out.accept(new MailboxStore(svc, user, session, messageId, sieve, MailboxStore.DISCARDED, null, null,
                    null));
            return true;
        }
        if (at(b, p, e, REJECTED_COLON)) {
            out.accept(new MailboxStore(svc, user, session, messageId, sieve, MailboxStore.REJECTED, null, null,
                    Bytes.str(b, p + REJECTED_COLON.length, e)));
            return true;
        }
        if (at(b, p, e, REJECTED_MESSAGE)) {
            int rs = p + REJECTED_MESSAGE.length;
            int open = Bytes.find(b, rs, e, SPACE_PAREN);
            String reason = open >= 0 && b[e - 1] == ')' ? Bytes.str(b, open + 2, e - 1) : Bytes.str(b, rs, e);
            out.accept(new MailboxStore(svc, user, session, messageId, sieve, MailboxStore.REJECTED, null, null,
                    reason));
            return true;
        }
        if (at(b, p, e, SAVE_FAILED_OPEN) || at(b, p, e, SAVE_FAILED) || at(b, p, e, FAILED_STORE)) {
            int ms = p + (at(b, p, e, SAVE_FAILED_OPEN) ? SAVE_FAILED_OPEN.length
                    : at(b, p, e, SAVE_FAILED) ? SAVE_FAILED.length : FAILED_STORE.length);
            int c;
            if (ms < e && b[ms] == '\'') {
                c = Bytes.find(b, ms + 1, e, QUOTE_COLON);
                c = c < 0 ? -1 : c + 1;
            } else {
                c = Bytes.find(b, ms, e, COLON_SPACE);
            }
            String mailbox = c < 0 ? mailbox(b, ms, e) : mailbox(b, ms, c);
            out.accept(new MailboxStore(svc, user, session, messageId, sieve, MailboxStore.FAILED, mailbox, null,
                    c < 0 ? null : Bytes.str(b, c + 2, e)));
            return true;
        }
        String action;
        if (at(b, p, e, SENT_VACATION)) {
            action = "vacation";
        } else if (at(b, p, e, DISCARDED_VACATION) || at(b, p, e, DISCARDED_DUPLICATE_VACATION)) {
            action = "vacation_suppressed";
        } else if (at(b, p, e, DISCARDED_DUPLICATE_FORWARD)) {
            action = "duplicate_forward_discarded";
        } else if (at(b, p, e, STORE_INTO) && Bytes.endsWith(b, p, e, SKIPPED)) {
            action = "store_skipped";
        } else if (at(b, p, e, STORE_INTO) && Bytes.endsWith(b, p, e, ABORTED)) {
            action = "store_aborted";
        } else {
            action = "other";
        }
        int lt = Bytes.find(b, p, e, (byte) '<');
        String target = lt < 0 ? null : address(b, lt, e);
        out.accept(new SieveAction(svc, user, session, messageId, sieve, action, target, Bytes.str(b, p, e)));
        return true;
    }

    /** A mailbox name: {@code 'INBOX.Junk' (Junk)} or {@code 'Junk'} or {@code INBOX}. */
    private static String mailbox(byte[] b, int p, int e) {
        if (p < e && (b[p] == '\'' || b[p] == '"')) {
            byte q = b[p];
            if (b[e - 1] == q && e - 1 > p) {
                return Words.of(b, p + 1, e - 1);
            }
            for (int c = Bytes.find(b, p + 1, e, q); c > p; c = Bytes.find(b, c + 1, e, q)) {
                if (at(b, c + 1, e, SPACE_PAREN)) {
                    return Words.of(b, p + 1, c);
                }
            }
        }
        return p < e ? Words.of(b, p, e) : null;
    }

    /** The address in {@code <...>} at {@code p} (or the word there), without the brackets. */
    private static String address(byte[] b, int p, int e) {
        if (p < e && b[p] == '<') {
            int close = Bytes.find(b, p + 1, e, (byte) '>');
            return close < 0 ? null : Bytes.str(b, p + 1, close);
        }
        int w = Bytes.word(b, p, e);
        return w > p ? Bytes.str(b, p, w) : null;
    }

    // ------------------------------------------------------------------ auth

    private static final byte[] CONN = ascii("conn ");
    private static final byte[] PAREN_COLON = ascii("): ");
    private static final byte[] REQUEST = ascii("request [");
    private static final byte[] PAM_ = ascii("pam_");
    private static final byte[] UNKNOWN_USER = ascii("unknown user");
    private static final byte[] PASSWORD_MISMATCH = ascii("password mismatch");
    private static final byte[] PAM_AUTHENTICATE = ascii("pam_authenticate() failed: ");
    private static final byte[] USER_NOT_KNOWN = ascii("User not known");
    private static final byte[] AUTHENTICATION_FAILURE = ascii("Authentication failure");
    private static final byte[] INVALID_CREDENTIALS = ascii("invalid credentials");
    private static final byte[] AUTH_FAILURE_SEMI = ascii("authentication failure;");
    private static final byte[] USER_UNKNOWN = ascii("user unknown");

    private static boolean auth(DovecotLine d, Consumer<? super LogEvent> out) {
        byte[] b = d.b;
        int e = d.end;
        int p = d.text;
        // skip connection and worker prefixes: "conn unix:auth-worker (pid=27359,uid=97): auth-worker<55>: "
        for (int guard = 0; guard < 4 && p < e; guard++) {
            if (at(b, p, e, CONN)) {
                int c = Bytes.find(b, p, e, PAREN_COLON);
                if (c < 0) {
                    return false;
                }
                p = c + PAREN_COLON.length;
            } else if (at(b, p, e, REQUEST)) {
                int c = Bytes.find(b, p, e, BRACKET_COLON);
                if (c < 0) {
                    return false;
                }
                p = c + 3;
            } else {
                int q = p;
                while (q < e && (Bytes.isLower(b[q]) || b[q] == '-')) {
                    q++;
                }
                if (q > p && q < e && b[q] == '<') {
                    int c = Bytes.find(b, q, e, (byte) '>');
                    if (c > q && Bytes.digits(b, q + 1, c) == c && at(b, c + 1, e, COLON_SPACE)) {
                        p = c + 3;
                        continue;
                    }
                }
                break;
            }
        }
        // passdb(ctx)<session>: text  |  passdb: text (2.4)
        int q = p;
        while (q < e && (Bytes.isLower(b[q]) || Bytes.isDigit(b[q]) || b[q] == '-' || b[q] == '_')) {
            q++;
        }
        if (q == p || q >= e) {
            return false;
        }
        int nameEnd = q;
        int cs = -1;
        int ce = -1;
        int ss = -1;
        int se = -1;
        if (b[q] == '(') {
            int close = Bytes.find(b, q + 1, e, (byte) ')');
            if (close < 0) {
                return false;
            }
            cs = q + 1;
            ce = close;
            q = close + 1;
            while (q < e && b[q] == '<') {
                int c = Bytes.find(b, q + 1, e, (byte) '>');
                if (c < 0) {
                    return false;
                }
                ss = q + 1;
                se = c;
                q = c + 1;
            }
        }
        if (!at(b, q, e, COLON_SPACE)) {
            return false;
        }
        int t = q + 2;
        String passdb = Words.of(b, p, nameEnd);
        if (at(b, p, e, PAM_)) {
            return pamModule(d, passdb, cs, ce, t, out);
        }
        String reason;
        if (at(b, t, e, UNKNOWN_USER)) {
            reason = AuthFailure.UNKNOWN_USER;
        } else if (Bytes.atIgnoreCase(b, t, e, PASSWORD_MISMATCH) || at(b, t, e, INVALID_CREDENTIALS)) {
            reason = AuthFailure.PASSWORD_MISMATCH;
        } else if (at(b, t, e, PAM_AUTHENTICATE)) {
            int r = t + PAM_AUTHENTICATE.length;
            if (at(b, r, e, USER_NOT_KNOWN)) {
                reason = AuthFailure.UNKNOWN_USER;
            } else if (at(b, r, e, AUTHENTICATION_FAILURE) || Bytes.findIgnoreCase(b, r, e, PASSWORD_MISMATCH) >= 0) {
                reason = AuthFailure.PASSWORD_MISMATCH;
            } else {
                reason = AuthFailure.AUTH_FAILED;
            }
        } else {
            return false;
        }
        // the user, address and session: in the passdb's parentheses (2.x) or the service's (2.4)
        String user;
        String ip = null;
        String session = ss < 0 ? null : Bytes.str(b, ss, se);
        String mech = null;
        int xs = cs;
        int xe = ce;
        if (xs < 0) {
            xs = d.ctxStart;
            xe = d.ctxEnd;
        }
        if (session == null) {
            session = d.session();
        }
        if (xs >= 0) {
            int c1 = Bytes.find(b, xs, xe, (byte) ',');
            int ue = c1 < 0 ? xe : c1;
            user = authUserValue(b, xs, ue);
            int p2 = c1 < 0 ? xe : c1 + 1;
            while (p2 < xe) {
                int c2 = Bytes.find(b, p2, xe, (byte) ',');
                int ve = c2 < 0 ? xe : c2;
                if (ve > p2) {
                    if (b[p2] == '<' && b[ve - 1] == '>') {
                        session = Bytes.str(b, p2 + 1, ve - 1);
                    } else if (at(b, p2, ve, SASL)) {
                        mech = upper(b, p2 + SASL.length, ve);
                    } else if (ip == null && Bytes.isIp(b, p2, ve)) {
                        ip = Bytes.str(b, p2, ve);
                    }
                }
                p2 = ve + 1;
            }
        } else {
            user = null;
        }
        out.accept(new AuthFailure(d.service, passdb, user, ip, null, session, mech, reason, Bytes.str(b, t, e), null,
                null));
        return true;
    }

    private static final byte[] SASL = ascii("sasl:");

    private static String upper(byte[] b, int p, int e) {
        byte[] u = new byte[Math.max(0, e - p)];
        for (int i = p; i < e; i++) {
            byte c = b[i];
            u[i - p] = Bytes.isLower(c) ? (byte) (c - 32) : c;
        }
        return Words.of(u, 0, u.length);
    }

    /** The user of an auth context element; null for {@code ?}, {@code default} (1.x) and empty. */
    private static String authUserValue(byte[] b, int p, int e) {
        if (p >= e || e - p == 1 && b[p] == '?' || Bytes.is(b, p, e, DEFAULT) || Bytes.digits(b, p, e) == e) {
            return null;
        }
        return Bytes.str(b, p, e);
    }

    private static final byte[] DEFAULT = ascii("default");

    /** The user of an auth process's context {@code (bob,192.0.2.7,...)}, or null. */
    private static String authUser(DovecotLine d) {
        if (!d.hasContext()) {
            return null;
        }
        int c = Bytes.find(d.b, d.ctxStart, d.ctxEnd, (byte) ',');
        return authUserValue(d.b, d.ctxStart, c < 0 ? d.ctxEnd : c);
    }

    /** {@code pam_unix(dovecot:auth): authentication failure; logname= uid=0 ... rhost=192.0.2.7 user=bob}. */
    private static boolean pamModule(DovecotLine d, String module, int cs, int ce, int t, Consumer<? super LogEvent> out) {
        byte[] b = d.b;
        int e = d.end;
        String reason;
        int kv;
        if (at(b, t, e, AUTH_FAILURE_SEMI)) {
            reason = AuthFailure.AUTH_FAILED;
            kv = t + AUTH_FAILURE_SEMI.length;
        } else if (Bytes.find(b, t, e, USER_UNKNOWN) >= 0) {
            reason = AuthFailure.UNKNOWN_USER;
            kv = e;
        } else {
            return false;
        }
        int errorEnd = Bytes.find(b, t, e, (byte) ';');
        String user = null;
        int rhostStart = -1;
        int rhostEnd = -1;
        String ruser = null;
        int p = kv;
        while (p < e) {
            p = Bytes.skipSpaces(b, p, e);
            int te = Bytes.word(b, p, e);
            int eq = Bytes.find(b, p, te, (byte) '=');
            if (eq > p) {
                int k = eq - p;
                if (k == 4 && at(b, p, e, USER_PLAIN)) {
                    user = eq + 1 < te ? Bytes.str(b, eq + 1, te) : null;
                } else if (k == 5 && at(b, p, e, RHOST)) {
                    rhostStart = eq + 1;
                    rhostEnd = te;
                } else if (k == 5 && at(b, p, e, RUSER)) {
                    ruser = eq + 1 < te ? Bytes.str(b, eq + 1, te) : null;
                }
            }
            p = te;
        }
        String rhost = rhostStart >= 0 && rhostEnd > rhostStart ? Words.of(b, rhostStart, rhostEnd) : null;
        boolean ip = rhost != null && Bytes.isIp(b, rhostStart, rhostEnd);
        out.accept(new AuthFailure(d.service, module, user, ip ? rhost : null, ip ? null : rhost, d.session(), null,
                reason, Bytes.str(b, t, errorEnd < 0 ? e : errorEnd), cs < 0 ? null : Words.of(b, cs, ce), ruser));
        return true;
    }

    private static final byte[] RHOST = ascii("rhost=");
    private static final byte[] RUSER = ascii("ruser=");
}
