package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.spi.DialectRegistry;

/**
 * {@code mailtrace trace} on real postfix lines through the real postfix dialect: the bundled
 * example, a hand-built multi-host log with every aggregator case, and the real corpus in
 * {@code ../shared}. Skipped, with a message, when the postfix dialect is not on the class path.
 */
class TracePostfixTest {

    static final String[] TIME = {"--year", "2026", "--tz", "Europe/Berlin"};

    @TempDir
    Path dir;

    @BeforeAll
    static void postfix() {
        assumeTrue(DialectRegistry.load().names().contains("postfix"),
                "the postfix dialect is not on mailtrace-cli's class path (add dev.mailtrace:mailtrace-postfix)");
    }

    static Cli.Result trace(String... args) {
        return TraceCli.run(null, "", TraceCommandTest.concat(TIME, args));
    }

    @Test
    void theBundledExampleEndToEnd() {
        Cli.Result r = trace("--messages", TraceCli.EXAMPLE.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("hops:   mx1 4F9D195432C -> mx1 7A3C31A0F21 (reinjection) -> mbox1 2B7E4C0A11 (relay)",
                "to:     recipient='bob@corp.example.net', status='sent', host='mbox1'",
                "to:     recipient='carol@corp.example.net', status='bounced', host='mbox1'",
                "  bounce: <20261124100404.5D1E9C0A15@mbox1.corp.example.net>",
                "  to:     recipient='alice@example.org', status='sent', host='mbox1', relay='mail.example.org[198.51.100.23]:25'",
                "reason: greylisted (450 4.7.1 at RCPT)");
        // the same messages as through the test dialect (whose reject texts keep the <address>: prefix), but for
        // dovecot's word on where bob's copy was stored, which the test dialect does not read
        String real = trace("--messages", "--format", "json", TraceCli.EXAMPLE.toString()).out();
        assertThat(real).containsOnlyOnce(",\"mailbox\":\"INBOX\"");
        assertThat(real.replace(",\"mailbox\":\"INBOX\"", "").lines()
                .filter(l -> l.startsWith("{\"type\":\"message\"")))
                .containsExactlyElementsOf(TraceCli.run(TraceCommandTest.TEST, "", TraceCommandTest.concat(TIME, "--messages",
                        "--format", "json", TraceCli.EXAMPLE.toString())).out().lines()
                        .filter(l -> l.startsWith("{\"type\":\"message\"")).toList());
    }

    /** Real postfix lines from two hosts, each case of the aggregator, lines out of order across hosts, Dec 31 → Jan 1. */
    static final String MULTI_HOST = String.join("\n",
            // 1. out of order across hosts: mbox2 logs the next hop a second before mx2 logs the hand-off
            "Dec 31 23:59:50 mx2 postfix/smtpd[100]: 1A2B3C4D5E: client=out.example.com[192.0.2.50]",
            "Dec 31 23:59:50 mx2 postfix/cleanup[101]: 1A2B3C4D5E: message-id=<ny@example.com>",
            "Dec 31 23:59:50 mx2 postfix/qmgr[102]: 1A2B3C4D5E: from=<newyear@example.com>, size=1000, nrcpt=3 (queue active)",
            "Dec 31 23:59:59 mbox2 postfix/smtpd[200]: 9F8E7D6C5B: client=mx2.corp.example.net[10.2.0.10]",
            "Dec 31 23:59:59 mbox2 postfix/cleanup[201]: 9F8E7D6C5B: message-id=<ny@example.com>",
            "Dec 31 23:59:59 mbox2 postfix/qmgr[202]: 9F8E7D6C5B: from=<newyear@example.com>, size=1200, nrcpt=2 (queue active)",
            "Jan  1 00:00:01 mbox2 postfix/lmtp[203]: 9F8E7D6C5B: to=<ann@corp.example.net>, relay=mbox2.corp.example.net[private/dovecot-lmtp], delay=2, delays=0.1/0/0.1/1.8, dsn=2.0.0, status=sent (250 2.0.0 <ann@corp.example.net> Saved)",
            "Jan  1 00:00:01 mbox2 postfix/lmtp[203]: 9F8E7D6C5B: to=<ben@corp.example.net>, relay=mbox2.corp.example.net[private/dovecot-lmtp], delay=2, delays=0.1/0/0.1/1.8, dsn=4.2.2, status=deferred (host mbox2.corp.example.net[private/dovecot-lmtp] said: 452 4.2.2 Mailbox full (in reply to end of data command))",
            "Dec 31 23:59:59 mx2 postfix/smtp[103]: 1A2B3C4D5E: to=<ann@corp.example.net>, relay=mbox2.corp.example.net[10.2.0.20]:25, delay=9, delays=0.1/0/0.1/8.8, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9F8E7D6C5B)",
            "Dec 31 23:59:59 mx2 postfix/smtp[103]: 1A2B3C4D5E: to=<ben@corp.example.net>, relay=mbox2.corp.example.net[10.2.0.20]:25, delay=9, delays=0.1/0/0.1/8.8, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9F8E7D6C5B)",
            "Jan  1 00:00:02 mx2 postfix/smtp[104]: 1A2B3C4D5E: to=<cat@partner.example>, relay=mx.partner.example[192.0.2.99]:25, delay=12, delays=0.1/0/2/9.9, dsn=5.7.1, status=bounced (host mx.partner.example[192.0.2.99] said: 554 5.7.1 rejected (in reply to end of DATA command))",
            "Jan  1 00:00:02 mx2 postfix/cleanup[101]: 5B5B5B5B5B: message-id=<20260101000002.5B5B5B5B5B@mx2.corp.example.net>",
            "Jan  1 00:00:02 mx2 postfix/bounce[105]: 1A2B3C4D5E: sender non-delivery notification: 5B5B5B5B5B",
            "Jan  1 00:00:02 mx2 postfix/qmgr[102]: 5B5B5B5B5B: from=<>, size=3000, nrcpt=1 (queue active)",
            "Jan  1 00:00:02 mx2 postfix/qmgr[102]: 1A2B3C4D5E: removed",
            "Jan  1 00:00:03 mx2 postfix/smtp[106]: 5B5B5B5B5B: to=<newyear@example.com>, relay=out.example.com[192.0.2.50]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)",
            "Jan  1 00:00:03 mx2 postfix/qmgr[102]: 5B5B5B5B5B: removed",
            // 2. deferred hours apart, then sent: one recipient, two attempts
            "Jan  1 03:00:01 mbox2 postfix/qmgr[202]: 9F8E7D6C5B: from=<newyear@example.com>, size=1200, nrcpt=2 (queue active)",
            "Jan  1 03:00:02 mbox2 postfix/lmtp[207]: 9F8E7D6C5B: to=<ben@corp.example.net>, relay=mbox2.corp.example.net[private/dovecot-lmtp], delay=10803, delays=10800/0/0.1/2, dsn=2.0.0, status=sent (250 2.0.0 <ben@corp.example.net> Saved)",
            "Jan  1 03:00:02 mbox2 postfix/qmgr[202]: 9F8E7D6C5B: removed",
            // 3. the same short queue id reused on mx2 hours later
            "Jan  1 07:00:00 mx2 postfix/pickup[110]: 1A2B3C4D5E: uid=1000 from=<ops>",
            "Jan  1 07:00:00 mx2 postfix/cleanup[101]: 1A2B3C4D5E: message-id=<again@mx2.corp.example.net>",
            "Jan  1 07:00:00 mx2 postfix/qmgr[102]: 1A2B3C4D5E: from=<ops@mx2.corp.example.net>, size=400, nrcpt=1 (queue active)",
            "Jan  1 07:00:01 mx2 postfix/local[111]: 1A2B3C4D5E: to=<root@mx2.corp.example.net>, orig_to=<ops>, relay=local, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)",
            "Jan  1 07:00:01 mx2 postfix/qmgr[102]: 1A2B3C4D5E: removed",
            // 4. a NOQUEUE greylisting reject
            "Jan  1 08:00:00 mx2 postfix/smtpd[120]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 450 4.2.0 <ann@corp.example.net>: Recipient address rejected: Greylisted; from=<spam@shop.example> to=<ann@corp.example.net> proto=ESMTP helo=<shop>",
            "");

    @Test
    void everyAggregatorCaseOnRealLinesAcrossHostsAndNewYear() throws IOException {
        Path log = dir.resolve("multi.log");
        Files.writeString(log, MULTI_HOST);
        List<JsonNode> tx = TraceCli.run(null, "", "--year", "2025", "--tz", "UTC", "--format", "json", log.toString()).json();
        Map<String, List<JsonNode>> byKey = tx.stream().filter(n -> n.get("type").asText().equals("transaction"))
                .collect(Collectors.groupingBy(n -> n.get("host").asText() + "/" + n.get("queue_id").asText()));
        assertThat(byKey.get("mx2/1A2B3C4D5E")).as("reused queue id: two transactions").hasSize(2);
        JsonNode first = byKey.get("mx2/1A2B3C4D5E").get(0);
        assertThat(first.get("start").asText()).isEqualTo("2025-12-31T23:59:50Z");
        assertThat(first.get("end").asText()).isEqualTo("2026-01-01T00:00:02Z");
        assertThat(first.get("recipients")).extracting(n -> n.get("to").asText() + "=" + n.get("status").asText())
                .containsExactly("ann@corp.example.net=sent", "ben@corp.example.net=sent", "cat@partner.example=bounced");
        assertThat(first.get("next").get(0).get("host").asText()).as("linked although logged out of order").isEqualTo("mbox2");
        assertThat(first.get("bounces").get(0).get("queue_id").asText()).isEqualTo("5B5B5B5B5B");
        JsonNode second = byKey.get("mx2/1A2B3C4D5E").get(1);
        assertThat(second.get("from").asText()).isEqualTo("ops@mx2.corp.example.net");
        assertThat(second.get("recipients").get(0).get("orig_to").asText()).isEqualTo("ops");
        JsonNode mbox = byKey.get("mbox2/9F8E7D6C5B").get(0);
        assertThat(mbox.get("prev").get("queue_id").asText()).isEqualTo("1A2B3C4D5E");
        JsonNode ben = mbox.get("recipients").get(1);
        assertThat(ben.get("status").asText()).isEqualTo("sent");
        assertThat(ben.get("attempts")).extracting(a -> a.get("status").asText()).containsExactly("deferred", "sent");
        assertThat(tx).allMatch(n -> !n.has("complete") || n.get("complete").asBoolean());

        List<JsonNode> messages = TraceCli.run(null, "", "--year", "2025", "--tz", "UTC", "--format", "json", "--messages",
                "--from", "NewYear@example.com", log.toString()).json();
        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.get("hops")).extracting(h -> h.get("host").asText()).containsExactly("mx2", "mbox2");
        assertThat(m.get("recipients")).extracting(n -> n.get("to").asText() + " " + n.get("status").asText() + " "
                + n.get("host").asText() + " " + n.get("attempts").asInt())
                .containsExactlyInAnyOrder("ann@corp.example.net sent mbox2 1", "ben@corp.example.net sent mbox2 2",
                        "cat@partner.example bounced mx2 1");
        assertThat(m.get("bounces").get(0).get("recipients").get(0).get("to").asText()).isEqualTo("newyear@example.com");
    }

    @Test
    void theRealCorpusBecomesConsistentTransactions() throws IOException {
        Path corpus = Path.of(System.getProperty("mailtrace.shared.dir", "../../shared")).resolve("corpora/postfix_log_analysis/mail.log");
        assumeTrue(Files.exists(corpus), "third-party data not available at " + corpus + " (set -Dmailtrace.shared.dir)");
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.ISO_8859_1);
        long removed = lines.stream().filter(l -> l.matches(".* postfix/qmgr\\[\\d+\\]: [0-9A-F]+: removed$")).count();
        long noqueue = lines.stream().filter(l -> l.contains(": NOQUEUE: reject: ")).count();
        long deliveries = lines.stream().filter(l -> l.matches(".*: [0-9A-F]+: to=<.*status=.*")).count();

        Cli.Result one = TraceCli.run(null, "", "--year", "2014", "--tz", "UTC", "--format", "json", "-j", "1", corpus.toString());
        assertThat(one.status()).as(one.err()).isZero();
        List<JsonNode> out = one.json();
        List<JsonNode> tx = out.stream().filter(n -> n.get("type").asText().equals("transaction")).toList();
        assertThat(out.stream().filter(n -> n.get("type").asText().equals("reject")).count()).isEqualTo(noqueue);
        assertThat(tx.stream().filter(n -> n.get("closed_by").asText().equals("removed")).count()).isEqualTo(removed);
        assertThat(tx.stream().mapToLong(n -> n.get("recipients").findValues("attempts").stream().mapToLong(JsonNode::size).sum()).sum())
                .as("every delivery line is an attempt of exactly one transaction").isEqualTo(deliveries);
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode n : tx) {
            seen.merge(n.get("queue_id").asText(), 1, Integer::sum);
        }
        // retried for hours: one transaction with many deferred attempts, not one per retry
        JsonNode retried = tx.stream().filter(n -> n.get("queue_id").asText().equals("BBEA32439C")).findFirst().orElseThrow();
        assertThat(retried.get("recipients")).hasSize(1);
        assertThat(retried.get("recipients").get(0).get("attempts")).extracting(a -> a.get("status").asText())
                .containsExactly("deferred", "deferred", "deferred", "sent");
        assertThat(retried.get("recipients").get(0).get("status").asText()).isEqualTo("sent");
        assertThat(seen.get("BBEA32439C")).isEqualTo(1);
        // and the same with two threads
        assertThat(TraceCli.run(null, "", "--year", "2014", "--tz", "UTC", "--format", "json", "-j", "2", corpus.toString()).out())
                .isEqualTo(one.out());
    }
}
