package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.ImplicitCompletion;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.testkit.DialectTester;
import dev.mailtrace.testkit.Fields;
import dev.mailtrace.testkit.SharedData;

/**
 * Every sendmail line of the real corpora in {@code ../shared}: at least 99.5% recognised, every
 * event's fields well-formed, and, for fail2ban's corpus, the address fail2ban expects to ban
 * found in the event's fields for every line it marks as a match.
 */
class SendmailRealLogsTest {

    private static final String F2B = "corpora/fail2ban/sendmail-reject";

    @Test
    void recognisesAtLeast995PermilleWithTheExpectedAddresses() throws IOException {
        Path file = SharedData.require(F2B);
        List<Corpus.Line> lines = Corpus.sendmailLines(file);
        assertThat(lines).as("sendmail lines in %s", file).hasSizeGreaterThan(30);
        Map<String, Integer> perType = new TreeMap<>();
        List<Corpus.Line> unknown = new ArrayList<>();
        int hostsChecked = 0;
        for (Corpus.Line line : lines) {
            if (!line.recognised()) {
                unknown.add(line);
                continue;
            }
            Map<String, Object> fields = Fields.of(line.event());
            perType.merge(line.event().type().name(), 1, Integer::sum);
            if (line.expectedHost() != null) {
                String want = line.expectedHost().toLowerCase(Locale.ROOT);
                assertThat(fields.entrySet()).as("an *_ip field holds %s: %s -> %s", want, line, fields)
                        .anyMatch(f -> f.getKey().endsWith("_ip") && want.equals(f.getValue().toString().toLowerCase(Locale.ROOT)));
                hostsChecked++;
            }
        }
        double recognised = 1.0 - (double) unknown.size() / lines.size();
        System.out.printf("%s: %d sendmail lines, %d recognised (%.3f%%), %d fail2ban hosts found, by event: %s%n", F2B,
                lines.size(), lines.size() - unknown.size(), 100 * recognised, hostsChecked, perType);
        unknown.forEach(l -> System.out.println("  unrecognised " + l));
        assertThat(recognised).as("share recognised; unrecognised: %s", unknown).isGreaterThanOrEqualTo(0.995);
        assertThat(hostsChecked).as("lines with a fail2ban host").isGreaterThan(25);
        assertThat(lines).as("sendmail's programs in the corpus are all claimed").extracting(Corpus.Line::program)
                .contains("sm-mta", "sendmail", "sm-acceptingconnections");
        assertThat(lines).filteredOn(l -> l.program().equals("sm-acceptingconnections")).allMatch(Corpus.Line::recognised);
    }

    private static final DialectTester TESTER = DialectTester.of(new SendmailDialect());

    /** The first sendmail line of the corpus whose message contains {@code text}, through the tester. */
    private static DialectTester.Case first(String text) throws IOException {
        for (Corpus.Line l : Corpus.sendmailLines(SharedData.require(F2B))) {
            if (l.message().contains(text)) {
                return TESTER.line(l.program(), l.message());
            }
        }
        throw new AssertionError("no line with [" + text + "] in " + F2B);
    }

    @Test
    void spotChecksOnFail2ban() throws IOException {
        first("s1NLaDQT022248: ruleset=check_rcpt").event("ruleset").isA(Rejection.class)
                .expect("queue_id", "s1NLaDQT022248").expect("ruleset", "check_rcpt").expect("stage", "RCPT")
                .expect("to", "dautareuk2@hotmail.it").expect("client_hostname", "int0.client.access.azadnet.net")
                .expect("client_ip", "80.253.155.119").expect("client_forged", true).expect("code", 550)
                .expect("dsn", "5.7.1").expect("reason", "relay_denied")
                .expect("reason_text", "Relaying denied. IP name possibly forged [80.253.155.119]");
        first("Domain of sender address camila").event("ruleset").expect("reason", "sender_domain")
                .expect("client_ip", "2.180.185.27").absent("client_hostname");
        first("listed at sbl-xbl.spamhaus.org").event("ruleset").expect("reason", "rbl");
        first("SpamCop blacklist").event("ruleset").expect("reason", "rbl");
        first("Connection rate limit exceeded").event("ruleset").expect("ruleset", "check_relay").expect("stage", "CONNECT")
                .expect("arg2", "217.21.54.82").expect("code", 421).expect("reason", "rate_limit").absent("queue_id");
        first("pre-greeting traffic after 0 seconds").event("connection_reject").isA(Rejection.class)
                .expect("client_ip", "209.15.212.253").expect("pregreet_seconds", 0).absent("client_hostname");
        first(": EXPN root [rejected]").event("smtp_command").expect("command", "EXPN").expect("argument", "root")
                .expect("result", "rejected");
        first("vrfy info [rejected]").event("smtp_command").expect("command", "VRFY");
        first("<arhipov@domain.com>... No such user here").event("address_error").isA(Rejection.class)
                .expect("address", "arhipov@domain.com").expect("reason", "unknown_user");
        first("<baduser@yourhost.com>... User unknown").event("address_error").expect("reason", "unknown_user");
        first("from=<davaojk25@domain.com>").event("from").isA(MessageAccepted.class).isA(EnvelopeSender.class)
                .isA(ImplicitCompletion.class).expect("nrcpts", 0).expect("bodytype", "8BITMIME")
                .expect("client_ip", "95.32.23.163").expect("client_hostname", "163.23.32.95.dsl-dynamic.vsi.ru");
        first("daemon=MTA-v4, relay=[192.168.1.45]").event("from").expect("client_ip", "192.168.1.45")
                .absent("client_hostname");
        first("did not issue MAIL/EXPN/VRFY/ETRN during connection to MSP-v4").event("null_connection")
                .expect("client_forged", true).expect("daemon", "MSP-v4");
        first("[IPv6:2001:DB8::1] did not issue").event("null_connection").expect("client_ip", "2001:DB8::1");
        first("lost input channel from mail.aqicn.org").event("lost_connection").expect("after", "rcpt")
                .expect("daemon", "MTA-v4").expect("client_ip", "139.162.120.196");
        first("Relaying temporarily denied").event("ruleset").expect("code", 450).expect("reason", "relay_denied");
    }
}
