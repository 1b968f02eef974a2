package dev.mailtrace.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MessageRemoved;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.testkit.DialectTester;
import dev.mailtrace.testkit.Fields;
import dev.mailtrace.testkit.SharedData;
import dev.mailtrace.testkit.TestLine;

/** Every postfix line of the real corpora in {@code ../shared}: at least 99.9% recognised. */
class PostfixRealLogsTest {

    private static final PostfixDialect DIALECT = new PostfixDialect();

    @ParameterizedTest
    @ValueSource(strings = {"corpora/postfix_log_analysis/mail.log", "corpora/log-ship-elastic-postfix/mail.log",
        "corpora/fail2ban/postfix"})
    void recognisesAtLeast999Permille(String relative) throws IOException {
        Path file = SharedData.require(relative);
        List<Corpus.Line> lines = Corpus.postfixLines(file);
        assertThat(lines).as("postfix lines in %s", file).isNotEmpty();
        Map<String, Integer> perType = new TreeMap<>();
        List<Corpus.Line> unknown = new ArrayList<>();
        for (Corpus.Line line : lines) {
            List<LogEvent> events = new ArrayList<>();
            boolean ok = DIALECT.parse(TestLine.of(line.program(), line.message()), events::add);
            if (ok) {
                assertThat(events).hasSize(1);
                Fields.of(events.get(0));
                perType.merge(events.get(0).type().name(), 1, Integer::sum);
            } else {
                unknown.add(line);
            }
        }
        double recognised = 1.0 - (double) unknown.size() / lines.size();
        System.out.printf("%s: %d postfix lines, %d recognised (%.3f%%), by event: %s%n", relative, lines.size(),
                lines.size() - unknown.size(), 100 * recognised, perType);
        unknown.forEach(l -> System.out.println("  unrecognised " + l));
        assertThat(recognised).as("share recognised in %s; unrecognised: %s", relative, unknown)
                .isGreaterThanOrEqualTo(0.999);
    }

    private static final DialectTester TESTER = DialectTester.of(DIALECT);

    /** The first postfix line of a corpus whose message contains {@code text}, through the tester. */
    private static DialectTester.Case first(String corpus, String text) throws IOException {
        for (Corpus.Line l : Corpus.postfixLines(SharedData.require(corpus))) {
            if (l.message().contains(text)) {
                return TESTER.line(l.program(), l.message());
            }
        }
        throw new AssertionError("no line with [" + text + "] in " + corpus);
    }

    private static final String PLA = "corpora/postfix_log_analysis/mail.log";
    private static final String LSE = "corpora/log-ship-elastic-postfix/mail.log";
    private static final String F2B = "corpora/fail2ban/postfix";

    @Test
    void spotChecksOnPostfixLogAnalysis() throws IOException {
        first(PLA, "max connection rate 3/60s for (smtp:94.156.37.30)").event("anvil")
                .expect("connection_rate", 3).expect("period", "60s").expect("service", "smtp")
                .expect("client_ip", "94.156.37.30").expect("peak_at", "Oct 22 02:04:14");
        first(PLA, "max cache size").event("anvil").expect("cache_size", 2);
        first(PLA, "connect from jurann.biz[77.95.228.43]").event("connect").expect("client_hostname", "jurann.biz");
        first(PLA, "blocked using zen.spamhaus.org").event("reject").isA(Rejection.class).expect("stage", "RCPT")
                .expect("code", 554).expect("dsn", "5.7.1").expect("reason", "rbl").expect("rbl_domain", "zen.spamhaus.org")
                .expect("client_ip", "77.95.228.43").expect("from", "botanised@jurann.biz")
                .expect("to", "kdent@seaglass.com").expect("helo", "jurann.biz");
        first(PLA, "Helo command rejected: Host not found").event("reject").expect("reason", "helo")
                .expect("from", "Print Connections");
        first(PLA, "Sender address rejected: Domain not found").event("reject").expect("reason", "sender_domain")
                .expect("dsn_meaning", "permanent failure: bad sender's system address");
        first(PLA, "Recipient address rejected: Access denied").event("reject").expect("reason", "policy");
        first(PLA, "Insufficient system storage").event("reject").expect("stage", "MAIL").expect("code", 452)
                .absent("to");
        first(PLA, ": client=").event("client").isA(MessageAccepted.class);
        first(PLA, ": message-id=<").event("message_id").isA(MessageIdentified.class);
        first(PLA, "(queue active)").event("sender").isA(EnvelopeSender.class);
        first(PLA, "status=sent (250 OK id=1ZpCCD-0002J4-Ej)").event("delivery").isA(RecipientAttempt.class)
                .expect("relay_hostname", "mail.seaglass.com").expect("relay_ip", "74.220.219.61")
                .expect("relay_port", 25).expect("delay", 3.1).expect("delay_conn_setup", 2.2)
                .expect("queued_as", "1ZpCCD-0002J4-Ej");
        first(PLA, "said: 451 Temporary local problem").event("delivery").expect("status", "deferred")
                .expect("dsn", "4.0.0").absent("queued_as");
        first(PLA, "status=bounced (Host or domain name not found").event("delivery").expect("status", "bounced")
                .expect("relay_service", "none").expect("dsn_meaning", "permanent failure: unable to route");
        first(PLA, "orig_to=<postmaster>").event("delivery").expect("relay_service", "local")
                .expect("response", "delivered to mailbox");
        first(PLA, ": removed").event("removed").isA(MessageRemoved.class);
        first(PLA, "sender non-delivery notification").event("bounce").isA(BounceCreated.class);
        first(PLA, "lost connection after DATA (approximately").event("lost_connection").expect("bytes", 0)
                .expect("stage", "DATA");
        first(PLA, "connect to com-oct1022.ga[198.52.150.41]:25: No route to host").event("connect_error")
                .expect("error", "No route to host").expect("relay_port", 25);
        first(PLA, "statistics: start interval").event("scache").expect("start_interval", "Oct 22 02:20:53");
        first(PLA, "has reached its process limit").event("warning").expect("level", "warning");
        first(PLA, "address not listed for hostname").event("warning").absent("client_port");
    }

    @Test
    void spotChecksOnLogShipElasticPostfix() throws IOException {
        first(LSE, "message-id=<E1ZB06G").event("message_id").expect("queue_id", "3mPVKl0Mhjz7sXv")
                .expect("message_id", "E1ZB06G-0006n5-Vp@anc-dev-web1.slc.example.net");
        first(LSE, "nrcpt=2").event("sender").expect("from", "").expect("size", 2666).expect("nrcpt", 2);
        first(LSE, "to=<56597@").event("delivery").expect("queued_as", "3mPVKl3YVXz2pS5Z")
                .expect("delay_before_qmgr", 0.44);
    }

    @Test
    void spotChecksOnFail2ban() throws IOException {
        first(F2B, "SASL CRAM-MD5 authentication failed: PDc3").event("sasl_auth_failed")
                .expect("client_ip", "114.44.142.233").expect("sasl_method", "CRAM-MD5");
        first(F2B, "PREGREET 14").event("postscreen").expect("verdict", "PREGREET").expect("client_port", 59415);
        first(F2B, "Relay access denied").event("reject").expect("reason", "relay_denied");
        first(F2B, "milter-reject: DATA").event("reject").expect("queue_id", "1D8CC1CA0A7F").expect("stage", "DATA")
                .expect("action", "milter-reject");
        first(F2B, "too many errors after RCPT").event("lost_connection").expect("error", "too many errors");
        first(F2B, "improper command pipelining after AUTH").event("improper_pipelining").expect("data", "QUIT");
        first(F2B, "helo=1 auth=0/1 quit=1 commands=2/3").event("disconnect").expect("cmd_auth_accepted", 0)
                .expect("commands", 3);
        first(F2B, "Message delivery request rate limit exceeded").event("warning").expect("client_ip", "192.0.2.227");
    }
}
