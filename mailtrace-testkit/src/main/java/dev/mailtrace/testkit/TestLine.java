package dev.mailtrace.testkit;

import java.nio.charset.StandardCharsets;

import dev.mailtrace.spi.LogLine;

/**
 * A {@link LogLine} over a slice of a byte array, as the framing layer hands it to dialects: the
 * syslog tag ({@code dovecot}, {@code lmtp(bob)<4242><sess>}, {@code amavis[123]}) precedes the
 * message in the buffer, followed by {@code ": "}, and the program is the tag's name.
 */
public record TestLine(byte[] bytes, int messageStart, int messageEnd, String program, long pid, int tagStart, int tagEnd)
        implements LogLine {

    /** The program of a tag: its name, up to the first {@code (}, {@code <} or {@code [}. */
    public static String program(String tag) {
        int cut = tag.length();
        for (char c : new char[] {'(', '<', '['}) {
            int i = tag.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return tag.substring(0, cut);
    }

    /** {@code tag: message} alone in an exact array. */
    public static TestLine of(String tag, String message) {
        return around("", tag, message, "");
    }

    /** The same in the middle of a larger buffer, after a syslog timestamp and host, with unrelated bytes after. */
    public static TestLine embedded(String tag, String message) {
        return around("Nov 24 10:04:05 mx1 ", tag, message, "]>) ;: \nfrom=<x>, Queue-ID: Z");
    }

    private static TestLine around(String before, String tag, String message, String after) {
        byte[] head = (before + tag + ": ").getBytes(StandardCharsets.UTF_8);
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[head.length + m.length + tail.length];
        System.arraycopy(head, 0, b, 0, head.length);
        System.arraycopy(m, 0, b, head.length, m.length);
        System.arraycopy(tail, 0, b, head.length + m.length, tail.length);
        int tagStart = before.getBytes(StandardCharsets.UTF_8).length;
        return new TestLine(b, head.length, head.length + m.length, program(tag).intern(), -1, tagStart,
                tagStart + tag.getBytes(StandardCharsets.UTF_8).length);
    }
}
