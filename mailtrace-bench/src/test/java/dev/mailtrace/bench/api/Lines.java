package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Ordinary mail-log lines of our own making, varied so that no two are equal. */
final class Lines {

    private Lines() {
    }

    static List<String> mailLog(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String qid = String.format(Locale.ROOT, "%X", 0x4F9D1954000L + i * 7919L);
            out.add(switch (i % 4) {
                case 0 -> "Nov 24 10:04:0" + (i % 10) + " mx1 postfix/smtpd[2105]: connect from mail.example.org[192.0.2." + (i % 250) + "]";
                case 1 -> "Nov 24 10:04:0" + (i % 10) + " mx1 postfix/cleanup[2107]: " + qid + ": message-id=<" + i + "@example.org>";
                case 2 -> "Nov 24 10:04:0" + (i % 10) + " mx1 postfix/qmgr[1201]: " + qid + ": from=<alice@example.org>, size=" + (1000 + i) + ", nrcpt=1 (queue active)";
                default -> "Nov 24 10:04:0" + (i % 10) + " mx1 postfix/smtp[2110]: " + qid + ": to=<bob@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.2, dsn=2.0.0, status=sent (250 ok)";
            });
        }
        return out;
    }
}
