package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailtrace.spi.DialectRegistry;

/**
 * One e-mail across every program of a real set-up: a sendmail host relays it to a postfix MX, where
 * opendkim verifies it, amavis scans it and postfix takes it back on :10025, and dovecot LMTP stores
 * it (sieve files one recipient's copy into Junk). Each line is written as the program writes it
 * (sendmail 8 {@code from=}/{@code to=} lines, postfix 3 smtpd/cleanup/qmgr/smtp/lmtp, opendkim 2,
 * amavisd-new's {@code Passed CLEAN}, dovecot 2.3 LMTP with per-recipient session ids
 * {@code <id>}, {@code <id>:R2} that the LMTP replies repeat).
 */
class MultiMtaScenarioTest {

    static final String MSGID = "202611241000.pBFERI8l019936@out1.example.org";

    static final String LOG = String.join("\n",
            "Nov 24 10:00:01 out1 sm-mta[4101]: pBFERI8l019936: from=<alice@example.org>, size=2211, class=0, nrcpts=2, msgid=<"
                    + MSGID + ">, proto=ESMTP, daemon=MTA, relay=desk.example.org [10.0.0.5]",
            "Nov 24 10:00:02 mx1 postfix/smtpd[2105]: connect from out1.example.org[198.51.100.10]",
            "Nov 24 10:00:02 mx1 postfix/smtpd[2105]: 4F9D195432C: client=out1.example.org[198.51.100.10]",
            "Nov 24 10:00:02 mx1 postfix/cleanup[2110]: 4F9D195432C: message-id=<" + MSGID + ">",
            "Nov 24 10:00:02 mx1 opendkim[900]: 4F9D195432C: DKIM verification successful",
            "Nov 24 10:00:02 mx1 postfix/qmgr[1020]: 4F9D195432C: from=<alice@example.org>, size=2634, nrcpt=2 (queue active)",
            "Nov 24 10:00:02 mx1 postfix/smtpd[2105]: disconnect from out1.example.org[198.51.100.10] ehlo=1 mail=1 rcpt=2 data=1 quit=1 commands=6",
            "Nov 24 10:00:02 out1 sm-mta[4103]: pBFERI8l019936: to=<bob@corp.example.net>,<carol@corp.example.net>, delay=00:00:01,"
                    + " xdelay=00:00:01, mailer=esmtp, pri=152211, relay=mx1.corp.example.net. [198.51.100.20], dsn=2.0.0,"
                    + " stat=Sent (Ok: queued as 4F9D195432C)",
            "Nov 24 10:00:03 mx1 postfix/smtpd[2120]: connect from localhost[127.0.0.1]",
            "Nov 24 10:00:03 mx1 postfix/smtpd[2120]: 7A3C31A0F21: client=localhost[127.0.0.1]",
            "Nov 24 10:00:03 mx1 postfix/cleanup[2110]: 7A3C31A0F21: message-id=<" + MSGID + ">",
            "Nov 24 10:00:03 mx1 postfix/qmgr[1020]: 7A3C31A0F21: from=<alice@example.org>, size=3190, nrcpt=2 (queue active)",
            "Nov 24 10:00:03 mx1 amavis[1907]: (01907-04) Passed CLEAN {RelayedInbound}, [198.51.100.10]:41234 [10.0.0.5]"
                    + " <alice@example.org> -> <bob@corp.example.net>,<carol@corp.example.net>, Queue-ID: 4F9D195432C, Message-ID: <"
                    + MSGID + ">, mail_id: Zq3xW9aB1cDe, Hits: 2.1, size: 2634, queued_as: 7A3C31A0F21, 743 ms",
            "Nov 24 10:00:03 mx1 postfix/smtpd[2120]: disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=2 data=1 quit=1 commands=6",
            "Nov 24 10:00:03 mx1 postfix/smtp[2112]: 4F9D195432C: to=<bob@corp.example.net>, relay=127.0.0.1[127.0.0.1]:10024,"
                    + " delay=1.1, delays=0.32/0.01/0.02/0.75, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025):"
                    + " 250 2.0.0 Ok: queued as 7A3C31A0F21)",
            "Nov 24 10:00:03 mx1 postfix/smtp[2112]: 4F9D195432C: to=<carol@corp.example.net>, relay=127.0.0.1[127.0.0.1]:10024,"
                    + " delay=1.1, delays=0.32/0.01/0.02/0.75, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025):"
                    + " 250 2.0.0 Ok: queued as 7A3C31A0F21)",
            "Nov 24 10:00:03 mx1 postfix/qmgr[1020]: 4F9D195432C: removed",
            "Nov 24 10:00:04 mx1 dovecot: lmtp(3310): Connect from local",
            "Nov 24 10:00:04 mx1 dovecot: lmtp(bob@corp.example.net)<3310><kJ4xBzQ0Q2feDAAAYr8sdw>: msgid=<" + MSGID
                    + ">: saved mail to INBOX",
            "Nov 24 10:00:04 mx1 dovecot: lmtp(carol@corp.example.net)<3310><kJ4xBzQ0Q2feDAAAYr8sdw:R2>: sieve: msgid=<" + MSGID
                    + ">: stored mail into mailbox 'Junk'",
            "Nov 24 10:00:04 mx1 postfix/lmtp[3305]: 7A3C31A0F21: to=<bob@corp.example.net>,"
                    + " relay=mx1.corp.example.net[private/dovecot-lmtp], delay=0.09, delays=0.02/0.01/0.02/0.04, dsn=2.0.0,"
                    + " status=sent (250 2.0.0 <bob@corp.example.net> kJ4xBzQ0Q2feDAAAYr8sdw Saved)",
            "Nov 24 10:00:04 mx1 postfix/lmtp[3305]: 7A3C31A0F21: to=<carol@corp.example.net>,"
                    + " relay=mx1.corp.example.net[private/dovecot-lmtp], delay=0.1, delays=0.02/0.01/0.02/0.05, dsn=2.0.0,"
                    + " status=sent (250 2.0.0 <carol@corp.example.net> kJ4xBzQ0Q2feDAAAYr8sdw:R2 Saved)",
            "Nov 24 10:00:04 mx1 dovecot: lmtp(3310): Disconnect from local: Client has quit the connection (state=READY)",
            "Nov 24 10:00:04 mx1 postfix/qmgr[1020]: 7A3C31A0F21: removed",
            "");

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void dialects() {
        assumeTrue(DialectRegistry.load().names().containsAll(List.of("postfix", "sendmail", "dovecot", "amavis", "opendkim")),
                "the postfix, sendmail and dovecot modules are not all on mailtrace-cli's class path");
    }

    static List<JsonNode> json(String... args) throws Exception {
        Cli.Result r = TraceCli.run(null, LOG, TraceCommandTest.concat(TracePostfixTest.TIME, args));
        assertThat(r.status()).as(r.err()).isZero();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : r.out().lines().toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void oneMessageFromSendmailToTheMailboxes() throws Exception {
        List<JsonNode> messages = json("--messages", "--format", "json").stream()
                .filter(n -> n.path("type").asText().equals("message")).toList();
        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.path("message_id").asText()).isEqualTo(MSGID);
        assertThat(m.path("complete").asBoolean()).isTrue();
        assertThat(hops(m)).containsExactly("out1 pBFERI8l019936 -", "mx1 4F9D195432C relay", "mx1 7A3C31A0F21 reinjection");
        assertThat(outcomes(m)).containsExactlyInAnyOrder(
                "bob@corp.example.net sent mx1 7A3C31A0F21 INBOX",
                "carol@corp.example.net sent mx1 7A3C31A0F21 Junk");
    }

    @Test
    void verdictsAndMailboxDeliveriesJoinTheirTransactions() throws Exception {
        List<JsonNode> txs = json("--format", "json").stream()
                .filter(n -> n.path("type").asText().equals("transaction")).toList();
        assertThat(txs).extracting(t -> t.path("host").asText() + " " + t.path("queue_id").asText())
                .containsExactlyInAnyOrder("out1 pBFERI8l019936", "mx1 4F9D195432C", "mx1 7A3C31A0F21");
        JsonNode pre = tx(txs, "4F9D195432C");
        assertThat(pre.path("filters")).hasSize(2);
        assertThat(pre.path("filters").get(0).path("filter").asText()).isEqualTo("opendkim");
        assertThat(pre.path("filters").get(0).path("verdict").asText()).isEqualTo("pass");
        JsonNode amavis = pre.path("filters").get(1);
        assertThat(amavis.path("filter").asText()).isEqualTo("amavis");
        assertThat(amavis.path("verdict").asText()).isEqualTo("clean");
        assertThat(amavis.path("disposition").asText()).isEqualTo("passed");
        assertThat(amavis.path("score").asDouble()).isEqualTo(2.1);
        assertThat(amavis.path("queued_as").get(0).asText()).isEqualTo("7A3C31A0F21");
        assertThat(pre.path("next").get(0).path("queue_id").asText()).isEqualTo("7A3C31A0F21");
        assertThat(pre.path("prev").path("host").asText()).isEqualTo("out1");
        JsonNode post = tx(txs, "7A3C31A0F21");
        assertThat(post.path("deliveries")).hasSize(2);
        assertThat(post.path("deliveries").findValuesAsText("to")).containsExactly("bob@corp.example.net", "carol@corp.example.net");
        assertThat(post.path("deliveries").findValuesAsText("mailbox")).containsExactly("INBOX", "Junk");
        assertThat(post.path("deliveries").findValuesAsText("session_id"))
                .containsExactly("kJ4xBzQ0Q2feDAAAYr8sdw", "kJ4xBzQ0Q2feDAAAYr8sdw:R2");
        assertThat(post.has("filters")).isFalse();
    }

    @Test
    void theTextFormatShowsThemToo() {
        Cli.Result r = TraceCli.run(null, LOG, TraceCommandTest.concat(TracePostfixTest.TIME, "--msgid", MSGID));
        assertThat(r.out()).contains(
                "filter: 2026-11-24 10:00:02 opendkim pass (passed)",
                "filter: 2026-11-24 10:00:03 amavis clean (passed) score=2.1 to=bob@corp.example.net,carol@corp.example.net"
                        + " queued_as=7A3C31A0F21",
                "mailbox: 2026-11-24 10:00:04 bob@corp.example.net sent mailbox='INBOX' host=mx1",
                "mailbox: 2026-11-24 10:00:04 carol@corp.example.net sent mailbox='Junk' host=mx1");
        Cli.Result m = TraceCli.run(null, LOG, TraceCommandTest.concat(TracePostfixTest.TIME, "--messages"));
        assertThat(m.out()).contains("hops:   out1 pBFERI8l019936 -> mx1 4F9D195432C (relay) -> mx1 7A3C31A0F21 (reinjection)",
                "to:     recipient='carol@corp.example.net', status='sent', host='mx1', mailbox='Junk'");
    }

    private static JsonNode tx(List<JsonNode> txs, String queueId) {
        return txs.stream().filter(t -> t.path("queue_id").asText().equals(queueId)).findFirst().orElseThrow();
    }

    private static List<String> hops(JsonNode m) {
        return java.util.stream.StreamSupport.stream(m.path("hops").spliterator(), false)
                .map(h -> h.path("host").asText() + " " + h.path("queue_id").asText() + " " + h.path("via").asText("-"))
                .collect(Collectors.toList());
    }

    private static List<String> outcomes(JsonNode m) {
        return java.util.stream.StreamSupport.stream(m.path("recipients").spliterator(), false)
                .map(o -> o.path("to").asText() + " " + o.path("status").asText() + " " + o.path("host").asText() + " "
                        + o.path("queue_id").asText() + " " + o.path("mailbox").asText("-"))
                .collect(Collectors.toList());
    }
}
