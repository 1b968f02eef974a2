package dev.mailtrace.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in bank: the usual names, with the captures users depend on. */
class BuiltinPatternsTest {

    private static final List<String> USUAL = List.of("USERNAME", "USER", "EMAILLOCALPART", "EMAILADDRESS", "INT",
            "BASE10NUM", "NUMBER", "BASE16NUM", "BASE16FLOAT", "POSINT", "NONNEGINT", "WORD", "NOTSPACE", "SPACE",
            "DATA", "GREEDYDATA", "QUOTEDSTRING", "QS", "UUID", "URN", "MAC", "CISCOMAC", "WINDOWSMAC", "COMMONMAC",
            "IPV6", "IPV4", "IP", "HOSTNAME", "IPORHOST", "HOSTPORT", "PATH", "UNIXPATH", "TTY", "WINPATH", "URIPROTO",
            "URIHOST", "URIPATH", "URIPARAM", "URIPATHPARAM", "URI", "MONTH", "MONTHNUM", "MONTHNUM2", "MONTHDAY",
            "DAY", "YEAR", "HOUR", "MINUTE", "SECOND", "TIME", "DATE_US", "DATE_EU", "ISO8601_TIMEZONE",
            "ISO8601_SECOND", "TIMESTAMP_ISO8601", "DATE", "DATESTAMP", "TZ", "DATESTAMP_RFC822", "DATESTAMP_RFC2822",
            "DATESTAMP_OTHER", "DATESTAMP_EVENTLOG", "SYSLOGTIMESTAMP", "PROG", "SYSLOGPROG", "SYSLOGHOST",
            "SYSLOGFACILITY", "HTTPDATE", "SYSLOGBASE", "LOGLEVEL");

    @Test
    void hasTheUsualNamesAndEachCompiles() throws Exception {
        PatternBank bank = PatternBank.builtin();
        assertThat(bank.names()).containsAll(USUAL);
        assertThat(bank.warnings()).isEmpty();
        for (String name : bank.names()) {
            assertThat(Grok.compile(bank, "%{" + name + "}").expandedRegex(0)).isNotEmpty();
        }
        assertThat(bank.get("IP").origin()).startsWith("builtin base.grok:");
    }

    @Test
    void syslogBaseCapturesTheFieldsUsersDependOn() throws Exception {
        Grok grok = Grok.compile(PatternBank.builtin(), "^%{SYSLOGBASE} %{GREEDYDATA:message}$");
        assertThat(grok.captures("Nov  4 10:04:05 mx1.example.org postfix/smtpd[2105]: connect from x[1.2.3.4]")
                .orElseThrow()).isEqualTo(Map.of("timestamp", "Nov  4 10:04:05", "logsource", "mx1.example.org",
                "program", "postfix/smtpd", "pid", "2105", "message", "connect from x[1.2.3.4]"));
        assertThat(grok.captures("Nov 24 10:04:05 2001:db8::1 dovecot: imap-login: Login").orElseThrow())
                .containsEntry("logsource", "2001:db8::1").containsEntry("program", "dovecot")
                .doesNotContainKey("pid");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IP|192.0.2.255|true", "IP|256.1.1.1|false", "IP|2001:db8::ff00:42:8329|true", "IP|::ffff:192.0.2.1|true",
        "IP|fe80::1%eth0|true", "IPV4|1.2.3|false", "HOSTNAME|mail-1.example.org|true", "HOSTNAME|-bad|false",
        "TIMESTAMP_ISO8601|2026-12-31T23:59:58.123456+01:00|true", "TIMESTAMP_ISO8601|2026-12-31 23:59:58Z|true",
        "SYSLOGTIMESTAMP|Nov  4 10:04:05|true", "SYSLOGTIMESTAMP|Nov 32 10:04:05|false",
        "EMAILADDRESS|alice.b+tag@example.org|true", "NUMBER|-1.5e3|false", "NUMBER|-1.5|true", "INT|+42|true",
        "UUID|123e4567-e89b-12d3-a456-426614174000|true", "MAC|00:1a:2B:3c:4d:5e|true", "PROG|postfix-out/qmgr|true",
    })
    void matchesLikeTheClassicDefinitions(String name, String input, boolean matches) throws Exception {
        assertThat(Grok.compile(PatternBank.builtin(), "^%{" + name + "}$").captures(input).isPresent())
                .as("%s on [%s]", name, input).isEqualTo(matches);
    }
}
