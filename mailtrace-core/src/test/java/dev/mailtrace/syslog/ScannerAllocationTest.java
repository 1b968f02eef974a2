package dev.mailtrace.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The hot path allocates nothing per line, whatever the format. */
class ScannerAllocationTest {

    static final String[] LINES = {
        "Nov 24 10:04:05 mx1 postfix/smtpd[2101]: connect from unknown[198.51.100.23]",
        "<22>Nov 24 10:14:05.123456 <mail.info> mx1 postfix-out/qmgr[9]: 4BxY: removed",
        "2026-11-24T10:24:05.123456+01:00 mx1 postfix/smtp[1]: 4BxY: to=<a@example.org>, status=sent",
        "2026-11-24T10:34:05 mx1 dovecot: imap-login: Login: user=<a>",
        "2026-11-24 10:44:05 1VxPit-000MMd-U4 <= a@example.org H=mx [192.0.2.1]",
        "<34>1 2026-11-24T10:54:05.123Z mx1 postfix 2101 ID47 [a@1 k=\"v\\]\"] \uFEFFmsg",
        "Nov 24 10:55:05 auth-worker(57065): Info: conn unix:auth-worker",
        "Nov 24 10:56:05 mx1 last message repeated 3 times",
        "Nov 24 10:57:05 mx1 rsyslogd-2177: imuxsock lost 1234 messages from pid 5678 due to rate-limiting",
        "Nov 24 10:58:05 mx1 systemd-journald[312]: Suppressed 917 messages from postfix.service",
        "@400000004c91b044077a9e94 imap-login: Info: Aborted login",
    };

    @Test
    void scanningAllocatesNothingPerLine() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");
        byte[][] lines = new byte[LINES.length][];
        for (int i = 0; i < LINES.length; i++) {
            lines[i] = LINES[i].getBytes(StandardCharsets.UTF_8);
        }
        SyslogScanner scanner = SyslogScanner.builder().zone(ZoneId.of("Europe/Berlin")).build();
        scanner.startSource(Instant.parse("2026-11-25T00:00:00Z"));
        SyslogHeader h = new SyslogHeader();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm-up, fills the offset cache
            byte[] b = lines[i % lines.length];
            scanner.scan(b, 0, b.length, h);
            sink += h.epochSecond() + h.messageStart();
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            byte[] b = lines[i % lines.length];
            scanner.scan(b, 0, b.length, h);
            sink += h.epochSecond() + h.messageStart() + h.noiseCount();
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(sink).isNotZero();
        assertThat(allocated).as("bytes allocated for %d lines", n).isLessThan(16 * 1024);
    }
}
