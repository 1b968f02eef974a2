package dev.mailtrace.syslog;

import static dev.mailtrace.syslog.Bytes.indexOfSpace;
import static dev.mailtrace.syslog.Bytes.parsePid;

/**
 * The RFC 5424 header after {@code <PRI>VERSION SP}:
 * {@code TIMESTAMP HOST APP PROCID MSGID SD [BOM]MSG}, nil values {@code -}, structured data
 * skipped exactly.
 */
final class Rfc5424Scanner {

    private Rfc5424Scanner() {
    }

    /**
     * Reads the header from {@code b[p]} on into {@code h}, the timestamp with {@code timestamps}.
     * A header cut short or with unterminated structured data is
     * {@linkplain SyslogHeader#malformed() malformed}; a complete one is checked for noise.
     */
    static SyslogFormat scan(TimestampScanner timestamps, byte[] b, int p, int end, int pri, SyslogHeader h) {
        h.format = SyslogFormat.RFC5424;
        h.priority = pri;
        // TIMESTAMP
        if (p < end && b[p] == '-' && (p + 1 == end || b[p + 1] == ' ')) {
            p++;
        } else {
            int q = timestamps.iso8601(b, p, end, false);
            if (q < 0) {
                return malformed(h, p, end);
            }
            timestamps.setIsoTime(h);
            p = q;
        }
        // HOSTNAME, APP-NAME, PROCID, MSGID: one word each, "-" for nil
        for (int field = 0; field < 4; field++) {
            if (p >= end || b[p] != ' ' || p + 1 >= end || b[p + 1] == ' ') {
                return malformed(h, p < end && b[p] == ' ' ? p + 1 : p, end);
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
            return malformed(h, p < end ? p + 1 : p, end);
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
            return malformed(h, p, end);
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
            return malformed(h, p, end);
        }
        NoiseDetector.detect(b, h);
        return SyslogFormat.RFC5424;
    }

    private static SyslogFormat malformed(SyslogHeader h, int p, int end) {
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
}
