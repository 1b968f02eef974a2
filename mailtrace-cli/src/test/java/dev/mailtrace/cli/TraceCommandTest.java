package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.spi.DialectRegistry;

/**
 * The contract of {@code mailtrace trace}: options, filters, formats, errors. The logs are postfix
 * lines read by {@link TraceTestDialect}; {@link TracePostfixTest} reads them with the real dialect.
 */
class TraceCommandTest {

    static final DialectRegistry TEST = DialectRegistry.builder().add(new TraceTestDialect()).build();
    static final String[] TIME = {"--year", "2026", "--tz", "Europe/Berlin"};

    @TempDir
    Path dir;

    static Cli.Result trace(String... args) {
        return TraceCli.run(TEST, "", concat(TIME, args));
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void messagesShowTheWholeWayOfTheBundledExample() {
        Cli.Result r = trace("--messages", TraceCli.EXAMPLE.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains(String.join("\n",
                "message: <20261124100401.GA1234@mail.example.org>",
                "from:   alice@example.org",
                "date:   2026-11-24 10:04:02",
                "hops:   mx1 4F9D195432C -> mx1 7A3C31A0F21 (reinjection) -> mbox1 2B7E4C0A11 (relay)",
                "to:     recipient='bob@corp.example.net', status='sent', host='mbox1',"
                        + " relay='mbox1.corp.example.net[private/dovecot-lmtp]',"
                        + " response='250 2.0.0 <bob@corp.example.net> kJ4xBzQ0Q2feDAAAYr8sdw Saved', at 2026-11-24 10:04:04",
                "to:     recipient='carol@corp.example.net', status='bounced', host='mbox1',"));
        assertThat(r.out()).contains(String.join("\n",
                "  bounce: <20261124100404.5D1E9C0A15@mbox1.corp.example.net>",
                "  from:   <>",
                "  date:   2026-11-24 10:04:04",
                "  hops:   mbox1 5D1E9C0A15",
                "  to:     recipient='alice@example.org', status='sent', host='mbox1', relay='mail.example.org[198.51.100.23]:25',"));
        assertThat(r.out()).contains("to:     recipient='frank@partner.example', status='sent', host='mx1',")
                .contains("after 2 attempts")
                .contains("reason: greylisted (450 4.7.1 at RCPT)");
        assertThat(r.out()).doesNotContain("transaction:").doesNotContain("incomplete");
    }

    @Test
    void messagesAsJson() {
        Cli.Result r = trace("--messages", "--format", "json", "--from", "ALICE@example.org", TraceCli.EXAMPLE.toString());
        List<JsonNode> out = r.json();
        assertThat(out).hasSize(1);
        JsonNode m = out.get(0);
        assertThat(m.get("type").asText()).isEqualTo("message");
        assertThat(m.get("message_id").asText()).isEqualTo("20261124100401.GA1234@mail.example.org");
        assertThat(m.get("hops").toString()).isEqualTo("[{\"host\":\"mx1\",\"queue_id\":\"4F9D195432C\",\"start\":\"2026-11-24T10:04:02+01:00\"},"
                + "{\"host\":\"mx1\",\"queue_id\":\"7A3C31A0F21\",\"start\":\"2026-11-24T10:04:03+01:00\",\"via\":\"reinjection\"},"
                + "{\"host\":\"mbox1\",\"queue_id\":\"2B7E4C0A11\",\"start\":\"2026-11-24T10:04:04+01:00\",\"via\":\"relay\"}]");
        assertThat(m.get("recipients")).extracting(n -> n.get("to").asText() + " " + n.get("status").asText() + " " + n.get("host").asText())
                .containsExactly("bob@corp.example.net sent mbox1", "carol@corp.example.net bounced mbox1");
        assertThat(m.get("bounces").get(0).get("recipients").get(0).get("to").asText()).isEqualTo("alice@example.org");
        assertThat(m.get("complete").asBoolean()).isTrue();
    }

    @Test
    void transactionsInTheClassicFormatWithEveryAttempt() {
        Cli.Result r = trace("-f", "erin@CORP.example.net", TraceCli.EXAMPLE.toString());
        assertThat(r.out()).isEqualTo(String.join("\n",
                "transaction: C1D2E3F4A5",
                "from:   erin@corp.example.net",
                "msgid:  20261124100630.C1D2E3F4A5@mx1.corp.example.net",
                "date:   2026-11-24 10:06:30",
                "to:     recipient='frank@partner.example', relay='mx.partner.example[192.0.2.99]:25',"
                        + " status='sent (250 2.0.0 Ok: queued as 41B7A2200E)'",
                "          2026-11-24 10:06:31  deferred  relay=none delay=1.2 delays=0.02/0.01/1.2/0 dsn=4.4.1"
                        + " (connect to mx.partner.example[192.0.2.99]:25: Connection timed out)",
                "          2026-11-24 10:16:32  sent      relay=mx.partner.example[192.0.2.99]:25 delay=602"
                        + " delays=601/0.01/0.6/0.4 dsn=2.0.0 (250 2.0.0 Ok: queued as 41B7A2200E)",
                "host:   mx1",
                "size:   812 bytes, 1 recipients",
                "next:   ? 41B7A2200E (relay via mx.partner.example[192.0.2.99]:25)",
                "end:    2026-11-24 10:16:32 (removed)",
                ""));
    }

    @Test
    void transactionsAsJsonCarryLinksBothWays() {
        List<JsonNode> out = trace("--format", "json", "--msgid", "<20261124100401.GA1234@mail.example.org>",
                TraceCli.EXAMPLE.toString()).json();
        assertThat(out).extracting(n -> n.get("host").asText() + "/" + n.get("queue_id").asText())
                .containsExactly("mx1/4F9D195432C", "mx1/7A3C31A0F21", "mbox1/2B7E4C0A11");
        assertThat(out.get(0).get("next").toString()).isEqualTo("[{\"host\":\"mx1\",\"queue_id\":\"7A3C31A0F21\","
                + "\"relay\":\"127.0.0.1[127.0.0.1]:10024\",\"via\":\"reinjection\"}]");
        assertThat(out.get(0).has("prev")).isFalse();
        assertThat(out.get(2).get("prev").get("host").asText()).isEqualTo("mx1");
        assertThat(out.get(2).get("bounces").get(0).get("queue_id").asText()).isEqualTo("5D1E9C0A15");
        assertThat(out.get(2).get("recipients").get(1).get("attempts").get(0).get("delays").asText()).isEqualTo("0.02/0.01/0.02/0.05");
        assertThat(out).allMatch(n -> n.get("complete").asBoolean() && n.get("closed_by").asText().equals("removed"));
    }

    @Test
    void filtersByRecipientHostAndTimeAndKeepsMatchingRejects() {
        String log = TraceCli.EXAMPLE.toString();
        assertThat(trace("--format", "json", "-t", "DAVE@corp.example.net", log).json())
                .extracting(n -> n.get("type").asText() + " " + n.get("reason").asText()).containsExactly("reject greylisted");
        assertThat(trace("--format", "json", "-t", "carol@corp.example.net", "-H", "MBOX1", log).json())
                .extracting(n -> n.get("queue_id").asText()).containsExactly("2B7E4C0A11");
        assertThat(trace("--format", "json", "--messages", "-H", "mbox1", log).json())
                .extracting(n -> n.get("from").asText()).containsExactly("alice@example.org");
        assertThat(trace("--format", "json", "-d", "2026-11-24 10:05", "-D", "2026-11-24T10:06:00+01:00", log).json())
                .extracting(n -> n.get("type").asText()).containsExactly("reject");
        assertThat(trace("--format", "json", "-D", "2026-11-23", log).json()).isEmpty();
        assertThat(trace("--format", "json", "-d", "2026-11-24", "-D", "2026-11-24", log).json()).hasSize(6);
        assertThat(trace("--format", "json", "-f", "<>", log).json()).extracting(n -> n.get("queue_id").asText())
                .containsExactly("5D1E9C0A15");
    }

    @Test
    void lastGivesTheMostRecentFirst() {
        List<JsonNode> out = trace("--format", "json", "-r", "3", TraceCli.EXAMPLE.toString()).json();
        assertThat(out).extracting(n -> n.has("queue_id") ? n.get("queue_id").asText() : n.get("type").asText())
                .containsExactly("C1D2E3F4A5", "reject", "5D1E9C0A15");
    }

    @Test
    void oneAndSeveralThreadsWriteTheSame() {
        String one = trace("--format", "json", "--messages", "-j", "1", TraceCli.EXAMPLE.toString()).out();
        assertThat(one).isNotEmpty();
        assertThat(trace("--format", "json", "--messages", "-j", "3", TraceCli.EXAMPLE.toString()).out()).isEqualTo(one);
        String tx = trace("--format", "json", "-j", "1", TraceCli.EXAMPLE.toString()).out();
        assertThat(trace("--format", "json", "-j", "2", TraceCli.EXAMPLE.toString()).out()).isEqualTo(tx);
    }

    @Test
    void readsStandardInputAndRotatedSetsAcrossNewYear() throws IOException {
        String before = "Dec 31 23:59:58 mx1 postfix/pickup[1]: AAAA1111: uid=0 from=<root>\n"
                + "Dec 31 23:59:58 mx1 postfix/qmgr[2]: AAAA1111: from=<root@mx1>, size=300, nrcpt=1 (queue active)\n";
        String after = "Jan  1 00:00:02 mx1 postfix/smtp[3]: AAAA1111: to=<ops@example.net>, relay=mx.example.net[192.0.2.1]:25,"
                + " delay=4, delays=0/0/2/2, dsn=2.0.0, status=sent (250 ok)\n"
                + "Jan  1 00:00:02 mx1 postfix/qmgr[2]: AAAA1111: removed\n";
        List<JsonNode> fromStdin = TraceCli.run(TEST, before + after, "--format", "json", "--year", "2025", "--tz", "UTC").json();
        assertThat(fromStdin).hasSize(1);
        assertThat(fromStdin.get(0).get("start").asText()).isEqualTo("2025-12-31T23:59:58Z");
        assertThat(fromStdin.get(0).get("end").asText()).isEqualTo("2026-01-01T00:00:02Z");
        assertThat(fromStdin.get(0).get("complete").asBoolean()).isTrue();

        Files.writeString(dir.resolve("maillog.1"), before);
        Files.writeString(dir.resolve("maillog"), after);
        Files.setLastModifiedTime(dir.resolve("maillog.1"), java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(dir.resolve("maillog"), java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-01-01T06:00:00Z")));
        List<JsonNode> rotated = TraceCli.run(TEST, "", "--format", "json", "--tz", "UTC", "--rotated",
                dir.resolve("maillog").toString()).json();
        assertThat(rotated).hasSize(1);
        assertThat(rotated.get(0).get("start").asText()).isEqualTo("2025-12-31T23:59:58Z");
        assertThat(rotated.get(0).get("recipients").get(0).get("status").asText()).isEqualTo("sent");
    }

    @Test
    void perHostFilesAreMergedByTime() throws IOException {
        List<String> lines = Files.readAllLines(TraceCli.EXAMPLE);
        Path mx1 = dir.resolve("mx1.log");
        Path mbox1 = dir.resolve("mbox1.log");
        Files.write(mx1, lines.stream().filter(l -> l.contains(" mx1 ")).toList());
        Files.write(mbox1, lines.stream().filter(l -> l.contains(" mbox1 ")).toList());
        String central = trace("--messages", "--format", "json", TraceCli.EXAMPLE.toString()).out();
        // the later host first on the command line: time decides, not the order of the files
        Cli.Result split = trace("--messages", "--format", "json", mbox1.toString(), mx1.toString());
        assertThat(split.status()).as(split.err()).isZero();
        assertThat(split.out().lines().sorted().toList()).isEqualTo(central.lines().sorted().toList());
        assertThat(split.out()).contains("\"via\":\"relay\"");
    }

    @Test
    void badOptionsAndUnreadableFilesAreReported() {
        Cli.Result since = trace("-d", "yesterday-ish", TraceCli.EXAMPLE.toString());
        assertThat(since.status()).isEqualTo(2);
        assertThat(since.err()).contains("mailtrace trace: --since: invalid time [yesterday-ish]; expected a day (2026-11-24)");
        assertThat(trace("-r", "0", TraceCli.EXAMPLE.toString()).err()).contains("--last must be at least 1, got 0");
        assertThat(trace("--format", "xml").status()).isEqualTo(2);
        Cli.Result missing = trace("--format", "json", "--messages", dir.resolve("nope.log").toString(), TraceCli.EXAMPLE.toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read [" + dir.resolve("nope.log") + "]: no such file");
        assertThat(missing.json()).hasSize(3);
    }

    @Test
    void verboseSummary() {
        Cli.Result r = TraceCli.run(TEST, "", concat(TIME, "-v", "--format", "json", TraceCli.EXAMPLE.toString()));
        assertThat(r.err()).contains("mailtrace trace: 46 lines in").contains("5 transactions {REMOVED=5}, 1 rejects")
                .contains("links {RELAY=1, REINJECTION=1}");
    }
}
