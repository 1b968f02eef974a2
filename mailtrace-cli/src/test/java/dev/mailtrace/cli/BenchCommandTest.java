package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code mailtrace bench}: its output formats, exit statuses and error messages (short runs). */
class BenchCommandTest {

    @TempDir
    Path dir;

    private Path log() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add("Nov 24 10:04:0" + (i % 10) + " mx1 postfix/smtpd[2105]: connect from mail.example.org[192.0.2." + i + "]");
            lines.add("Nov 24 10:04:0" + (i % 10) + " mx1 postfix/qmgr[1201]: 4F9D1954" + (100 + i)
                    + ": from=<alice@example.org>, size=" + (1000 + i) + ", nrcpt=1 (queue active)");
            lines.add("Nov 24 10:04:0" + (i % 10) + " mx1 sshd[7]: Accepted publickey for root from 198.51.100." + i);
        }
        Path p = dir.resolve("mail.log");
        Files.write(p, lines, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void jsonIsOneObjectWithTheContractsFields() throws IOException {
        Cli.Result r = Cli.run("bench", "grok", "-p", "%{SYSLOGBASE} connect from %{DATA:client}$", "-p", "^.*.*[0-9]{25}",
                "-p", "%{SYSLOGBASE} %{GREEDYDATA:message}", "--engine", "mailtrace,jdk", "--time", "200ms",
                "--top", "2", "--format", "json", log().toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).as("no progress on stderr when it is not a terminal").isEmpty();
        List<JsonNode> objects = r.json();
        assertThat(objects).hasSize(1);
        JsonNode o = objects.get(0);
        assertThat(o.get("engines")).hasSize(2);
        JsonNode jdk = o.get("engines").get(1);
        assertThat(jdk.get("engine").asText()).isEqualTo("jdk");
        assertThat(jdk.get("lines").asLong()).isEqualTo(180);
        assertThat(jdk.get("matched").asLong()).isEqualTo(180);
        assertThat(jdk.get("agrees_with_mailtrace").asBoolean()).isTrue();
        assertThat(jdk.get("lines_per_s").asDouble()).isPositive();
        assertThat(jdk.has("mb_per_s") && jdk.has("error")).isTrue();
        JsonNode expensive = o.get("patterns").get(1);
        assertThat(expensive.get("index").asInt()).isEqualTo(1);
        assertThat(expensive.get("pattern").asText()).isEqualTo("^.*.*[0-9]{25}");
        assertThat(expensive.get("attempts").asLong()).isEqualTo(120);
        assertThat(expensive.get("matches").asLong()).isZero();
        assertThat(expensive.get("time_share").asDouble()).isGreaterThan(0.5);
        assertThat(expensive.get("warnings").get(0).get("kind").asText()).isEqualTo("greedy_wildcards");
        assertThat(o.get("slowest_lines")).hasSize(2);
        assertThat(o.get("slowest_lines").get(0).get("pattern").asInt()).isEqualTo(1);
        assertThat(o.get("environment").get("cores").asInt()).isPositive();
    }

    @Test
    void textAndHtml() throws IOException {
        Cli.Result text = Cli.run("bench", "grok", "-p", "%{SYSLOGBASE} %{GREEDYDATA:message}", "--time", "100ms",
                log().toString());
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).contains("engine", "mailtrace", "patterns by cost", "slowest lines", "profiler:");

        Cli.Result html = Cli.run("bench", "regex", "-p", "^(\\S+\\s?)*\\s$", "--timeout", "20ms", "--time", "100ms",
                "--format", "html", log().toString());
        assertThat(html.status()).as(html.err()).isZero();
        assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("<svg", "nested quantifiers", "Time per line")
                .doesNotContain("<script", "src=", "href=", "<link");
    }

    @Test
    void aBadPatternExitsTwoNamingThePatternAndColumn() throws IOException {
        Cli.Result grok = Cli.run("bench", "grok", "-p", "%{WORD:w}", "-p", "%{WORD:w} (unclosed", log().toString());
        assertThat(grok.status()).isEqualTo(2);
        assertThat(grok.errLines()).singleElement().asString()
                .startsWith("mailtrace bench grok: bad pattern -p #1 [%{WORD:w} (unclosed] column ");
        Cli.Result regex = Cli.run("bench", "regex", "-p", "%{x}[a-", log().toString());
        assertThat(regex.status()).isEqualTo(2);
        assertThat(regex.err()).startsWith("mailtrace bench regex: bad pattern -p #0 [%{x}[a-] column ");
        Cli.Result unknown = Cli.run("bench", "grok", "-p", "%{NOPE}", log().toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("bad pattern -p #0 [%{NOPE}]", "NOPE");
        Cli.Result engine = Cli.run("bench", "grok", "-p", "x", "--engine", "pcre", log().toString());
        assertThat(engine.status()).isEqualTo(2);
        assertThat(engine.err()).contains("unknown engine [pcre]; available: [mailtrace, jdk, es-grok]");
    }

    @Test
    void baselineExitsThreeOnARegressionBeyondTheNoise() throws IOException {
        String[] args = {"bench", "grok", "-p", "%{SYSLOGBASE} %{GREEDYDATA:message}", "--time", "200ms",
            "--format", "json", log().toString()};
        Cli.Result first = Cli.run(args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertThat(first.status()).as(first.err()).isZero();
        JsonNode o = first.json().get(0);

        // A baseline a thousand times faster, with a tight interval: now is a regression.
        String faster = first.out().replaceFirst("\"lines_per_s\":[0-9.E]+", "\"lines_per_s\":" + o.get("engines").get(0)
                .get("lines_per_s").asDouble() * 1000);
        Path fast = dir.resolve("fast.json");
        Files.writeString(fast, faster);
        Cli.Result gated = Cli.run("bench", "grok", "-p", "%{SYSLOGBASE} %{GREEDYDATA:message}", "--time", "200ms",
                "--baseline", fast.toString(), log().toString());
        assertThat(gated.status()).isEqualTo(3);
        assertThat(gated.err()).contains("regression: engine mailtrace:");

        // A baseline a thousand times slower: nothing regressed.
        String slower = first.out().replaceFirst("\"lines_per_s\":[0-9.E]+", "\"lines_per_s\":" + o.get("engines").get(0)
                .get("lines_per_s").asDouble() / 1000).replaceAll("\"ns_per_attempt\":[0-9.E]+", "\"ns_per_attempt\":1.0E9");
        Path slow = dir.resolve("slow.json");
        Files.writeString(slow, slower);
        assertThat(Cli.run("bench", "grok", "-p", "%{SYSLOGBASE} %{GREEDYDATA:message}", "--time", "200ms",
                "--baseline", slow.toString(), log().toString()).status()).isZero();

        Files.writeString(slow, "{\"not\":\"a result\"}");
        Cli.Result bad = Cli.run("bench", "grok", "-p", "x", "--baseline", slow.toString(), log().toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("bad baseline");
    }

    @Test
    void parseBreaksTheTimeDownByDialectProgramAndEventType() throws IOException {
        Cli.Result r = Cli.run("bench", "parse", "--time", "200ms", log().toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("180 lines", "lines/s", "unknown 33.33%", "dialect", "postfix", "program",
                "postfix/qmgr", "event type", "postfix/connect", "(none)");
    }

    @Test
    void parseAsJson() throws IOException {
        Cli.Result r = Cli.run("bench", "parse", "--time", "100ms", "--format", "json", log().toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode o = r.json().get(0);
        assertThat(o.get("lines").asLong()).isEqualTo(180);
        assertThat(o.get("unknown_share").asDouble()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.get("dialects").get(0).get("name").asText()).isEqualTo("postfix");
        assertThat(o.get("event_types").findValuesAsText("name")).contains("postfix/connect", "postfix/sender");
        assertThat(o.get("lines_per_s").asDouble()).isPositive();
        assertThat(Cli.run("bench", "parse", "--format", "html", log().toString()).status()).isEqualTo(2);
    }

    @Test
    void helpOfEverySubcommandFormatsCleanly() {
        for (String sub : new String[] {"grok", "regex", "parse"}) {
            Cli.Result r = Cli.run("bench", sub, "--help");
            assertThat(r.status()).isZero();
            assertThat(r.out()).contains("Usage: mailtrace bench " + sub);
            assertThat(r.err()).as(sub).isEmpty();
        }
        Cli.Result none = Cli.run("bench");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("missing command: grok, regex or parse");
    }
}
