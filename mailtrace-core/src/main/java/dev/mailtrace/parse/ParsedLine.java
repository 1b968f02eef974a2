package dev.mailtrace.parse;

import java.time.Instant;
import java.time.OffsetDateTime;

import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.syslog.SyslogFormat;

/**
 * The line an event came from: where it was read, its syslog header and the dialect that read it.
 * A flyweight valid during {@link EventListener#event}; copy what you keep.
 */
public interface ParsedLine {

    /** The file (or {@code -} for stdin) the line was read from. */
    String file();

    /** 1-based line number in that file. */
    long lineNumber();

    /** Byte offset of the line's start in that file (after decompression). */
    long byteOffset();

    /** The header format found. */
    SyslogFormat format();

    /** Whether a timestamp was read. */
    boolean hasTimestamp();

    /** The timestamp; null without one. Allocates. */
    Instant instant();

    /** The timestamp with the offset it was written in (or the configured zone's); null without one. */
    OffsetDateTime timestamp();

    /** The host, or null. */
    String host();

    /** The program (tag name), or null. */
    String program();

    /** The pid, or -1. */
    long pid();

    /** The dialect that claimed the program, or null. */
    LogDialect dialect();

    /** Whether the line had bytes that are not valid UTF-8 (kept, replaced when decoded). */
    boolean invalidUtf8();

    /** Whether the line was longer than the maximum and was cut. */
    boolean truncated();

    /** The whole line, decoded. Allocates. */
    String raw();
}
