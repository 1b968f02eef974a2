package dev.mailtrace.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyslogNoiseTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // sysklogd: no tag
        "Nov 24 10:04:05 mx1 last message repeated 3 times|LAST_MESSAGE_REPEATED|3",
        "Nov 24 10:04:05 mx1 last message repeated 1 time|LAST_MESSAGE_REPEATED|1",
        // rsyslog's old format keeps the original tag
        "Nov 24 10:04:05 mx1 postfix/smtpd[12]: last message repeated 12 times|LAST_MESSAGE_REPEATED|12",
        "Nov 24 10:04:05 mx1 --- last message repeated 2 times ---|LAST_MESSAGE_REPEATED|2",
        "Nov 24 10:04:05 mx1 postfix/smtpd[12]: message repeated 4 times: [ warning: hostname x does not resolve]|MESSAGE_REPEATED|4",
        "Nov 24 10:04:05 mx1 -- MARK --|MARK|-1",
        "Nov 24 10:04:05 mx1 rsyslogd: -- MARK --|MARK|-1",
        "2026-11-24T10:04:05+01:00 mx1 rsyslogd: [origin software=\"rsyslogd\" swVersion=\"8.2302.0\" x-pid=\"712\" x-info=\"https://www.rsyslog.com\"] start|SYSLOGD_NOTICE|-1",
        "Nov 24 10:04:05 mx1 rsyslogd: [origin software=\"rsyslogd\" swVersion=\"8.2302.0\" x-pid=\"712\" x-info=\"https://www.rsyslog.com\"] exiting on signal 15.|SYSLOGD_NOTICE|-1",
        "Nov 24 06:25:01 mx1 rsyslogd: [origin software=\"rsyslogd\" swVersion=\"8.2302.0\" x-pid=\"712\" x-info=\"https://www.rsyslog.com\"] rsyslogd was HUPed|SYSLOGD_NOTICE|-1",
        "Nov 24 10:04:05 mx1 rsyslogd-2177: imuxsock lost 1234 messages from pid 5678 due to rate-limiting|MESSAGES_LOST|1234",
        "Nov 24 10:04:05 mx1 rsyslogd-2177: imuxsock begins to drop messages from pid 5678 due to rate-limiting|SYSLOGD_NOTICE|-1",
        "Nov 24 10:04:05 mx1 rsyslogd-2177: imjournal: 236 messages lost due to rate-limiting|MESSAGES_LOST|236",
        "Nov 24 10:04:05 mx1 rsyslogd: imuxsock[pid: 57, name: /usr/bin/x]: 48814808 messages lost due to rate-limiting (20000 allowed within 300 seconds)|MESSAGES_LOST|48814808",
        "Nov 24 10:04:05 mx1 systemd-journald[312]: Suppressed 917 messages from postfix@-.service|MESSAGES_SUPPRESSED|917",
        "Nov 24 10:04:05 mx1 systemd-journal[1864]: Suppressed 917 messages from /|MESSAGES_SUPPRESSED|917",
        "Nov 24 10:04:05 mx1 systemd-journald[312]: Missed 1427 kernel messages|KERNEL_MESSAGES_MISSED|1427",
        "Nov 24 10:04:05 mx1 systemd-journald[312]: Forwarding to syslog missed 33 messages.|MESSAGES_LOST|33",
        "Nov 24 10:04:05 mx1 systemd-journald[312]: Journal started|SYSLOGD_NOTICE|-1",
        "Nov 24 10:04:05 mx1 syslogd 1.5.0: restart.|SYSLOGD_NOTICE|-1",
        "<14>1 2026-11-24T10:04:05Z mx1 rsyslogd - - - [origin software=\"rsyslogd\"] start|SYSLOGD_NOTICE|-1",
    })
    void syslogsOwnLines(String line, SyslogNoise kind, long count) {
        SyslogHeader h = SyslogScannerTest.scan(line);
        assertThat(h.noise()).isEqualTo(kind);
        assertThat(h.noiseCount()).isEqualTo(count);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Nov 24 10:04:05 mx1 postfix/smtpd[12]: lost connection after CONNECT from unknown[192.0.2.1]",
        "Nov 24 10:04:05 mx1 postfix/smtpd[12]: last message was fine",
        "Nov 24 10:04:05 mx1 postfix/smtpd[12]: message repeated often: [x]",
        "Nov 24 10:04:05 mx1 postfix/smtpd[12]: -- MARK -- but more",
        "Nov 24 10:04:05 mx1 postfix/cleanup[12]: Suppressed 3 messages from x",
        "Nov 24 10:04:05 mx1 rsyslog: imuxsock lost 3 messages",
        "Nov 24 10:04:05 mx1 systemd-journalx[1]: Suppressed 3 messages",
        "Nov 24 10:04:05 mx1 syslog-ngx[1]: starting",
        "Nov 24 10:04:05 mx1 dovecot: imap(u): Disconnected: Logged out; imuxsock lost 3",
    })
    void mailLinesThatMerelyLookLikeThemAreNot(String line) {
        SyslogHeader h = SyslogScannerTest.scan(line);
        assertThat(h.noise()).isEqualTo(SyslogNoise.NONE);
        assertThat(h.noiseCount()).isEqualTo(-1);
    }

    @Test
    void linesWithQuotes() {
        for (String line : new String[] {
            "Nov 24 10:04:05 mx1 rsyslogd: action 'action-1-builtin:omfile' resumed (module 'builtin:omfile')",
            "Nov 24 10:04:05 mx1 syslog-ng[99]: syslog-ng starting up; version='3.38.1'",
        }) {
            SyslogHeader h = SyslogScannerTest.scan(line);
            assertThat(h.noise()).as(line).isEqualTo(SyslogNoise.SYSLOGD_NOTICE);
        }
    }

    @Test
    void rsyslogRepeatedMessageExposesTheOriginal() {
        SyslogHeader h = SyslogScannerTest.scan(
                "Nov 24 10:04:05 mx1 postfix/smtpd[12]: message repeated 4 times: [ warning: hostname x does not resolve]");
        assertThat(h.program()).isEqualTo("postfix/smtpd");
        assertThat(h.pid()).isEqualTo(12);
        assertThat(new String(h.buffer(), h.repeatedStart(), h.repeatedEnd() - h.repeatedStart()))
                .isEqualTo("warning: hostname x does not resolve");
        // rsyslog cuts the original at 800 characters; a missing bracket leaves it to the end
        SyslogHeader cut = SyslogScannerTest.scan("Nov 24 10:04:05 mx1 p: message repeated 2 times: [ abc");
        assertThat(new String(cut.buffer(), cut.repeatedStart(), cut.repeatedEnd() - cut.repeatedStart())).isEqualTo("abc");
    }

    @Test
    void hugeCountsSaturate() {
        SyslogHeader h = SyslogScannerTest.scan("Nov 24 10:04:05 mx1 last message repeated 99999999999999999999999 times");
        assertThat(h.noise()).isEqualTo(SyslogNoise.LAST_MESSAGE_REPEATED);
        assertThat(h.noiseCount()).isEqualTo(Long.MAX_VALUE);
    }
}
