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

    /**
     * Offset in {@link #bytes()} of the syslog tag, without its colon: {@code postfix/smtpd[123]}, or
     * {@code lmtp(bob@example.org)<4242><Bp6VKJkD2l+LBQAAh/fGkg>} where a program logs its context in
     * the tag (dovecot's processes logging under their own name); -1 when the line has no tag or the
     * caller does not know where it is.
     */
    default int tagStart() {
        return -1;
    }

    /** Offset after the last byte of the tag (before its colon), or -1 as for {@link #tagStart()}. */
    default int tagEnd() {
        return -1;
    }

    /** The message decoded (allocates; for slow paths and tests). */
    default String message() {
        return new String(bytes(), messageStart(), messageEnd() - messageStart(), StandardCharsets.UTF_8);
    }
}
