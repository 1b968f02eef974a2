package dev.mailtrace.dovecot;

import dev.mailtrace.event.FieldSpec;

/**
 * What the prefixes of one dovecot line say: the process ({@code imap-login}, {@code auth-worker},
 * {@code lmtp}), its context ({@code (alice)}, {@code (4242)}, {@code (bob,192.0.2.7,sasl:plain)}),
 * its session ({@code <NwbrmhAH0n3AAAAB>}) and the level ({@code Error: }), whether they came in
 * the message ({@code dovecot: imap(alice)<4242><sess>: ...}) or in the syslog tag of a process that
 * logs by itself ({@code lmtp(bob)<4242><sess>: Info: ...} in dovecot's own log file). Scratch state
 * of one {@link DovecotParser#parse} call.
 */
final class DovecotLine {

    static final FieldSpec SERVICE = FieldSpec.keyword("service",
            "the dovecot process: imap, pop3, lmtp, auth, auth-worker, imap-login, master, ...");
    static final FieldSpec SERVICE_PROTOCOL = FieldSpec.keyword("service", "the protocol: imap, pop3, submission, managesieve");
    static final FieldSpec USER = FieldSpec.keyword("user", "the user the process works for");
    static final FieldSpec SESSION = FieldSpec.keyword("session", "session id of the log prefix (the login's session=)");

    final byte[] b;
    final int end;

    /** The process, or null for a line without process prefix. */
    String service;
    /** Inside the parentheses after the process name, or -1. */
    int ctxStart = -1;
    int ctxEnd = -1;
    /** Inside the last non-numeric angle brackets after it, or -1. */
    int sessionStart = -1;
    int sessionEnd = -1;
    /** info, warning, ... or null. */
    String level;
    /** Where the text after the prefixes starts. */
    int text;

    DovecotLine(byte[] b, int end) {
        this.b = b;
        this.end = end;
    }

    /**
     * Reads {@code name(ctx)<pid><session>: } at {@code p}: the index after it, or -1 (nothing is
     * changed then).
     */
    int prefix(int p) {
        int e = end;
        int q = p;
        if (q >= e || !Bytes.isLower(b[q])) {
            return -1;
        }
        while (q < e && (Bytes.isLower(b[q]) || Bytes.isDigit(b[q]) || b[q] == '-' || b[q] == '_' || b[q] == '.')) {
            q++;
        }
        int nameEnd = q;
        int cs = -1;
        int ce = -1;
        if (q < e && b[q] == '(') {
            int close = Bytes.find(b, q + 1, e, (byte) ')');
            if (close < 0) {
                return -1;
            }
            cs = q + 1;
            ce = close;
            q = close + 1;
        }
        int ss = -1;
        int se = -1;
        while (q < e && b[q] == '<') {
            int close = Bytes.find(b, q + 1, e, (byte) '>');
            if (close < 0) {
                return -1;
            }
            if (Bytes.digits(b, q + 1, close) != close) {
                ss = q + 1;
                se = close;
            }
            q = close + 1;
        }
        int after;
        if (q + 1 < e && b[q] == ':' && b[q + 1] == ' ') {
            after = q + 2;
        } else if (q + 1 == e && b[q] == ':') {
            after = e;
        } else {
            return -1;
        }
        service = Words.of(b, p, nameEnd);
        ctxStart = cs;
        ctxEnd = ce;
        sessionStart = ss;
        sessionEnd = se;
        return after;
    }

    /**
     * For a process that logged under its own name ({@code lmtp(bob)<4242><sess>: ...} in dovecot's
     * log file, where the syslog framing took {@code lmtp} as the program), reads the context and
     * session from the tag ({@link dev.mailtrace.spi.LogLine#tagStart()}). Nothing is read unless the
     * tag is exactly the program followed by bracketed groups.
     */
    void tagContext(int start, int tagEnd, String program) {
        if (start < 0 || tagEnd > end || start >= tagEnd) {
            return;
        }
        int n = program.length();
        if (tagEnd - start <= n) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (b[start + i] != program.charAt(i)) {
                return;
            }
        }
        int q = start + n;
        int cs = -1;
        int ce = -1;
        int ss = -1;
        int se = -1;
        while (q < tagEnd) {
            byte open = b[q];
            byte close = open == '(' ? (byte) ')' : open == '<' ? (byte) '>' : open == '[' ? (byte) ']' : 0;
            if (close == 0) {
                return;
            }
            int c = Bytes.find(b, q + 1, tagEnd, close);
            if (c < 0) {
                return;
            }
            if (open == '(' && cs < 0) {
                cs = q + 1;
                ce = c;
            } else if (open == '<' && Bytes.digits(b, q + 1, c) != c) {
                ss = q + 1;
                se = c;
            }
            q = c + 1;
        }
        ctxStart = cs;
        ctxEnd = ce;
        sessionStart = ss;
        sessionEnd = se;
    }

    private static final byte[][] LEVELS = {Bytes.ascii("Info: "), Bytes.ascii("Warning: "), Bytes.ascii("Error: "),
        Bytes.ascii("Fatal: "), Bytes.ascii("Panic: "), Bytes.ascii("Debug: ")};
    private static final String[] LEVEL_NAMES = {"info", "warning", "error", "fatal", "panic", "debug"};
    private static final boolean[] LEVEL_INITIAL = new boolean[256];

    static {
        for (byte[] l : LEVELS) {
            LEVEL_INITIAL[l[0] & 0xff] = true;
        }
    }

    /** Reads a level word at {@code p}: the index after it, or {@code p}. */
    int level(int p) {
        if (p < end && LEVEL_INITIAL[b[p] & 0xff]) {
            for (int i = 0; i < LEVELS.length; i++) {
                if (Bytes.at(b, p, end, LEVELS[i])) {
                    level = LEVEL_NAMES[i];
                    return p + LEVELS[i].length;
                }
            }
        }
        return p;
    }

    boolean hasContext() {
        return ctxStart >= 0;
    }

    /** The session of the prefix, or null. */
    String session() {
        return sessionStart < 0 ? null : Bytes.str(b, sessionStart, sessionEnd);
    }

    /**
     * The user of a mail process's context: {@code (alice)}, 2.2 LMTP's {@code (4242, alice)};
     * null for a bare pid.
     */
    String mailUser() {
        if (ctxStart < 0) {
            return null;
        }
        int s = ctxStart;
        int d = Bytes.digits(b, s, ctxEnd);
        if (d == ctxEnd) {
            return null;
        }
        if (d > s && d + 1 < ctxEnd && b[d] == ',' && b[d + 1] == ' ') {
            s = d + 2;
        }
        return s < ctxEnd ? Bytes.str(b, s, ctxEnd) : null;
    }
}
