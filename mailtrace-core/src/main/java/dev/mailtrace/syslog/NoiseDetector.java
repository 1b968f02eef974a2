package dev.mailtrace.syslog;

import static dev.mailtrace.syslog.Bytes.ascii;
import static dev.mailtrace.syslog.Bytes.indexOf;
import static dev.mailtrace.syslog.Bytes.isDigit;
import static dev.mailtrace.syslog.Bytes.parseCount;
import static dev.mailtrace.syslog.Bytes.startsWith;

/**
 * Recognises the lines the logging system writes about itself ({@link SyslogNoise}): repeat
 * counts and marks by their message, rsyslogd's, syslog-ng's, syslogd's and journald's notices by
 * their program.
 */
final class NoiseDetector {

    private NoiseDetector() {
    }

    private static final byte[] LAST_MESSAGE_REPEATED = ascii("last message repeated ");
    private static final byte[] BSD_LAST_MESSAGE_REPEATED = ascii("--- last message repeated ");
    private static final byte[] MESSAGE_REPEATED = ascii("message repeated ");
    private static final byte[] TIMES = ascii(" time");
    private static final byte[] TIMES_BRACKET = ascii(" times: [");
    private static final byte[] MARK = ascii("-- MARK --");
    private static final byte[] RSYSLOGD = ascii("rsyslogd");
    private static final byte[] SYSLOG_NG = ascii("syslog-ng");
    private static final byte[] SYSLOGD = ascii("syslogd");
    private static final byte[] JOURNAL = ascii("systemd-journal");
    private static final byte[] SUPPRESSED = ascii("Suppressed ");
    private static final byte[] MISSED = ascii("Missed ");
    private static final byte[] KERNEL_MESSAGES = ascii(" kernel messages");
    private static final byte[] MESSAGES = ascii(" messages");
    private static final byte[] FORWARDING_MISSED = ascii("Forwarding to syslog missed ");
    private static final byte[] LOST_SPACE = ascii(" lost ");
    private static final byte[] MESSAGES_LOST = ascii(" messages lost");

    /** Sets the noise and its count in {@code h} from the program and message it holds. */
    static void detect(byte[] b, SyslogHeader h) {
        int s = h.messageStart;
        int e = h.messageEnd;
        if (e - s >= 10) {
            byte c = b[s];
            if (c == 'l' && startsWith(b, s, e, LAST_MESSAGE_REPEATED)) {
                countThen(b, s + LAST_MESSAGE_REPEATED.length, e, TIMES, SyslogNoise.LAST_MESSAGE_REPEATED, h);
            } else if (c == 'm' && startsWith(b, s, e, MESSAGE_REPEATED)) {
                int after = countThen(b, s + MESSAGE_REPEATED.length, e, TIMES_BRACKET, SyslogNoise.MESSAGE_REPEATED, h);
                if (after > 0) {
                    int rs = after < e && b[after] == ' ' ? after + 1 : after;
                    int re = b[e - 1] == ']' ? e - 1 : e;
                    h.repeatedStart = rs;
                    h.repeatedEnd = Math.max(rs, re);
                }
            } else if (c == '-') {
                if (e - s == MARK.length && startsWith(b, s, e, MARK)) {
                    h.noise = SyslogNoise.MARK;
                } else if (startsWith(b, s, e, BSD_LAST_MESSAGE_REPEATED)) {
                    countThen(b, s + BSD_LAST_MESSAGE_REPEATED.length, e, TIMES, SyslogNoise.LAST_MESSAGE_REPEATED, h);
                }
            }
            if (h.noise != SyslogNoise.NONE) {
                return;
            }
        }
        int ps = h.programStart;
        int pe = h.programEnd;
        int pl = pe - ps;
        if (pl < 7) {
            if (pl == 0 && startsWith(b, s, e, SYSLOGD) && s + SYSLOGD.length < e && b[s + SYSLOGD.length] == ' ') {
                h.noise = SyslogNoise.SYSLOGD_NOTICE; // sysklogd: "syslogd 1.5.0: restart."
            }
            return;
        }
        byte c = b[ps];
        if (c == 'r') {
            if (startsWith(b, ps, pe, RSYSLOGD) && (pl == RSYSLOGD.length || b[ps + RSYSLOGD.length] == '-')) {
                rsyslogd(b, s, e, h);
            }
        } else if (c == 's') {
            if (pl == SYSLOG_NG.length && startsWith(b, ps, pe, SYSLOG_NG)
                    || pl == SYSLOGD.length && startsWith(b, ps, pe, SYSLOGD)) {
                h.noise = SyslogNoise.SYSLOGD_NOTICE;
            } else if ((pl == JOURNAL.length || pl == JOURNAL.length + 1 && b[pe - 1] == 'd')
                    && startsWith(b, ps, pe, JOURNAL)) {
                journald(b, s, e, h);
            }
        }
    }

    private static void rsyslogd(byte[] b, int s, int e, SyslogHeader h) {
        h.noise = SyslogNoise.SYSLOGD_NOTICE;
        // "imuxsock lost 12 messages from pid 34 due to rate-limiting"
        int i = indexOf(b, s, e, LOST_SPACE);
        if (i >= 0 && i + LOST_SPACE.length < e && isDigit(b[i + LOST_SPACE.length])) {
            h.noise = SyslogNoise.MESSAGES_LOST;
            h.noiseCount = parseCount(b, i + LOST_SPACE.length, e);
            return;
        }
        // "imjournal: 236 messages lost due to rate-limiting"
        i = indexOf(b, s, e, MESSAGES_LOST);
        if (i > s && isDigit(b[i - 1])) {
            int d = i;
            while (d > s && isDigit(b[d - 1])) {
                d--;
            }
            h.noise = SyslogNoise.MESSAGES_LOST;
            h.noiseCount = parseCount(b, d, i);
        }
    }

    private static void journald(byte[] b, int s, int e, SyslogHeader h) {
        if (startsWith(b, s, e, SUPPRESSED)) {
            countThen(b, s + SUPPRESSED.length, e, MESSAGES, SyslogNoise.MESSAGES_SUPPRESSED, h);
        } else if (startsWith(b, s, e, MISSED)) {
            countThen(b, s + MISSED.length, e, KERNEL_MESSAGES, SyslogNoise.KERNEL_MESSAGES_MISSED, h);
        } else if (startsWith(b, s, e, FORWARDING_MISSED)) {
            countThen(b, s + FORWARDING_MISSED.length, e, MESSAGES, SyslogNoise.MESSAGES_LOST, h);
        }
        if (h.noise == SyslogNoise.NONE) {
            h.noise = SyslogNoise.SYSLOGD_NOTICE;
        }
    }

    /**
     * If {@code b[p, e)} starts with a number followed by {@code then}, records {@code kind} with
     * that count and returns the offset after {@code then}; otherwise -1.
     */
    private static int countThen(byte[] b, int p, int e, byte[] then, SyslogNoise kind, SyslogHeader h) {
        int d = p;
        while (d < e && isDigit(b[d])) {
            d++;
        }
        if (d == p || !startsWith(b, d, e, then)) {
            return -1;
        }
        h.noise = kind;
        h.noiseCount = parseCount(b, p, d);
        return d + then.length;
    }
}
