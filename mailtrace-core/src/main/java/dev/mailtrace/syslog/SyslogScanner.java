package dev.mailtrace.syslog;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Reads the syslog header of a line from its bytes into a reusable {@link SyslogHeader}: a
 * hand-written scanner, no regex, no allocation, no exception for any input.
 *
 * <pre>{@code
 * SyslogScanner scanner = SyslogScanner.builder().zone(ZoneId.of("Europe/Berlin")).build();
 * SyslogHeader header = new SyslogHeader();
 * scanner.startSource(Files.getLastModifiedTime(path).toInstant());   // per file: year reference
 * while (lines.next()) {
 *     scanner.scan(lines.buffer(), lines.start(), lines.length(), header);
 *     ...
 * }
 * }</pre>
 *
 * <h2>Formats</h2>
 * Each line is recognised on its own, so formats may be mixed in one file:
 * <ul>
 *   <li>{@link SyslogFormat#RFC3164}: {@code [<PRI>]Nov 24 10:04:05[.ffffff] } with the day
 *       space-padded ({@code Nov  4}), zero-padded or bare ({@code Nov 4}), the fraction that
 *       {@code journalctl -o short-precise} writes, and syslog-ng's optional
 *       {@code <facility.severity>} after it;</li>
 *   <li>{@link SyslogFormat#ISO8601}: {@code [<PRI>]2026-12-31T23:59:58[.f{1,9}][Z|±hh:mm|±hhmm] }
 *       (rsyslog's {@code RSYSLOG_FileFormat} and its high-precision variants, syslog-ng,
 *       {@code journalctl -o short-iso[-precise]}), and {@code 2026-12-31 23:59:58[.f][ ±hhmm] }
 *       as applications write it into their own files;</li>
 *   <li>{@link SyslogFormat#RFC5424}: {@code <PRI>VERSION TIMESTAMP HOST APP PROCID MSGID SD [BOM]MSG}
 *       with nil values {@code -}, structured data skipped exactly (quoted values with
 *       {@code \"}, {@code \\} and {@code \]} escapes), a UTF-8 BOM before MSG skipped;</li>
 *   <li>{@link SyslogFormat#NONE} for anything else, with the whole line as the message.</li>
 * </ul>
 * Impossible dates and times ({@code Feb 30}, {@code 25:00:00}) make a line {@code NONE}: a
 * timestamp is only reported if it is one.
 *
 * <h2>Host or tag</h2>
 * After an RFC 3164 or ISO 8601 timestamp comes the host and then the tag, but some writers leave
 * out the host (dovecot's and other programs' own log files: {@code Mar 23 06:10:52 auth: ...}).
 * A <em>tag</em> is one word ending in {@code :} made of a name without {@code : [ ( <} followed
 * by any number of {@code [...]}, {@code (...)} or {@code <...>} groups: {@code postfix/smtpd[123]:},
 * {@code postfix-out/qmgr[9]:}, {@code dovecot:}, {@code auth-worker(57065):},
 * {@code auth(user,192.0.2.1,sasl:login)<sess>:}. A host name never has that shape (an IPv6
 * address has its colons inside). So:
 * <ol>
 *   <li>if the first word is a tag, the line has no host;</li>
 *   <li>otherwise the first word is the host, and the second word is the tag if it has the tag
 *       shape; if not, the line has no tag and the message starts at the second word (sysklogd's
 *       {@code host last message repeated 3 times}, {@code host -- MARK --}).</li>
 * </ol>
 * The space-separated ISO form is written by applications rather than syslog daemons, so there a
 * first word is a host only if a tag with a numeric pid follows ({@code mx1 exim[29786]:});
 * otherwise ({@code 2013-06-02 09:22:06 SMTP call from ...}) the whole rest is the message.
 * The program is the tag's name, the pid the content of its first {@code [...]} or
 * {@code (...)} group if that is a number.
 *
 * <h2>Time</h2>
 * Zone-less timestamps are local times in the configured zone (default: the system zone),
 * converted DST-aware with offsets cached per hour. RFC 3164 years come from the current
 * {@link YearInference}, reset per file with {@link #startSource}.
 *
 * <p>Not thread-safe: one scanner per thread and stream (it holds the year state and the offset
 * cache). Create as many as needed from one {@link Builder}.
 */
public final class SyslogScanner {

    private final ZoneOffsets zone;
    private final int fixedYear;
    private YearInference years;

    // scratch of the timestamp parsers
    private int tsMonth;
    private int tsDay;
    private int tsSecondOfDay;
    private int tsNano;
    private int tsOffset;
    private boolean tsHasOffset;
    private boolean tsSpaceSeparated;
    private long tsLocal;

    // scratch of the tag parser
    private int tagNameEnd;
    private int tagProcStart;
    private int tagProcEnd;

    private SyslogScanner(Builder b) {
        this.zone = new ZoneOffsets(b.zone);
        this.fixedYear = b.year;
        startSource((Instant) null);
    }

    /** A builder with the defaults: the system time zone, years inferred. */
    public static Builder builder() {
        return new Builder();
    }

    /** A scanner with the defaults: the system time zone, years inferred relative to now. */
    public static SyslogScanner create() {
        return builder().build();
    }

    /** The zone of zone-less timestamps. */
    public ZoneId zone() {
        return zone.zone();
    }

    /**
     * Starts a new file or stream: RFC 3164 years are inferred afresh, relative to
     * {@code reference} (the file's modification time; {@code null} for now) unless the builder
     * was given an explicit {@linkplain Builder#year year}.
     */
    public void startSource(Instant reference) {
        if (fixedYear > 0) {
            years = YearInference.ofYear(fixedYear);
        } else {
            years = YearInference.relativeTo(reference == null ? Instant.now() : reference, zone.zone());
        }
    }

    /** Starts a new file or stream with the given year inference. */
    public void startSource(YearInference yearInference) {
        this.years = Objects.requireNonNull(yearInference, "yearInference");
    }

    /** The year inference of the current source (for its counters). */
    public YearInference yearInference() {
        return years;
    }

    /**
     * Reads the header of the line {@code buf[off, off + len)} (UTF-8, without its line
     * terminator) into {@code out}, forgetting what {@code out} held.
     *
     * @return the format, also in {@link SyslogHeader#format()}
     * @throws IndexOutOfBoundsException if the slice is not inside {@code buf} (a caller's bug,
     *     never the input's)
     */
    public SyslogFormat scan(byte[] buf, int off, int len, SyslogHeader out) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        out.reset(buf, off, end);
        int p = off;
        int pri = -1;
        if (p < end && buf[p] == '<') {
            int q = p + 1;
            int v = 0;
            while (q < end && q - p <= 3 && isDigit(buf[q])) {
                v = v * 10 + buf[q] - '0';
                q++;
            }
            if (q == p + 1 || q >= end || buf[q] != '>' || v > 191) {
                return SyslogFormat.NONE;
            }
            pri = v;
            p = q + 1;
            // RFC 5424: <PRI>VERSION SP, VERSION a non-zero number of at most two digits
            if (p + 1 < end && buf[p] >= '1' && buf[p] <= '9') {
                int v1 = p + 1;
                if (buf[v1] == ' ') {
                    return rfc5424(buf, v1 + 1, end, pri, out);
                }
                if (isDigit(buf[v1]) && v1 + 1 < end && buf[v1 + 1] == ' ') {
                    return rfc5424(buf, v1 + 2, end, pri, out);
                }
            }
            while (p < end && buf[p] == ' ') {
                p++;
            }
        }
        if (p >= end) {
            return SyslogFormat.NONE;
        }
        byte c = buf[p];
        if (c >= 'A' && c <= 'S') {
            int q = bsdTimestamp(buf, p, end);
            if (q < 0) {
                return SyslogFormat.NONE;
            }
            long local = years.resolveLocal(tsMonth, tsDay, tsSecondOfDay);
            out.format = SyslogFormat.RFC3164;
            out.priority = pri;
            out.hasTimestamp = true;
            out.epochSecond = zone.toEpochSecond(local);
            out.offsetSeconds = zone.offset();
            out.nano = tsNano;
            out.yearInferred = true;
            out.dateAdjusted = years.lastAdjusted();
            q = skipSpaces(buf, q, end);
            if (q < end && buf[q] == '<') {
                q = facilitySeverity(buf, q, end, out);
            }
            hostAndTag(buf, q, end, false, out);
        } else if (isDigit(c)) {
            int q = isoTimestamp(buf, p, end, true);
            if (q < 0) {
                return SyslogFormat.NONE;
            }
            out.format = SyslogFormat.ISO8601;
            out.priority = pri;
            setIsoTime(out);
            hostAndTag(buf, skipSpaces(buf, q, end), end, tsSpaceSeparated, out);
        } else {
            return SyslogFormat.NONE;
        }
        noise(buf, out);
        return out.format;
    }

    // ---------------------------------------------------------------- RFC 5424

    private SyslogFormat rfc5424(byte[] b, int p, int end, int pri, SyslogHeader h) {
        h.format = SyslogFormat.RFC5424;
        h.priority = pri;
        // TIMESTAMP
        if (p < end && b[p] == '-' && (p + 1 == end || b[p + 1] == ' ')) {
            p++;
        } else {
            int q = isoTimestamp(b, p, end, false);
            if (q < 0) {
                return malformed5424(h, p, end);
            }
            setIsoTime(h);
            p = q;
        }
        // HOSTNAME, APP-NAME, PROCID, MSGID: one word each, "-" for nil
        for (int field = 0; field < 4; field++) {
            if (p >= end || b[p] != ' ' || p + 1 >= end || b[p + 1] == ' ') {
                return malformed5424(h, p < end && b[p] == ' ' ? p + 1 : p, end);
            }
            int s = p + 1;
            int e = indexOfSpace(b, s, end);
            boolean nil = e - s == 1 && b[s] == '-';
            if (!nil) {
                switch (field) {
                    case 0 -> {
                        h.hostStart = s;
                        h.hostEnd = e;
                    }
                    case 1 -> {
                        h.programStart = h.tagStart = s;
                        h.programEnd = h.tagEnd = e;
                    }
                    case 2 -> {
                        h.procIdStart = s;
                        h.procIdEnd = e;
                        h.pid = parsePid(b, s, e);
                    }
                    default -> {
                        h.msgIdStart = s;
                        h.msgIdEnd = e;
                    }
                }
            }
            p = e;
        }
        // STRUCTURED-DATA
        if (p >= end || b[p] != ' ' || p + 1 >= end) {
            return malformed5424(h, p < end ? p + 1 : p, end);
        }
        p++;
        if (b[p] == '-') {
            p++;
        } else if (b[p] == '[') {
            int q = skipStructuredData(b, p, end);
            if (q < 0) {
                h.structuredDataStart = p;
                h.structuredDataEnd = end;
                h.messageStart = end;
                h.malformed = true;
                return SyslogFormat.RFC5424;
            }
            h.structuredDataStart = p;
            h.structuredDataEnd = q;
            p = q;
        } else {
            return malformed5424(h, p, end);
        }
        // [SP MSG]
        if (p == end) {
            h.messageStart = end;
        } else if (b[p] == ' ') {
            p++;
            if (p + 2 < end && b[p] == (byte) 0xEF && b[p + 1] == (byte) 0xBB && b[p + 2] == (byte) 0xBF) {
                p += 3;
            }
            h.messageStart = p;
        } else {
            return malformed5424(h, p, end);
        }
        noise(b, h);
        return SyslogFormat.RFC5424;
    }

    private static SyslogFormat malformed5424(SyslogHeader h, int p, int end) {
        h.malformed = true;
        h.messageStart = Math.min(p, end);
        return SyslogFormat.RFC5424;
    }

    /**
     * Skips SD-ELEMENTs starting at {@code b[p] == '['}; returns the offset after the last
     * {@code ]}, or -1 if an element is not terminated within the line.
     */
    static int skipStructuredData(byte[] b, int p, int end) {
        while (p < end && b[p] == '[') {
            p++;
            boolean quoted = false;
            while (true) {
                if (p >= end) {
                    return -1;
                }
                byte c = b[p];
                if (quoted) {
                    if (c == '\\') {
                        p += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ']') {
                    p++;
                    break;
                }
                p++;
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- timestamps

    /**
     * Parses {@code Mmm dd hh:mm:ss[.f]} at {@code p} into the scratch fields; returns the offset
     * after it (at a space or the end), or -1.
     */
    private int bsdTimestamp(byte[] b, int p, int end) {
        if (end - p < 14 || b[p + 3] != ' ') {
            return -1;
        }
        int month = month(b[p], b[p + 1], b[p + 2]);
        if (month == 0) {
            return -1;
        }
        int q = p + 4;
        int day;
        if (b[q] == ' ') {
            q++;
        }
        if (!isDigit(b[q])) {
            return -1;
        }
        day = b[q++] - '0';
        if (isDigit(b[q])) {
            day = day * 10 + b[q++] - '0';
        }
        if (b[q] != ' ' || !CivilTime.validMonthDay(month, day)) {
            return -1;
        }
        q++;
        q = time(b, q, end);
        if (q < 0) {
            return -1;
        }
        if (q < end && b[q] != ' ') {
            return -1;
        }
        tsMonth = month;
        tsDay = day;
        return q;
    }

    /** {@code hh:mm:ss[.f{1,}]} at {@code p} into the scratch fields; the offset after it, or -1. */
    private int time(byte[] b, int p, int end) {
        if (end - p < 8 || b[p + 2] != ':' || b[p + 5] != ':') {
            return -1;
        }
        int hh = twoDigits(b, p);
        int mm = twoDigits(b, p + 3);
        int ss = twoDigits(b, p + 6);
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) {
            return -1;
        }
        tsSecondOfDay = hh * 3600 + mm * 60 + ss;
        int q = p + 8;
        int nano = 0;
        if (q + 1 < end && b[q] == '.' && isDigit(b[q + 1])) {
            q++;
            int digits = 0;
            while (q < end && isDigit(b[q])) {
                if (digits < 9) {
                    nano = nano * 10 + b[q] - '0';
                    digits++;
                }
                q++;
            }
            while (digits < 9) {
                nano *= 10;
                digits++;
            }
        }
        tsNano = nano;
        return q;
    }

    /**
     * Parses {@code YYYY-MM-DD(T| )hh:mm:ss[.f][zone]} at {@code p} into the scratch fields
     * (zone: {@code Z}, {@code ±hh:mm}, {@code ±hhmm}, {@code ±hh}, or after a space
     * {@code ±hhmm} in the space-separated form); returns the offset after it, or -1. The local
     * epoch second is left in {@link #tsLocal}.
     */
    private int isoTimestamp(byte[] b, int p, int end, boolean allowSpace) {
        if (end - p < 19 || b[p + 4] != '-' || b[p + 7] != '-') {
            return -1;
        }
        int y1 = twoDigits(b, p);
        int y2 = twoDigits(b, p + 2);
        int month = twoDigits(b, p + 5);
        int day = twoDigits(b, p + 8);
        if (y1 < 0 || y2 < 0 || month < 0 || day < 0) {
            return -1;
        }
        int year = y1 * 100 + y2;
        byte sep = b[p + 10];
        boolean space = sep == ' ';
        if (!(sep == 'T' || (space && allowSpace)) || year == 0 || !CivilTime.validDate(year, month, day)) {
            return -1;
        }
        int q = time(b, p + 11, end);
        if (q < 0) {
            return -1;
        }
        tsHasOffset = false;
        tsOffset = 0;
        if (q < end) {
            byte z = b[q];
            if (z == 'Z' || z == 'z') {
                tsHasOffset = true;
                q++;
            } else if (z == '+' || z == '-') {
                q = offset(b, q, end);
                if (q < 0) {
                    return -1;
                }
            } else if (space && z == ' ' && q + 1 < end && (b[q + 1] == '+' || b[q + 1] == '-')) {
                // exim's log_timezone: "2026-11-24 10:04:05 +0100"
                int r = offset(b, q + 1, end);
                if (r == q + 6 && (r == end || b[r] == ' ')) {
                    q = r;
                } else {
                    tsHasOffset = false;
                    tsOffset = 0;
                }
            }
        }
        if (q < end && b[q] != ' ') {
            return -1;
        }
        tsSpaceSeparated = space;
        tsLocal = CivilTime.localEpochSecond(year, month, day, tsSecondOfDay);
        return q;
    }

    /** {@code ±hh[[:]mm]} at {@code b[p]} (a sign); sets the scratch offset; the offset after it, or -1. */
    private int offset(byte[] b, int p, int end) {
        int sign = b[p] == '-' ? -1 : 1;
        int hh = twoDigits(b, p + 1, end);
        if (hh < 0 || hh > 18) {
            return -1;
        }
        int q = p + 3;
        int mm = 0;
        if (q < end && b[q] == ':') {
            mm = twoDigits(b, q + 1, end);
            q += 3;
        } else if (q < end && isDigit(b[q])) {
            mm = twoDigits(b, q, end);
            q += 2;
        }
        if (mm < 0 || mm > 59) {
            return -1;
        }
        tsHasOffset = true;
        tsOffset = sign * (hh * 3600 + mm * 60);
        return q;
    }

    private void setIsoTime(SyslogHeader h) {
        h.hasTimestamp = true;
        h.nano = tsNano;
        if (tsHasOffset) {
            h.explicitOffset = true;
            h.offsetSeconds = tsOffset;
            h.epochSecond = tsLocal - tsOffset;
        } else {
            h.epochSecond = zone.toEpochSecond(tsLocal);
            h.offsetSeconds = zone.offset();
        }
    }

    private static int month(byte a, byte b, byte c) {
        switch (a) {
            case 'J':
                if (b == 'a' && c == 'n') {
                    return 1;
                }
                if (b == 'u') {
                    return c == 'n' ? 6 : c == 'l' ? 7 : 0;
                }
                return 0;
            case 'F':
                return b == 'e' && c == 'b' ? 2 : 0;
            case 'M':
                return b == 'a' ? (c == 'r' ? 3 : c == 'y' ? 5 : 0) : 0;
            case 'A':
                return b == 'p' && c == 'r' ? 4 : b == 'u' && c == 'g' ? 8 : 0;
            case 'S':
                return b == 'e' && c == 'p' ? 9 : 0;
            case 'O':
                return b == 'c' && c == 't' ? 10 : 0;
            case 'N':
                return b == 'o' && c == 'v' ? 11 : 0;
            case 'D':
                return b == 'e' && c == 'c' ? 12 : 0;
            default:
                return 0;
        }
    }

    // ---------------------------------------------------------------- host and tag

    /** Fills host, tag, program, pid and message from the first word after the timestamp at {@code p}. */
    private void hostAndTag(byte[] b, int p, int end, boolean strict, SyslogHeader h) {
        if (p >= end) {
            h.messageStart = end;
            return;
        }
        int w1 = indexOfSpace(b, p, end);
        if (tag(b, p, w1)) {
            commitTag(b, p, w1, h);
            h.messageStart = w1 < end ? w1 + 1 : end;
            return;
        }
        int s2 = w1 + 1;
        if (s2 >= end) {
            if (strict) {
                h.messageStart = p;
            } else {
                h.hostStart = p;
                h.hostEnd = w1;
                h.messageStart = end;
            }
            return;
        }
        int w2 = indexOfSpace(b, s2, end);
        if (tag(b, s2, w2) && (!strict || parsePid(b, tagProcStart, tagProcEnd) >= 0)) {
            h.hostStart = p;
            h.hostEnd = w1;
            commitTag(b, s2, w2, h);
            h.messageStart = w2 < end ? w2 + 1 : end;
            return;
        }
        if (strict) {
            h.messageStart = p;
        } else {
            h.hostStart = p;
            h.hostEnd = w1;
            h.messageStart = s2;
        }
    }

    /**
     * Whether {@code b[s, e)} (one word) is a tag: a name without {@code : [ ( <} and then
     * {@code [...]}, {@code (...)} or {@code <...>} groups, ending in {@code :}. Leaves the name's
     * end and the first {@code [...]}/{@code (...)} content in the scratch fields.
     */
    private boolean tag(byte[] b, int s, int e) {
        int colon = e - 1;
        if (colon <= s || b[colon] != ':') {
            return false;
        }
        int q = s;
        while (q < colon) {
            byte c = b[q];
            if (c == '[' || c == '(' || c == '<' || c == ':') {
                break;
            }
            q++;
        }
        if (q == s) {
            return false;
        }
        tagNameEnd = q;
        tagProcStart = tagProcEnd = -1;
        while (q < colon) {
            byte open = b[q];
            byte close = open == '[' ? (byte) ']' : open == '(' ? (byte) ')' : open == '<' ? (byte) '>' : 0;
            if (close == 0) {
                return false;
            }
            int k = q + 1;
            while (k < colon && b[k] != close) {
                k++;
            }
            if (k >= colon) {
                return false;
            }
            if (tagProcStart < 0 && open != '<') {
                tagProcStart = q + 1;
                tagProcEnd = k;
            }
            q = k + 1;
        }
        return true;
    }

    private void commitTag(byte[] b, int s, int e, SyslogHeader h) {
        h.tagStart = s;
        h.tagEnd = e - 1;
        h.programStart = s;
        h.programEnd = tagNameEnd;
        if (tagProcStart >= 0) {
            h.procIdStart = tagProcStart;
            h.procIdEnd = tagProcEnd;
            h.pid = parsePid(b, tagProcStart, tagProcEnd);
        }
    }

    /** syslog-ng's {@code <facility.severity>} after the timestamp; returns where the host starts. */
    private static int facilitySeverity(byte[] b, int p, int end, SyslogHeader h) {
        int close = p + 1;
        int dot = -1;
        while (close < end && close - p < 24 && b[close] != '>' && b[close] != ' ') {
            if (b[close] == '.' && dot < 0) {
                dot = close;
            }
            close++;
        }
        if (close >= end || b[close] != '>' || dot < 0 || close + 1 >= end || b[close + 1] != ' ') {
            return p;
        }
        int facility = SyslogNames.facility(b, p + 1, dot);
        int severity = SyslogNames.severity(b, dot + 1, close);
        if (facility < 0 || severity < 0) {
            return p;
        }
        if (h.priority < 0) {
            h.priority = facility * 8 + severity;
        }
        return skipSpaces(b, close + 1, end);
    }

    // ---------------------------------------------------------------- syslog's own lines

    private static final byte[] LAST_MESSAGE_REPEATED = ascii("last message repeated ");
    private static final byte[] BSD_LAST_MESSAGE_REPEATED = ascii("--- last message repeated ");
    private static final byte[] MESSAGE_REPEATED = ascii("message repeated ");
    private static final byte[] TIMES = ascii(" time");
    private static final byte[] TIMES_BRACKET = ascii(" times: [");
    private static final byte[] MARK = ascii("-- MARK --");
    private static final byte[] RSYSLOGD = ascii("rsyslogd");
    private static final byte[] SYSLOG_NG = ascii("syslog-ng");
    private static final byte[] SYSLOGD = ascii("syslogd");
    private static final byte[] JOURNAL = ascii("systemd-journal");
    private static final byte[] SUPPRESSED = ascii("Suppressed ");
    private static final byte[] MISSED = ascii("Missed ");
    private static final byte[] KERNEL_MESSAGES = ascii(" kernel messages");
    private static final byte[] MESSAGES = ascii(" messages");
    private static final byte[] FORWARDING_MISSED = ascii("Forwarding to syslog missed ");
    private static final byte[] LOST_SPACE = ascii(" lost ");
    private static final byte[] MESSAGES_LOST = ascii(" messages lost");

    private void noise(byte[] b, SyslogHeader h) {
        int s = h.messageStart;
        int e = h.messageEnd;
        if (e - s >= 10) {
            byte c = b[s];
            if (c == 'l' && startsWith(b, s, e, LAST_MESSAGE_REPEATED)) {
                countThen(b, s + LAST_MESSAGE_REPEATED.length, e, TIMES, SyslogNoise.LAST_MESSAGE_REPEATED, h);
            } else if (c == 'm' && startsWith(b, s, e, MESSAGE_REPEATED)) {
                int after = countThen(b, s + MESSAGE_REPEATED.length, e, TIMES_BRACKET, SyslogNoise.MESSAGE_REPEATED, h);
                if (after > 0) {
                    int rs = after < e && b[after] == ' ' ? after + 1 : after;
                    int re = b[e - 1] == ']' ? e - 1 : e;
                    h.repeatedStart = rs;
                    h.repeatedEnd = Math.max(rs, re);
                }
            } else if (c == '-') {
                if (e - s == MARK.length && startsWith(b, s, e, MARK)) {
                    h.noise = SyslogNoise.MARK;
                } else if (startsWith(b, s, e, BSD_LAST_MESSAGE_REPEATED)) {
                    countThen(b, s + BSD_LAST_MESSAGE_REPEATED.length, e, TIMES, SyslogNoise.LAST_MESSAGE_REPEATED, h);
                }
            }
            if (h.noise != SyslogNoise.NONE) {
                return;
            }
        }
        int ps = h.programStart;
        int pe = h.programEnd;
        int pl = pe - ps;
        if (pl < 7) {
            if (pl == 0 && startsWith(b, s, e, SYSLOGD) && s + SYSLOGD.length < e && b[s + SYSLOGD.length] == ' ') {
                h.noise = SyslogNoise.SYSLOGD_NOTICE; // sysklogd: "syslogd 1.5.0: restart."
            }
            return;
        }
        byte c = b[ps];
        if (c == 'r') {
            if (startsWith(b, ps, pe, RSYSLOGD) && (pl == RSYSLOGD.length || b[ps + RSYSLOGD.length] == '-')) {
                rsyslogd(b, s, e, h);
            }
        } else if (c == 's') {
            if (pl == SYSLOG_NG.length && startsWith(b, ps, pe, SYSLOG_NG)
                    || pl == SYSLOGD.length && startsWith(b, ps, pe, SYSLOGD)) {
                h.noise = SyslogNoise.SYSLOGD_NOTICE;
            } else if ((pl == JOURNAL.length || pl == JOURNAL.length + 1 && b[pe - 1] == 'd')
                    && startsWith(b, ps, pe, JOURNAL)) {
                journald(b, s, e, h);
            }
        }
    }

    private static void rsyslogd(byte[] b, int s, int e, SyslogHeader h) {
        h.noise = SyslogNoise.SYSLOGD_NOTICE;
        // "imuxsock lost 12 messages from pid 34 due to rate-limiting"
        int i = indexOf(b, s, e, LOST_SPACE);
        if (i >= 0 && i + LOST_SPACE.length < e && isDigit(b[i + LOST_SPACE.length])) {
            h.noise = SyslogNoise.MESSAGES_LOST;
            h.noiseCount = parseCount(b, i + LOST_SPACE.length, e);
            return;
        }
        // "imjournal: 236 messages lost due to rate-limiting"
        i = indexOf(b, s, e, MESSAGES_LOST);
        if (i > s && isDigit(b[i - 1])) {
            int d = i;
            while (d > s && isDigit(b[d - 1])) {
                d--;
            }
            h.noise = SyslogNoise.MESSAGES_LOST;
            h.noiseCount = parseCount(b, d, i);
        }
    }

    private static void journald(byte[] b, int s, int e, SyslogHeader h) {
        if (startsWith(b, s, e, SUPPRESSED)) {
            countThen(b, s + SUPPRESSED.length, e, MESSAGES, SyslogNoise.MESSAGES_SUPPRESSED, h);
        } else if (startsWith(b, s, e, MISSED)) {
            countThen(b, s + MISSED.length, e, KERNEL_MESSAGES, SyslogNoise.KERNEL_MESSAGES_MISSED, h);
        } else if (startsWith(b, s, e, FORWARDING_MISSED)) {
            countThen(b, s + FORWARDING_MISSED.length, e, MESSAGES, SyslogNoise.MESSAGES_LOST, h);
        }
        if (h.noise == SyslogNoise.NONE) {
            h.noise = SyslogNoise.SYSLOGD_NOTICE;
        }
    }

    /**
     * If {@code b[p, e)} starts with a number followed by {@code then}, records {@code kind} with
     * that count and returns the offset after {@code then}; otherwise -1.
     */
    private static int countThen(byte[] b, int p, int e, byte[] then, SyslogNoise kind, SyslogHeader h) {
        int d = p;
        while (d < e && isDigit(b[d])) {
            d++;
        }
        if (d == p || !startsWith(b, d, e, then)) {
            return -1;
        }
        h.noise = kind;
        h.noiseCount = parseCount(b, p, d);
        return d + then.length;
    }

    // ---------------------------------------------------------------- bytes

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int twoDigits(byte[] b, int p) {
        int d1 = b[p] - '0';
        int d2 = b[p + 1] - '0';
        return d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9 ? d1 * 10 + d2 : -1;
    }

    private static int twoDigits(byte[] b, int p, int end) {
        return p + 2 <= end ? twoDigits(b, p) : -1;
    }

    private static int skipSpaces(byte[] b, int p, int end) {
        while (p < end && b[p] == ' ') {
            p++;
        }
        return p;
    }

    private static int indexOfSpace(byte[] b, int p, int end) {
        while (p < end && b[p] != ' ') {
            p++;
        }
        return p;
    }

    /** The number in {@code b[s, e)} if it is all digits (at most 18), else -1. */
    static long parsePid(byte[] b, int s, int e) {
        if (s < 0 || e <= s || e - s > 18) {
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }

    /** Leading digits of {@code b[s, e)} as a number, saturating at {@link Long#MAX_VALUE}. */
    private static long parseCount(byte[] b, int s, int e) {
        long v = 0;
        for (int i = s; i < e && isDigit(b[i]); i++) {
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + b[i] - '0';
        }
        return v;
    }

    private static boolean startsWith(byte[] b, int s, int e, byte[] lit) {
        if (e - s < lit.length) {
            return false;
        }
        for (int i = 0; i < lit.length; i++) {
            if (b[s + i] != lit[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int s, int e, byte[] lit) {
        byte first = lit[0];
        for (int i = s, last = e - lit.length; i <= last; i++) {
            if (b[i] == first && startsWith(b, i, e, lit)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Configures scanners: immutable once built, and {@link #build()} may be called for each
     * thread or stream.
     */
    public static final class Builder {

        private ZoneId zone = ZoneId.systemDefault();
        private int year;

        private Builder() {
        }

        /**
         * The zone of timestamps without offset (RFC 3164, zone-less ISO 8601). Default: the
         * system default zone. Conversion is DST-aware; the offset is cached per hour.
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * An explicit year for the first RFC 3164 line of each source (the CLI's {@code --year});
         * later lines still roll over at the turn of the year. Default: inferred from each
         * source's reference time, see {@link YearInference}.
         *
         * @throws IllegalArgumentException if {@code year} is not in {@code [1, 9999]}
         */
        public Builder year(int year) {
            if (year < 1 || year > 9999) {
                throw new IllegalArgumentException("year [" + year + "] out of range [1, 9999]");
            }
            this.year = year;
            return this;
        }

        /** A new scanner with this configuration. */
        public SyslogScanner build() {
            return new SyslogScanner(this);
        }
    }
}
