package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.find;
import static dev.mailtrace.postfix.Bytes.findLast;
import static dev.mailtrace.postfix.Bytes.is;
import static dev.mailtrace.postfix.Bytes.isDigit;
import static dev.mailtrace.postfix.Literals.UNKNOWN;

import dev.mailtrace.event.Client;

/**
 * The ends of a line that most families name: a client or relay as {@code name[addr]:port} and an
 * envelope address in {@code <...>}.
 */
final class Endpoints {

    private Endpoints() {
    }

    /**
     * The end of {@code name[addr]}, {@code name[addr]:port} or {@code [addr]:port} at {@code p}
     * (no spaces before the bracket), or -1.
     */
    static int bracketEnd(byte[] b, int p, int e) {
        int lb = p;
        int limit = Math.min(e, p + 300);
        while (lb < limit && b[lb] != '[') {
            byte c = b[lb];
            if (c == ' ' || c == ';' || c == ',' || c == '<') {
                return -1;
            }
            lb++;
        }
        if (lb >= limit) {
            return -1;
        }
        int rb = find(b, lb + 1, Math.min(e, lb + 300), (byte) ']');
        if (rb < 0) {
            return -1;
        }
        int end = rb + 1;
        if (end + 1 < e && b[end] == ':' && isDigit(b[end + 1])) {
            int d = Bytes.digits(b, end + 1, e);
            if (d == e || b[d] == ' ' || b[d] == ':' || b[d] == ',' || b[d] == ';') {
                end = d;
            }
        }
        return end;
    }

    /** {@link #bracketEnd}, but only if the brackets hold an address or {@code unknown}. */
    static int clientEnd(byte[] b, int p, int e) {
        int end = bracketEnd(b, p, e);
        if (end < 0) {
            return -1;
        }
        int lb = find(b, p, end, (byte) '[');
        int rb = findLast(b, lb + 1, end, (byte) ']');
        return Bytes.isIp(b, lb + 1, rb) || is(b, lb + 1, rb, UNKNOWN) ? end : -1;
    }

    /** The client in {@code b[p, end)} as found by {@link #bracketEnd}. */
    static Client client(byte[] b, int p, int end) {
        int lb = find(b, p, end, (byte) '[');
        int rb = findLast(b, lb + 1, end, (byte) ']');
        String host = lb > p ? Words.of(b, p, lb) : null;
        String ip = is(b, lb + 1, rb, UNKNOWN) ? null : Words.of(b, lb + 1, rb);
        int port = rb + 1 < end && b[rb + 1] == ':' ? Bytes.integer(b, rb + 2, end) : -1;
        return new Client(host, ip, port);
    }

    /** The relay in {@code b[p, end)}: {@code name[addr]:port}, {@code name[service]} or a bare transport. */
    static Relay relay(byte[] b, int p, int end) {
        int lb = find(b, p, end, (byte) '[');
        if (lb < 0) {
            return new Relay(null, null, -1, Words.of(b, p, end));
        }
        int rb = findLast(b, lb + 1, end, (byte) ']');
        if (rb < 0) {
            return new Relay(null, null, -1, Words.of(b, p, end));
        }
        String host = lb > p ? Words.of(b, p, lb) : null;
        boolean ip = Bytes.isIp(b, lb + 1, rb);
        int port = rb + 1 < end && b[rb + 1] == ':' ? Bytes.integer(b, rb + 2, end) : -1;
        return new Relay(host, ip ? Words.of(b, lb + 1, rb) : null, port, ip ? null : Words.of(b, lb + 1, rb));
    }

    /** The index of the {@code >} closing an address at {@code p} (followed by a separator or the end), or -1. */
    static int closeAngle(byte[] b, int p, int e) {
        for (int i = p; i < e; i++) {
            if (b[i] == '>') {
                if (i + 1 == e) {
                    return i;
                }
                byte n = b[i + 1];
                if (n == ' ' || n == ',' || n == ':' || n == ';') {
                    return i;
                }
            }
        }
        return -1;
    }
}
