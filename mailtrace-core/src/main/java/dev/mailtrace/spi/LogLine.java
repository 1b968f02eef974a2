package dev.mailtrace.spi;

import java.nio.charset.StandardCharsets;

/**
 * What a dialect sees of a log line: the message after the syslog header, as UTF-8 bytes in a
 * buffer that is reused for the next line, and the program (tag) that logged it.
 *
 * <p>A flyweight: valid only during {@link LogDialect#parse}; copy what you keep.
 */
public interface LogLine {

    /** The buffer holding the line (UTF-8). Do not modify. */
    byte[] bytes();

    /** Offset of the first byte of the message in {@link #bytes()}. */
    int messageStart();

    /** Offset after the last byte of the message. */
    int messageEnd();

    /** The program as logged: {@code postfix/smtpd}, {@code postfix-out/qmgr}, {@code dovecot}; one instance per distinct program. */
    String program();

    /** The process id, or -1 if the tag had none. */
    long pid();

    /** The message decoded (allocates; for slow paths and tests). */
    default String message() {
        return new String(bytes(), messageStart(), messageEnd() - messageStart(), StandardCharsets.UTF_8);
    }
}
