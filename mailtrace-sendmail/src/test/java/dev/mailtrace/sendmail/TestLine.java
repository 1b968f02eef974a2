package dev.mailtrace.sendmail;

import java.nio.charset.StandardCharsets;

import dev.mailtrace.spi.LogLine;

/** A {@link LogLine} over a slice of a byte array, as the framing layer will hand it to dialects. */
record TestLine(byte[] bytes, int messageStart, int messageEnd, String program, long pid) implements LogLine {

    /** The message alone in an exact array. */
    static TestLine of(String program, String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return new TestLine(b, 0, b.length, program, 4242);
    }

    /** The message in the middle of a larger buffer with unrelated bytes around it. */
    static TestLine embedded(String program, String message) {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        byte[] before = "Nov 24 10:04:05 mx1 sm-mta[1]: ".getBytes(StandardCharsets.UTF_8);
        byte[] after = "]>) ;: \nfrom=<x>".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[before.length + m.length + after.length];
        System.arraycopy(before, 0, b, 0, before.length);
        System.arraycopy(m, 0, b, before.length, m.length);
        System.arraycopy(after, 0, b, before.length + m.length, after.length);
        return new TestLine(b, before.length, before.length + m.length, program, -1);
    }
}
