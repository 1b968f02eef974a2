package dev.mailtrace.syslog;

import static dev.mailtrace.syslog.Bytes.indexOfSpace;
import static dev.mailtrace.syslog.Bytes.parsePid;
import static dev.mailtrace.syslog.Bytes.skipSpaces;

/**
 * What follows an RFC 3164 or ISO 8601 timestamp: syslog-ng's {@code <facility.severity>}, the
 * host and the tag (program and pid), told apart as {@link SyslogScanner} describes. One per
 * scanner (it holds the scratch of the tag parser); not thread-safe.
 */
final class HostTagScanner {

    private int tagNameEnd;
    private int tagProcStart;
    private int tagProcEnd;

    /**
     * Fills host, tag, program, pid and message from the first word after the timestamp at
     * {@code p}. {@code strict} (the space-separated ISO form) takes the first word for a host
     * only if a tag with a numeric pid follows it.
     */
    void scan(byte[] b, int p, int end, boolean strict, SyslogHeader h) {
        if (p >= end) {
            h.messageStart = end;
            return;
        }
        int w1 = indexOfSpace(b, p, end);
        if (tag(b, p, w1)) {
            commitTag(b, p, w1, h);
            h.messageStart = w1 < end ? w1 + 1 : end;
            return;
        }
        int s2 = w1 + 1;
        if (s2 >= end) {
            if (strict) {
                h.messageStart = p;
            } else {
                h.hostStart = p;
                h.hostEnd = w1;
                h.messageStart = end;
            }
            return;
        }
        int w2 = indexOfSpace(b, s2, end);
        if (tag(b, s2, w2) && (!strict || parsePid(b, tagProcStart, tagProcEnd) >= 0)) {
            h.hostStart = p;
            h.hostEnd = w1;
            commitTag(b, s2, w2, h);
            h.messageStart = w2 < end ? w2 + 1 : end;
            return;
        }
        if (strict) {
            h.messageStart = p;
        } else {
            h.hostStart = p;
            h.hostEnd = w1;
            h.messageStart = s2;
        }
    }

    /**
     * Whether {@code b[s, e)} (one word) is a tag: a name without {@code : [ ( <} and then
     * {@code [...]}, {@code (...)} or {@code <...>} groups, ending in {@code :}. Leaves the name's
     * end and the first {@code [...]}/{@code (...)} content in the scratch fields.
     */
    private boolean tag(byte[] b, int s, int e) {
        int colon = e - 1;
        if (colon <= s || b[colon] != ':') {
            return false;
        }
        int q = s;
        while (q < colon) {
            byte c = b[q];
            if (c == '[' || c == '(' || c == '<' || c == ':') {
                break;
            }
            q++;
        }
        if (q == s) {
            return false;
        }
        tagNameEnd = q;
        tagProcStart = tagProcEnd = -1;
        while (q < colon) {
            byte open = b[q];
            byte close = open == '[' ? (byte) ']' : open == '(' ? (byte) ')' : open == '<' ? (byte) '>' : 0;
            if (close == 0) {
                return false;
            }
            int k = q + 1;
            while (k < colon && b[k] != close) {
                k++;
            }
            if (k >= colon) {
                return false;
            }
            if (tagProcStart < 0 && open != '<') {
                tagProcStart = q + 1;
                tagProcEnd = k;
            }
            q = k + 1;
        }
        return true;
    }

    private void commitTag(byte[] b, int s, int e, SyslogHeader h) {
        h.tagStart = s;
        h.tagEnd = e - 1;
        h.programStart = s;
        h.programEnd = tagNameEnd;
        if (tagProcStart >= 0) {
            h.procIdStart = tagProcStart;
            h.procIdEnd = tagProcEnd;
            h.pid = parsePid(b, tagProcStart, tagProcEnd);
        }
    }

    /** syslog-ng's {@code <facility.severity>} after the timestamp; returns where the host starts. */
    static int facilitySeverity(byte[] b, int p, int end, SyslogHeader h) {
        int close = p + 1;
        int dot = -1;
        while (close < end && close - p < 24 && b[close] != '>' && b[close] != ' ') {
            if (b[close] == '.' && dot < 0) {
                dot = close;
            }
            close++;
        }
        if (close >= end || b[close] != '>' || dot < 0 || close + 1 >= end || b[close + 1] != ' ') {
            return p;
        }
        int facility = SyslogNames.facility(b, p + 1, dot);
        int severity = SyslogNames.severity(b, dot + 1, close);
        if (facility < 0 || severity < 0) {
            return p;
        }
        if (h.priority < 0) {
            h.priority = facility * 8 + severity;
        }
        return skipSpaces(b, close + 1, end);
    }
}
