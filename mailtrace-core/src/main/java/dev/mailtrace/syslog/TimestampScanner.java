package dev.mailtrace.syslog;

import static dev.mailtrace.syslog.Bytes.isDigit;
import static dev.mailtrace.syslog.Bytes.twoDigits;

/**
 * The timestamp parsers: RFC 3164's {@code Mmm dd hh:mm:ss[.f]} and ISO 8601's
 * {@code YYYY-MM-DD(T| )hh:mm:ss[.f][zone]} (also RFC 5424's). A parser leaves what it read in
 * scratch fields, and {@link #setBsdTime} or {@link #setIsoTime} converts that to the header's
 * epoch second in the configured zone. One per scanner; not thread-safe.
 */
final class TimestampScanner {

    private final ZoneOffsets zone;

    private int month;
    private int day;
    private int secondOfDay;
    private int nano;
    private int offsetSeconds;
    private boolean hasOffset;
    private long localEpochSecond;
    /** Whether the last ISO 8601 timestamp had a space instead of the {@code T}. */
    boolean spaceSeparated;

    TimestampScanner(ZoneOffsets zone) {
        this.zone = zone;
    }

    /**
     * Parses {@code Mmm dd hh:mm:ss[.f]} at {@code p} into the scratch fields; returns the offset
     * after it (at a space or the end), or -1.
     */
    int rfc3164(byte[] b, int p, int end) {
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
        this.month = month;
        this.day = day;
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
        secondOfDay = hh * 3600 + mm * 60 + ss;
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
        this.nano = nano;
        return q;
    }

    /**
     * Parses {@code YYYY-MM-DD(T| )hh:mm:ss[.f][zone]} at {@code p} into the scratch fields
     * (zone: {@code Z}, {@code ±hh:mm}, {@code ±hhmm}, {@code ±hh}, or after a space
     * {@code ±hhmm} in the space-separated form); returns the offset after it, or -1. The local
     * epoch second is left in {@link #localEpochSecond}.
     */
    int iso8601(byte[] b, int p, int end, boolean allowSpace) {
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
        hasOffset = false;
        offsetSeconds = 0;
        if (q < end) {
            byte z = b[q];
            if (z == 'Z' || z == 'z') {
                hasOffset = true;
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
                    hasOffset = false;
                    offsetSeconds = 0;
                }
            }
        }
        if (q < end && b[q] != ' ') {
            return -1;
        }
        spaceSeparated = space;
        localEpochSecond = CivilTime.localEpochSecond(year, month, day, secondOfDay);
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
        hasOffset = true;
        offsetSeconds = sign * (hh * 3600 + mm * 60);
        return q;
    }

    /**
     * Sets the time of the header {@code h} from the last RFC 3164 timestamp, its year from
     * {@code years}.
     */
    void setBsdTime(SyslogHeader h, YearInference years) {
        long local = years.resolveLocal(month, day, secondOfDay);
        h.hasTimestamp = true;
        h.epochSecond = zone.toEpochSecond(local);
        h.offsetSeconds = zone.offset();
        h.nano = nano;
        h.yearInferred = true;
        h.dateAdjusted = years.lastAdjusted();
    }

    /** Sets the time of the header {@code h} from the last ISO 8601 timestamp. */
    void setIsoTime(SyslogHeader h) {
        h.hasTimestamp = true;
        h.nano = nano;
        if (hasOffset) {
            h.explicitOffset = true;
            h.offsetSeconds = offsetSeconds;
            h.epochSecond = localEpochSecond - offsetSeconds;
        } else {
            h.epochSecond = zone.toEpochSecond(localEpochSecond);
            h.offsetSeconds = zone.offset();
        }
    }

    /** The month (1 to 12) an English abbreviation {@code Jan} ... {@code Dec} names, or 0. */
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
}
