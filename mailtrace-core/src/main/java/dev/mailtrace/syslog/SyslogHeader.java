package dev.mailtrace.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The syslog header of one line, as filled in by {@link SyslogScanner#scan}: a reusable, mutable
 * flyweight of primitives and offsets into the caller's buffer. Nothing is decoded or allocated
 * until a {@code String}, {@link Instant} or {@link OffsetDateTime} accessor is called.
 *
 * <p>Spans are {@code [start, end)} offsets into {@link #buffer()}; an absent part has
 * {@code start == end} and its {@code String} accessor returns {@code null}. Spans stay valid
 * as long as the caller leaves the buffer alone (a {@code LineReader} overwrites it on its next
 * line), so copy what you keep.
 *
 * <pre>{@code
 * SyslogHeader h = new SyslogHeader();                 // one per thread, reused
 * scanner.scan(buf, start, length, h);
 * if (h.noise() == SyslogNoise.NONE && h.hasProgram()) {
 *     dispatch(buf, h.programStart(), h.programEnd(), h.messageStart(), h.messageEnd(), h.epochSecond());
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class SyslogHeader {

    byte[] buf;
    int lineStart;
    int lineEnd;
    SyslogFormat format = SyslogFormat.NONE;
    int priority;
    boolean hasTimestamp;
    long epochSecond;
    int nano;
    int offsetSeconds;
    boolean explicitOffset;
    boolean yearInferred;
    boolean dateAdjusted;
    int hostStart;
    int hostEnd;
    int tagStart;
    int tagEnd;
    int programStart;
    int programEnd;
    int procIdStart;
    int procIdEnd;
    long pid;
    int msgIdStart;
    int msgIdEnd;
    int structuredDataStart;
    int structuredDataEnd;
    int messageStart;
    int messageEnd;
    boolean malformed;
    SyslogNoise noise = SyslogNoise.NONE;
    long noiseCount;
    int repeatedStart;
    int repeatedEnd;

    /** An empty header (format {@link SyslogFormat#NONE}, no line); fill it with {@link SyslogScanner#scan}. */
    public SyslogHeader() {
        reset(null, 0, 0);
    }

    /** Forgets the previous line: everything absent, the whole line is the message. */
    void reset(byte[] buffer, int start, int end) {
        buf = buffer;
        lineStart = start;
        lineEnd = end;
        format = SyslogFormat.NONE;
        priority = -1;
        hasTimestamp = false;
        epochSecond = 0;
        nano = 0;
        offsetSeconds = 0;
        explicitOffset = false;
        yearInferred = false;
        dateAdjusted = false;
        hostStart = hostEnd = start;
        tagStart = tagEnd = start;
        programStart = programEnd = start;
        procIdStart = procIdEnd = start;
        pid = -1;
        msgIdStart = msgIdEnd = start;
        structuredDataStart = structuredDataEnd = start;
        messageStart = start;
        messageEnd = end;
        malformed = false;
        noise = SyslogNoise.NONE;
        noiseCount = -1;
        repeatedStart = repeatedEnd = start;
    }

    // ---- the line ----

    /** The buffer the spans point into (the caller's; not copied). */
    public byte[] buffer() {
        return buf;
    }

    /** Offset of the line's first byte in {@link #buffer()}. */
    public int lineStart() {
        return lineStart;
    }

    /** Offset after the line's last byte. */
    public int lineEnd() {
        return lineEnd;
    }

    /** The header format; {@link SyslogFormat#NONE} when no header was recognised. */
    public SyslogFormat format() {
        return format;
    }

    /**
     * Whether the header was recognised but something after the timestamp was not as the format
     * requires (an RFC 5424 header cut short, unterminated structured data). What could be read
     * is filled in; the rest of the line is the message (or the structured data).
     */
    public boolean malformed() {
        return malformed;
    }

    // ---- priority ----

    /** Whether the line carried a priority: a {@code <PRI>} prefix, or syslog-ng's {@code <facility.severity>}. */
    public boolean hasPriority() {
        return priority >= 0;
    }

    /** The priority value {@code facility * 8 + severity}, or -1 if none. */
    public int priority() {
        return priority;
    }

    /** The facility (0 kern ... 2 mail ... 23 local7), or -1 if no priority. */
    public int facility() {
        return priority < 0 ? -1 : priority >> 3;
    }

    /** The severity (0 emerg ... 7 debug), or -1 if no priority. */
    public int severity() {
        return priority < 0 ? -1 : priority & 7;
    }

    // ---- timestamp ----

    /** Whether the line had a timestamp (RFC 5424 allows {@code -}; {@link SyslogFormat#NONE} has none). */
    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    /** Seconds since 1970-01-01T00:00Z; 0 without a timestamp. */
    public long epochSecond() {
        return epochSecond;
    }

    /** Nanoseconds within the second (fractions finer than a nanosecond are dropped). */
    public int nano() {
        return nano;
    }

    /**
     * The UTC offset of the local time as written, in seconds: the line's own offset, or for a
     * zone-less timestamp the configured zone's offset at that time.
     */
    public int offsetSeconds() {
        return offsetSeconds;
    }

    /** Whether the offset was written in the line ({@code Z}, {@code +01:00}) rather than taken from the configured zone. */
    public boolean explicitOffset() {
        return explicitOffset;
    }

    /** Whether the year was inferred (RFC 3164 timestamps carry none). */
    public boolean yearInferred() {
        return yearInferred;
    }

    /**
     * Whether the written date does not exist in its inferred year and was read leniently:
     * {@code Feb 29} in a common year counts as March 1.
     */
    public boolean dateAdjusted() {
        return dateAdjusted;
    }

    /** The timestamp as an {@link Instant} (allocates), or {@code null} without one. */
    public Instant instant() {
        return hasTimestamp ? Instant.ofEpochSecond(epochSecond, nano) : null;
    }

    /** The timestamp with its offset, for output (allocates), or {@code null} without one. */
    public OffsetDateTime offsetDateTime() {
        return hasTimestamp
                ? OffsetDateTime.ofInstant(instant(), ZoneOffset.ofTotalSeconds(offsetSeconds))
                : null;
    }

    // ---- host ----

    /** Whether the line names its host. */
    public boolean hasHost() {
        return hostEnd > hostStart;
    }

    /** Start of the host name. */
    public int hostStart() {
        return hostStart;
    }

    /** End of the host name. */
    public int hostEnd() {
        return hostEnd;
    }

    /** The host name (allocates), or {@code null}. */
    public String host() {
        return text(hostStart, hostEnd);
    }

    // ---- tag, program, pid ----

    /**
     * Start of the whole tag without its colon: {@code postfix/smtpd[123]},
     * {@code auth(user,192.0.2.1)<sess>}; for RFC 5424 the APP-NAME.
     */
    public int tagStart() {
        return tagStart;
    }

    /** End of the whole tag. */
    public int tagEnd() {
        return tagEnd;
    }

    /** The whole tag (allocates), or {@code null}. */
    public String tag() {
        return text(tagStart, tagEnd);
    }

    /** Whether the line names a program. */
    public boolean hasProgram() {
        return programEnd > programStart;
    }

    /**
     * Start of the program name: the tag up to its first {@code [}, {@code (} or {@code <}
     * ({@code postfix/smtpd}, {@code postfix-out/qmgr}, {@code auth-worker}); the APP-NAME for
     * RFC 5424.
     */
    public int programStart() {
        return programStart;
    }

    /** End of the program name. */
    public int programEnd() {
        return programEnd;
    }

    /** The program name (allocates), or {@code null}. */
    public String program() {
        return text(programStart, programEnd);
    }

    /**
     * Start of the process id as written: inside the tag's first {@code [...]} or {@code (...)}
     * (it may be no number: dovecot's {@code auth-worker(default)}), or RFC 5424's PROCID.
     */
    public int procIdStart() {
        return procIdStart;
    }

    /** End of the process id as written. */
    public int procIdEnd() {
        return procIdEnd;
    }

    /** The process id as written (allocates), or {@code null}. */
    public String procId() {
        return text(procIdStart, procIdEnd);
    }

    /** The process id, or -1 if the line has none or it is not a number. */
    public long pid() {
        return pid;
    }

    // ---- RFC 5424 ----

    /** Start of RFC 5424's MSGID (absent for other formats and for {@code -}). */
    public int msgIdStart() {
        return msgIdStart;
    }

    /** End of the MSGID. */
    public int msgIdEnd() {
        return msgIdEnd;
    }

    /** The MSGID (allocates), or {@code null}. */
    public String msgId() {
        return text(msgIdStart, msgIdEnd);
    }

    /** Start of RFC 5424's STRUCTURED-DATA, all elements with their brackets (absent for {@code -}). */
    public int structuredDataStart() {
        return structuredDataStart;
    }

    /** End of the STRUCTURED-DATA. */
    public int structuredDataEnd() {
        return structuredDataEnd;
    }

    /** The STRUCTURED-DATA as written (allocates), or {@code null}. */
    public String structuredData() {
        return text(structuredDataStart, structuredDataEnd);
    }

    // ---- message ----

    /** Start of the message: after the header, a UTF-8 BOM before an RFC 5424 MSG skipped. */
    public int messageStart() {
        return messageStart;
    }

    /** End of the message (the end of the line). */
    public int messageEnd() {
        return messageEnd;
    }

    /** The message (allocates); empty, never {@code null}. */
    public String message() {
        return messageEnd > messageStart ? text(messageStart, messageEnd) : "";
    }

    // ---- syslog's own lines ----

    /** What kind of logging-system line this is; {@link SyslogNoise#NONE} for a program's own line. */
    public SyslogNoise noise() {
        return noise;
    }

    /** The number a {@link #noise()} line reports (repetitions, lost messages), or -1. */
    public long noiseCount() {
        return noiseCount;
    }

    /** Start of the original message inside rsyslog's {@code message repeated N times: [...]}. */
    public int repeatedStart() {
        return repeatedStart;
    }

    /** End of the original message inside {@code message repeated N times: [...]}. */
    public int repeatedEnd() {
        return repeatedEnd;
    }

    private String text(int start, int end) {
        return end > start ? new String(buf, start, end - start, StandardCharsets.UTF_8) : null;
    }

    /** For debugging: every part, decoded (allocates). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SyslogHeader[").append(format);
        if (malformed) {
            sb.append(", malformed");
        }
        if (hasPriority()) {
            sb.append(", pri=").append(priority);
        }
        if (hasTimestamp) {
            sb.append(", time=").append(offsetDateTime());
            if (yearInferred) {
                sb.append(" (year inferred").append(dateAdjusted ? ", adjusted)" : ")");
            }
        }
        append(sb, "host", host());
        append(sb, "tag", tag());
        append(sb, "program", program());
        append(sb, "procId", procId());
        if (pid >= 0) {
            sb.append(", pid=").append(pid);
        }
        append(sb, "msgId", msgId());
        append(sb, "sd", structuredData());
        if (noise != SyslogNoise.NONE) {
            sb.append(", noise=").append(noise).append('/').append(noiseCount);
        }
        return sb.append(", message=").append(message()).append(']').toString();
    }

    private static void append(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(", ").append(name).append('=').append(value);
        }
    }
}
