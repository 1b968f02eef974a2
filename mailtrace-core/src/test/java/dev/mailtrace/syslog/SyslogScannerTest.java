package dev.mailtrace.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyslogScannerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** The parts a dialect dispatches on, decoded, for compact assertions. */
    record Parts(SyslogFormat format, String host, String program, long pid, String message) {
    }

    static SyslogHeader scan(String line) {
        return scan(SyslogScanner.builder().zone(ZoneOffset.UTC).year(2026).build(), line);
    }

    static SyslogHeader scan(SyslogScanner scanner, String line) {
        // put the line in the middle of a larger buffer: offsets must be relative to it
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[text.length + 20];
        java.util.Arrays.fill(buf, (byte) 'x');
        System.arraycopy(text, 0, buf, 7, text.length);
        SyslogHeader h = new SyslogHeader();
        SyslogFormat f = scanner.scan(buf, 7, text.length, h);
        assertThat(f).isSameAs(h.format());
        assertSpansInside(h, 7, 7 + text.length);
        return h;
    }

    static Parts parts(String line) {
        SyslogHeader h = scan(line);
        return new Parts(h.format(), h.host(), h.program(), h.pid(), h.message());
    }

    static void assertSpansInside(SyslogHeader h, int start, int end) {
        int[][] spans = {
            {h.hostStart(), h.hostEnd()}, {h.tagStart(), h.tagEnd()}, {h.programStart(), h.programEnd()},
            {h.procIdStart(), h.procIdEnd()}, {h.msgIdStart(), h.msgIdEnd()},
            {h.structuredDataStart(), h.structuredDataEnd()}, {h.messageStart(), h.messageEnd()},
            {h.repeatedStart(), h.repeatedEnd()},
        };
        for (int[] s : spans) {
            assertThat(s[0]).isBetween(start, end);
            assertThat(s[1]).isBetween(s[0], end);
        }
        assertThat(h.messageEnd()).isEqualTo(end);
    }

    // ------------------------------------------------------------------ RFC 3164

    @Test
    void rfc3164WithHostTagAndPid() {
        SyslogHeader h = scan("Nov 24 10:04:05 mx1 postfix/smtpd[2101]: connect from unknown[198.51.100.23]");
        assertThat(h.format()).isEqualTo(SyslogFormat.RFC3164);
        assertThat(h.hasPriority()).isFalse();
        assertThat(h.priority()).isEqualTo(-1);
        assertThat(h.facility()).isEqualTo(-1);
        assertThat(h.host()).isEqualTo("mx1");
        assertThat(h.tag()).isEqualTo("postfix/smtpd[2101]");
        assertThat(h.program()).isEqualTo("postfix/smtpd");
        assertThat(h.procId()).isEqualTo("2101");
        assertThat(h.pid()).isEqualTo(2101);
        assertThat(h.message()).isEqualTo("connect from unknown[198.51.100.23]");
        assertThat(h.instant()).isEqualTo(Instant.parse("2026-11-24T10:04:05Z"));
        assertThat(h.yearInferred()).isTrue();
        assertThat(h.explicitOffset()).isFalse();
        assertThat(h.noise()).isEqualTo(SyslogNoise.NONE);
        assertThat(h.malformed()).isFalse();
    }

    @Test
    void rfc3164WithPriority() {
        SyslogHeader h = scan("<22>Nov 24 10:04:05 mx1 postfix/qmgr[9]: 4BxY: removed");
        assertThat(h.format()).isEqualTo(SyslogFormat.RFC3164);
        assertThat(h.priority()).isEqualTo(22);
        assertThat(h.facility()).isEqualTo(2);
        assertThat(h.severity()).isEqualTo(6);
        assertThat(h.program()).isEqualTo("postfix/qmgr");
        assertThat(h.message()).isEqualTo("4BxY: removed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Nov  4 10:04:05 h p: m|2026-11-04T10:04:05Z",
        "Nov 04 10:04:05 h p: m|2026-11-04T10:04:05Z",
        "Nov 4 10:04:05 h p: m|2026-11-04T10:04:05Z",
        "Mar 7 02:09:33 h p: m|2026-03-07T02:09:33Z",
        "Jan 31 23:59:59 h p: m|2026-01-31T23:59:59Z",
        "Nov 24 10:04:05.123456 h p: m|2026-11-24T10:04:05.123456Z",
        "Nov 24 10:04:05.1 h p: m|2026-11-24T10:04:05.100Z",
        "Nov 24 10:04:05.123456789123 h p: m|2026-11-24T10:04:05.123456789Z",
    })
    void rfc3164DayPaddingAndFractions(String line, String instant) {
        SyslogHeader h = scan(line);
        assertThat(h.format()).isEqualTo(SyslogFormat.RFC3164);
        assertThat(h.instant()).isEqualTo(Instant.parse(instant));
        assertThat(h.host()).isEqualTo("h");
        assertThat(h.program()).isEqualTo("p");
        assertThat(h.message()).isEqualTo("m");
    }

    @Test
    void everyMonthName() {
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int i = 0; i < 12; i++) {
            SyslogHeader h = scan(SyslogScanner.builder().zone(ZoneOffset.UTC).year(2026).build(),
                    months[i] + " 28 00:00:00 h p: m");
            assertThat(h.offsetDateTime().getMonthValue()).as(months[i]).isEqualTo(i + 1);
        }
        assertThat(scan("JAN 28 00:00:00 h p: m").format()).isEqualTo(SyslogFormat.NONE);
        assertThat(scan("Jax 28 00:00:00 h p: m").format()).isEqualTo(SyslogFormat.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // line | host | program | pid | procId | message
        "Nov 24 10:04:05 mx1 postfix-out/qmgr[9]: 4BxY: removed|mx1|postfix-out/qmgr|9|9|4BxY: removed",
        "Nov 24 10:04:05 mx1 postfix/submission/smtpd[77]: connect|mx1|postfix/submission/smtpd|77|77|connect",
        "Nov 24 10:04:05 mx1 dovecot: imap-login: Login: user=<a>|mx1|dovecot|-1||imap-login: Login: user=<a>",
        "Nov 24 10:04:05 mx1 dovecot[241]: imap-login: Login aborted|mx1|dovecot|241|241|imap-login: Login aborted",
        "Jun 12 23:06:05 auth-worker(57065): Info: conn unix:auth-worker||auth-worker|57065|57065|Info: conn unix:auth-worker",
        "Jun 12 23:06:05 mail auth-worker(57065): Info: x|mail|auth-worker|57065|57065|Info: x",
        "Feb 23 21:36:14 petermurray sm-mta[22248]: s1NLaDQT022248: ruleset=check_rcpt|petermurray|sm-mta|22248|22248|s1NLaDQT022248: ruleset=check_rcpt",
        "Jan 29 09:33:58 pop3-login: Info: Aborted login||pop3-login|-1||Info: Aborted login",
        "Aug 30 00:11:05 imap-login: Info: Login aborted||imap-login|-1||Info: Login aborted",
        "Mar 23 06:10:52 auth: Info: ldap(dog,52.37.139.121,): invalid credentials||auth|-1||Info: ldap(dog,52.37.139.121,): invalid credentials",
        "2013-08-11T03:56:40Z auth-worker(default): Info: pam(username,1.2.3.4)||auth-worker|-1|default|Info: pam(username,1.2.3.4)",
        "Nov 24 10:04:05 mx1 rsyslogd-2177: imuxsock begins to drop messages|mx1|rsyslogd-2177|-1||imuxsock begins to drop messages",
        "Nov 24 10:04:05 mx1 kernel: [ 12.345] eth0: link up|mx1|kernel|-1||[ 12.345] eth0: link up",
        "Nov 24 10:04:05 2001:db8::1 postfix/smtp[5]: x|2001:db8::1|postfix/smtp|5|5|x",
        "Nov 24 10:04:05 fe80:: postfix/smtp[5]: x|fe80::|postfix/smtp|5|5|x",
        "Nov 24 10:04:05 mx1 postfix/smtpd[123]:|mx1|postfix/smtpd|123|123|''",
        "Nov 24 10:04:05 mx1 CRON[99999999999999999999]: too big|mx1|CRON|-1|99999999999999999999|too big",
    })
    void tagShapes(String line, String host, String program, long pid, String procId, String message) {
        SyslogHeader h = scan(line);
        assertThat(h.host()).isEqualTo(host);
        assertThat(h.program()).isEqualTo(program);
        assertThat(h.pid()).isEqualTo(pid);
        assertThat(h.procId()).isEqualTo(procId);
        assertThat(h.message()).isEqualTo(message == null ? "" : message);
    }

    @Test
    void dovecotTagWithUserAndSessionKeepsTheWholeTag() {
        SyslogHeader h = scan("Aug 30 00:10:57 auth(info@example.com,192.0.2.110,sasl:login)<CvN+E95Uf4e7eEnj>: Info: sql: Password mismatch");
        assertThat(h.host()).isNull();
        assertThat(h.program()).isEqualTo("auth");
        assertThat(h.procId()).isEqualTo("info@example.com,192.0.2.110,sasl:login");
        assertThat(h.pid()).isEqualTo(-1);
        assertThat(h.tag()).isEqualTo("auth(info@example.com,192.0.2.110,sasl:login)<CvN+E95Uf4e7eEnj>");
        assertThat(h.message()).isEqualTo("Info: sql: Password mismatch");
    }

    @Test
    void linesWithoutTagKeepTheHostAndStartTheMessageAfterIt() {
        assertThat(parts("Nov 24 10:04:05 mx1 some message without tag"))
                .isEqualTo(new Parts(SyslogFormat.RFC3164, "mx1", null, -1, "some message without tag"));
        // a second word that looks like a tag but lacks the colon at its end is message
        assertThat(parts("Nov 24 10:04:05 mx1 prog[1] msg"))
                .isEqualTo(new Parts(SyslogFormat.RFC3164, "mx1", null, -1, "prog[1] msg"));
        assertThat(parts("Nov 24 10:04:05 mx1 prog:msg"))
                .isEqualTo(new Parts(SyslogFormat.RFC3164, "mx1", null, -1, "prog:msg"));
        assertThat(parts("Nov 24 10:04:05 mx1"))
                .isEqualTo(new Parts(SyslogFormat.RFC3164, "mx1", null, -1, ""));
        assertThat(parts("Nov 24 10:04:05"))
                .isEqualTo(new Parts(SyslogFormat.RFC3164, null, null, -1, ""));
        assertThat(parts("Nov 24 10:04:05 "))
                .isEqualTo(new Parts(SyslogFormat.RFC3164, null, null, -1, ""));
    }

    @Test
    void unclosedOrStrayTagGroupsAreNoTag() {
        assertThat(parts("Nov 24 10:04:05 mx1 prog[12: msg").program()).isNull();
        assertThat(parts("Nov 24 10:04:05 mx1 prog[12]x: msg").program()).isNull();
        assertThat(parts("Nov 24 10:04:05 mx1 [12]: msg").program()).isNull();
        assertThat(parts("Nov 24 10:04:05 mx1 :: msg").program()).isNull();
    }

    @Test
    void syslogNgFacilityAndSeverityNamesAfterTheTimestamp() {
        SyslogHeader h = scan("Jun 17 14:37:39 <mail.notice> robin sm-mta[2794]: 55HIbcGI002794: <baduser@yourhost.com>... User unknown");
        assertThat(h.format()).isEqualTo(SyslogFormat.RFC3164);
        assertThat(h.facility()).isEqualTo(2);
        assertThat(h.severity()).isEqualTo(5);
        assertThat(h.host()).isEqualTo("robin");
        assertThat(h.program()).isEqualTo("sm-mta");
        assertThat(h.pid()).isEqualTo(2794);
        assertThat(h.message()).isEqualTo("55HIbcGI002794: <baduser@yourhost.com>... User unknown");
        // unknown names: not a priority, just a strange host
        SyslogHeader odd = scan("Jun 17 14:37:39 <mail.loud> robin sm-mta[2794]: x");
        assertThat(odd.hasPriority()).isFalse();
        assertThat(odd.host()).isEqualTo("<mail.loud>");
        assertThat(odd.program()).isNull();
    }

    @Test
    void bsdTimestampUsesTheConfiguredZoneWithDaylightSavingTime() {
        // a scanner per line: these lines are no file in time order
        java.util.function.Supplier<SyslogScanner> berlin = () -> SyslogScanner.builder().zone(BERLIN).year(2026).build();
        SyslogHeader winter = scan(berlin.get(), "Jan 15 12:00:00 h p: m");
        assertThat(winter.offsetSeconds()).isEqualTo(3600);
        assertThat(winter.instant()).isEqualTo(Instant.parse("2026-01-15T11:00:00Z"));
        assertThat(winter.offsetDateTime()).isEqualTo(OffsetDateTime.parse("2026-01-15T12:00:00+01:00"));
        SyslogHeader summer = scan(berlin.get(), "Jul 15 12:00:00 h p: m");
        assertThat(summer.offsetSeconds()).isEqualTo(7200);
        assertThat(summer.instant()).isEqualTo(Instant.parse("2026-07-15T10:00:00Z"));
        // in the spring-forward gap (02:30 does not exist on 2026-03-29): as ZonedDateTime.ofLocal
        SyslogHeader gap = scan(berlin.get(), "Mar 29 02:30:00 h p: m");
        ZonedDateTime expected = ZonedDateTime.ofLocal(LocalDateTime.parse("2026-03-29T02:30:00"), BERLIN, null);
        assertThat(gap.instant()).isEqualTo(expected.toInstant());
        assertThat(gap.offsetSeconds()).isEqualTo(expected.getOffset().getTotalSeconds());
        // in the autumn overlap: the earlier offset
        SyslogHeader overlap = scan(berlin.get(), "Oct 25 02:30:00 h p: m");
        assertThat(overlap.instant()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    // ------------------------------------------------------------------ ISO 8601

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-12-31T23:59:58.123456+01:00 mx1 postfix/smtpd[1]: m|2026-12-31T23:59:58.123456+01:00|true",
        "2026-12-31T23:59:58Z mx1 postfix/smtpd[1]: m|2026-12-31T23:59:58Z|true",
        "2026-12-31T23:59:58z mx1 postfix/smtpd[1]: m|2026-12-31T23:59:58Z|true",
        "2026-12-31T23:59:58+01:00 mx1 postfix/smtpd[1]: m|2026-12-31T23:59:58+01:00|true",
        "2026-12-31T23:59:58.123+0530 mx1 postfix/smtpd[1]: m|2026-12-31T23:59:58.123+05:30|true",
        "2026-12-31T23:59:58.123456789-03:00 mx1 postfix/smtpd[1]: m|2026-12-31T23:59:58.123456789-03:00|true",
        "2026-12-31T23:59:58-03 mx1 postfix/smtpd[1]: m|2026-12-31T23:59:58-03:00|true",
        "2026-07-01T12:00:00 mx1 postfix/smtpd[1]: m|2026-07-01T12:00:00+02:00|false",
        "2026-07-01T12:00:00.5 mx1 postfix/smtpd[1]: m|2026-07-01T12:00:00.5+02:00|false",
        "<13>2026-12-31T23:59:58Z mx1 postfix/smtpd[1]: m|2026-12-31T23:59:58Z|true",
    })
    void iso8601Timestamps(String line, String expected, boolean explicit) {
        SyslogHeader h = scan(SyslogScanner.builder().zone(BERLIN).build(), line);
        assertThat(h.format()).isEqualTo(SyslogFormat.ISO8601);
        OffsetDateTime want = OffsetDateTime.parse(expected);
        assertThat(h.instant()).isEqualTo(want.toInstant());
        assertThat(h.offsetSeconds()).isEqualTo(want.getOffset().getTotalSeconds());
        assertThat(h.offsetDateTime()).isEqualTo(want);
        assertThat(h.explicitOffset()).isEqualTo(explicit);
        assertThat(h.yearInferred()).isFalse();
        assertThat(h.host()).isEqualTo("mx1");
        assertThat(h.program()).isEqualTo("postfix/smtpd");
        assertThat(h.pid()).isEqualTo(1);
        assertThat(h.message()).isEqualTo("m");
    }

    @Test
    void spaceSeparatedIsoFromApplicationsHasAHostOnlyBeforeATagWithPid() {
        SyslogScanner s = SyslogScanner.builder().zone(ZoneOffset.UTC).build();
        SyslogHeader exim = scan(s, "2013-06-02 09:22:06 SMTP call from [192.0.2.109] dropped: too many syntax errors");
        assertThat(exim.format()).isEqualTo(SyslogFormat.ISO8601);
        assertThat(exim.instant()).isEqualTo(Instant.parse("2013-06-02T09:22:06Z"));
        assertThat(exim.host()).isNull();
        assertThat(exim.program()).isNull();
        assertThat(exim.message()).isEqualTo("SMTP call from [192.0.2.109] dropped: too many syntax errors");
        SyslogHeader id = scan(s, "2013-12-30 00:24:50 1VxPit-000MMd-U4 SA: Action: flagged as Spam");
        assertThat(id.host()).isNull();
        assertThat(id.message()).isEqualTo("1VxPit-000MMd-U4 SA: Action: flagged as Spam");
        SyslogHeader withHost = scan(s, "2019-10-22 03:39:17 mx1.fqdn.local exim[29786]: dovecot_login authenticator failed");
        assertThat(withHost.host()).isEqualTo("mx1.fqdn.local");
        assertThat(withHost.program()).isEqualTo("exim");
        assertThat(withHost.pid()).isEqualTo(29786);
        assertThat(withHost.message()).isEqualTo("dovecot_login authenticator failed");
        SyslogHeader tagFirst = scan(s, "2013-08-11 03:56:40 auth-worker(default): Info: pam(username,1.2.3.4)");
        assertThat(tagFirst.host()).isNull();
        assertThat(tagFirst.program()).isEqualTo("auth-worker");
        SyslogHeader zoned = scan(s, "2013-06-02 09:22:06 +0100 [1234] H=x");
        assertThat(zoned.instant()).isEqualTo(Instant.parse("2013-06-02T08:22:06Z"));
        assertThat(zoned.explicitOffset()).isTrue();
        assertThat(zoned.message()).isEqualTo("[1234] H=x");
        SyslogHeader notAZone = scan(s, "2013-06-02 09:22:06 +01 mail");
        assertThat(notAZone.explicitOffset()).isFalse();
        assertThat(notAZone.message()).isEqualTo("+01 mail");
    }

    // ------------------------------------------------------------------ RFC 5424

    @Test
    void rfc5424Complete() {
        String line = "<34>1 2026-11-24T10:04:05.123Z mx1.example.org postfix 2101 ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"][origin ip=\"192.0.2.1\"] \uFEFF'su root' failed";
        SyslogHeader h = scan(line);
        assertThat(h.format()).isEqualTo(SyslogFormat.RFC5424);
        assertThat(h.malformed()).isFalse();
        assertThat(h.priority()).isEqualTo(34);
        assertThat(h.facility()).isEqualTo(4);
        assertThat(h.severity()).isEqualTo(2);
        assertThat(h.instant()).isEqualTo(Instant.parse("2026-11-24T10:04:05.123Z"));
        assertThat(h.explicitOffset()).isTrue();
        assertThat(h.yearInferred()).isFalse();
        assertThat(h.host()).isEqualTo("mx1.example.org");
        assertThat(h.program()).isEqualTo("postfix");
        assertThat(h.tag()).isEqualTo("postfix");
        assertThat(h.procId()).isEqualTo("2101");
        assertThat(h.pid()).isEqualTo(2101);
        assertThat(h.msgId()).isEqualTo("ID47");
        assertThat(h.structuredData()).isEqualTo("[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"][origin ip=\"192.0.2.1\"]");
        assertThat(h.message()).as("BOM skipped").isEqualTo("'su root' failed");
    }

    @Test
    void rfc5424NilValues() {
        SyslogHeader h = scan("<165>1 - - - - - - just the message");
        assertThat(h.format()).isEqualTo(SyslogFormat.RFC5424);
        assertThat(h.malformed()).isFalse();
        assertThat(h.hasTimestamp()).isFalse();
        assertThat(h.instant()).isNull();
        assertThat(h.host()).isNull();
        assertThat(h.program()).isNull();
        assertThat(h.procId()).isNull();
        assertThat(h.pid()).isEqualTo(-1);
        assertThat(h.msgId()).isNull();
        assertThat(h.structuredData()).isNull();
        assertThat(h.message()).isEqualTo("just the message");

        SyslogHeader noMsg = scan("<165>1 2026-11-24T10:04:05+01:00 host app proc-7 - -");
        assertThat(noMsg.malformed()).isFalse();
        assertThat(noMsg.procId()).isEqualTo("proc-7");
        assertThat(noMsg.pid()).isEqualTo(-1);
        assertThat(noMsg.message()).isEmpty();
        assertThat(noMsg.instant()).isEqualTo(Instant.parse("2026-11-24T09:04:05Z"));
    }

    @Test
    void rfc5424StructuredDataWithEscapes() {
        String sd = "[a@1 k=\"x\\]y\" q=\"say \\\"hi\\\"\" b=\"back\\\\\"][b@1 e=\"]\"]";
        SyslogHeader h = scan("<13>1 2026-11-24T10:04:05Z h app - - " + sd + " msg [not sd]");
        assertThat(h.malformed()).isFalse();
        assertThat(h.structuredData()).isEqualTo(sd);
        assertThat(h.message()).isEqualTo("msg [not sd]");
    }

    @Test
    void rfc5424MalformedPartsAreFlaggedAndKept() {
        SyslogHeader open = scan("<13>1 2026-11-24T10:04:05Z h app - - [a@1 k=\"never closed] msg");
        assertThat(open.format()).isEqualTo(SyslogFormat.RFC5424);
        assertThat(open.malformed()).isTrue();
        assertThat(open.structuredData()).isEqualTo("[a@1 k=\"never closed] msg");
        assertThat(open.message()).isEmpty();

        SyslogHeader shortHeader = scan("<13>1 2026-11-24T10:04:05Z h app");
        assertThat(shortHeader.malformed()).isTrue();
        assertThat(shortHeader.host()).isEqualTo("h");
        assertThat(shortHeader.program()).isEqualTo("app");

        SyslogHeader badTime = scan("<13>1 yesterday h app - - - m");
        assertThat(badTime.malformed()).isTrue();
        assertThat(badTime.hasTimestamp()).isFalse();
        assertThat(badTime.message()).isEqualTo("yesterday h app - - - m");

        SyslogHeader badSd = scan("<13>1 2026-11-24T10:04:05Z h app - - nosd m");
        assertThat(badSd.malformed()).isTrue();
        assertThat(badSd.message()).isEqualTo("nosd m");
    }

    // ------------------------------------------------------------------ NONE

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@400000004c91b044077a9e94 imap-login: Info: Aborted login",
        "mail.example.com exim[3751842]: 2021-07-17 23:20:49 plain_server authenticator failed",
        "''",
        "garbage",
        "<999>Nov 24 10:04:05 h p: m",
        "<>Nov 24 10:04:05 h p: m",
        "<13",
        "Feb 30 10:04:05 h p: m",
        "Nov 24 24:00:00 h p: m",
        "Nov 24 10:60:00 h p: m",
        "Nov 24 10:04:61 h p: m",
        "Nov 24 10:04:0 h p: m",
        "Nov 24 10:04:05x h p: m",
        "Nov 32 10:04:05 h p: m",
        "Nov 0 10:04:05 h p: m",
        "Nov 24 10-04-05 h p: m",
        "2026-02-29T10:04:05Z h p: m",
        "2026-13-01T10:04:05Z h p: m",
        "2026-12-31T23:59:58+25:00 h p: m",
        "2026-12-31T23:59:58+01:0 h p: m",
        "2026-12-31X23:59:58Z h p: m",
        "2026-12-31T23:59:58Zulu h p: m",
        "0000-01-01T00:00:00Z h p: m",
    })
    void unrecognisedHeadersGiveNoneWithTheWholeLine(String line) {
        SyslogHeader h = scan(line);
        assertThat(h.format()).isEqualTo(SyslogFormat.NONE);
        assertThat(h.message()).isEqualTo(line);
        assertThat(h.hasTimestamp()).isFalse();
        assertThat(h.host()).isNull();
        assertThat(h.program()).isNull();
        assertThat(h.pid()).isEqualTo(-1);
    }

    @Test
    void leapSecondAndLeapDay() {
        assertThat(scan("2028-02-29T10:04:05Z h p: m").format()).isEqualTo(SyslogFormat.ISO8601);
        SyslogHeader leap = scan("2026-12-31T23:59:60Z h p: m");
        assertThat(leap.instant()).as("read as the next second").isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void neverThrowsOnAnyPrefixOrMutationOfRealLines() {
        List<String> samples = List.of(
                "<34>1 2026-11-24T10:04:05.123Z host app 12 ID [a@1 k=\"v\\]\"] \uFEFFmsg",
                "<13>Nov 24 10:04:05.123 <mail.info> host postfix/smtpd[123]: message repeated 3 times: [ x]",
                "2026-12-31T23:59:58.123456+01:00 host auth(u,1.2.3.4)<s>: Info: x",
                "2013-06-02 09:22:06 +0100 mx exim[1]: x",
                "Nov 24 10:04:05 host rsyslogd: imuxsock lost 12 messages from pid 3 due to rate-limiting",
                "Nov 24 10:04:05 host systemd-journald[1]: Suppressed 5 messages from postfix.service");
        SyslogScanner scanner = SyslogScanner.builder().zone(BERLIN).build();
        SyslogHeader h = new SyslogHeader();
        java.util.Random random = new java.util.Random(42);
        for (String sample : samples) {
            byte[] b = sample.getBytes(StandardCharsets.UTF_8);
            for (int len = 0; len <= b.length; len++) {
                scanner.scan(b, 0, len, h);
                assertSpansInside(h, 0, len);
            }
            for (int i = 0; i < 2000; i++) {
                byte[] m = b.clone();
                for (int k = random.nextInt(4); k >= 0; k--) {
                    m[random.nextInt(m.length)] = (byte) " <>[]():.-0123456789Z\"\\\u00ff".charAt(random.nextInt(24));
                }
                int len = random.nextInt(m.length + 1);
                scanner.scan(m, 0, len, h);
                assertSpansInside(h, 0, len);
            }
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] m = new byte[random.nextInt(80)];
            random.nextBytes(m);
            scanner.scan(m, 0, m.length, h);
            assertSpansInside(h, 0, m.length);
        }
    }

    @Test
    void headerIsResetBetweenLines() {
        SyslogScanner s = SyslogScanner.builder().zone(ZoneOffset.UTC).year(2026).build();
        SyslogHeader h = new SyslogHeader();
        byte[] full = "<34>1 2026-11-24T10:04:05Z host app 12 ID [a@1] msg".getBytes(StandardCharsets.UTF_8);
        s.scan(full, 0, full.length, h);
        byte[] none = "garbage".getBytes(StandardCharsets.UTF_8);
        s.scan(none, 0, none.length, h);
        assertThat(h.format()).isEqualTo(SyslogFormat.NONE);
        assertThat(h.hasPriority()).isFalse();
        assertThat(h.hasTimestamp()).isFalse();
        assertThat(h.msgId()).isNull();
        assertThat(h.structuredData()).isNull();
        assertThat(h.pid()).isEqualTo(-1);
        assertThat(h.buffer()).isSameAs(none);
        assertThat(h.message()).isEqualTo("garbage");
        assertThat(h.toString()).contains("NONE", "garbage");
    }

    @Test
    void mixedFormatsInOneFile() throws Exception {
        SyslogScanner s = SyslogScanner.builder().zone(BERLIN).year(2026).build();
        List<String> lines;
        try (var in = getClass().getResourceAsStream("/syslog/mixed.log")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> got = lines.stream().map(l -> {
            SyslogHeader h = scan(s, l);
            return h.format() + " " + h.host() + " " + h.program() + " " + h.pid() + " " + h.noise()
                    + (h.hasTimestamp() ? " " + h.offsetDateTime() : "") + " | " + h.message();
        }).toList();
        assertThat(got).containsExactly(
                "RFC3164 mx1 postfix/smtpd 2101 NONE 2026-11-24T10:04:01+01:00 | connect from unknown[198.51.100.23]",
                "ISO8601 mx1 postfix/qmgr 2102 NONE 2026-11-24T10:04:02.123456+01:00 | 4BxYz1: from=<a@example.org>, size=1, nrcpt=1 (queue active)",
                "RFC5424 mx1 postfix 2103 NONE 2026-11-24T09:04:03Z | 4BxYz1: removed",
                "NONE null null -1 NONE | @4000000069244d8e00000000 dovecot: imap-login: Login",
                "RFC3164 mx1 null -1 LAST_MESSAGE_REPEATED 2026-11-24T10:04:05+01:00 | last message repeated 3 times",
                "RFC3164 null dovecot -1 NONE 2026-11-24T10:04:06+01:00 | imap-login: Disconnected",
                "ISO8601 null null -1 NONE 2026-11-24T10:04:07+01:00 | 1VxPit-000MMd-U4 <= a@example.org H=mx [192.0.2.1] P=esmtp S=1");
    }
}
