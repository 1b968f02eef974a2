package dev.mailtrace.syslog;

import static dev.mailtrace.syslog.Bytes.isDigit;
import static dev.mailtrace.syslog.Bytes.skipSpaces;

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
    private final TimestampScanner timestamps;
    private final HostTagScanner hostTag = new HostTagScanner();
    private YearInference years;

    private SyslogScanner(Builder b) {
        this.zone = new ZoneOffsets(b.zone);
        this.fixedYear = b.year;
        this.timestamps = new TimestampScanner(zone);
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
                    return Rfc5424Scanner.scan(timestamps, buf, v1 + 1, end, pri, out);
                }
                if (isDigit(buf[v1]) && v1 + 1 < end && buf[v1 + 1] == ' ') {
                    return Rfc5424Scanner.scan(timestamps, buf, v1 + 2, end, pri, out);
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
            int q = timestamps.rfc3164(buf, p, end);
            if (q < 0) {
                return SyslogFormat.NONE;
            }
            out.format = SyslogFormat.RFC3164;
            out.priority = pri;
            timestamps.setBsdTime(out, years);
            q = skipSpaces(buf, q, end);
            if (q < end && buf[q] == '<') {
                q = HostTagScanner.facilitySeverity(buf, q, end, out);
            }
            hostTag.scan(buf, q, end, false, out);
        } else if (isDigit(c)) {
            int q = timestamps.iso8601(buf, p, end, true);
            if (q < 0) {
                return SyslogFormat.NONE;
            }
            out.format = SyslogFormat.ISO8601;
            out.priority = pri;
            timestamps.setIsoTime(out);
            hostTag.scan(buf, skipSpaces(buf, q, end), end, timestamps.spaceSeparated, out);
        } else {
            return SyslogFormat.NONE;
        }
        NoiseDetector.detect(buf, out);
        return out.format;
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
            this.year = YearInference.checkYear(year);
            return this;
        }

        /** A new scanner with this configuration. */
        public SyslogScanner build() {
            return new SyslogScanner(this);
        }
    }
}
