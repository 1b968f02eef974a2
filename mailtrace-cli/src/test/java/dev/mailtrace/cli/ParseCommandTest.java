package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public contract of {@code mailtrace parse}, object by object. */
class ParseCommandTest {

    @TempDir
    Path dir;

    private static final String LOG = String.join("\n",
            "Dec 31 23:59:59 mx1 greeter[7]: hello alice 2",
            "Jan  1 00:00:01 mx1 greeter: hello bob",
            "Jan  1 00:00:02 mx1 greeter[7]: goodbye",
            "Jan  1 00:00:03 mx1 sshd[9]: Accepted publickey for root",
            "Jan  1 00:00:04 mx1 -- MARK --",
            "garbage without a header") + "\n";

    @Test
    void writesOneTypedObjectPerLine() {
        Cli.Result r = Cli.runWithStdin(LOG, "parse", "--year", "2025", "--tz", "Europe/Berlin");
        assertThat(r.status()).isZero();
        List<JsonNode> out = r.json();
        assertThat(out).hasSize(6);
        assertThat(out.get(0).toString()).isEqualTo("{\"file\":\"-\",\"line\":1,\"timestamp\":\"2025-12-31T23:59:59+01:00\","
                + "\"host\":\"mx1\",\"program\":\"greeter\",\"pid\":7,\"dialect\":\"greet\",\"event\":\"hello\","
                + "\"who\":\"alice\",\"times\":2}");
        assertThat(out.get(1).get("timestamp").asText()).as("New Year rollover").isEqualTo("2026-01-01T00:00:01+01:00");
        assertThat(out.get(1).get("pid").isNull()).isTrue();
        assertThat(out.get(1).has("times")).isFalse();
        assertThat(out.get(2).get("event").asText()).isEqualTo("unknown");
        assertThat(out.get(2).get("reason").asText()).isEqualTo("unrecognised_message");
        assertThat(out.get(2).get("dialect").asText()).isEqualTo("greet");
        assertThat(out.get(3).get("reason").asText()).isEqualTo("unclaimed_program");
        assertThat(out.get(3).get("dialect").isNull()).isTrue();
        assertThat(out.get(3).get("raw").asText()).isEqualTo("Jan  1 00:00:03 mx1 sshd[9]: Accepted publickey for root");
        assertThat(out.get(4).get("event").asText()).isEqualTo("syslog");
        assertThat(out.get(4).get("kind").asText()).isEqualTo("mark");
        assertThat(out.get(5).get("reason").asText()).isEqualTo("no_syslog_header");
        assertThat(out.get(5).get("timestamp").isNull()).isTrue();
        assertThat(r.err()).contains("6 lines", "3 unknown", "greet/hello", "sshd", "unclaimed_program");
    }

    @Test
    void readsFilesInOrderGzipAndRotatedSets() throws IOException {
        Files.writeString(dir.resolve("maillog"), "Jan  2 00:00:00 h greeter: hello new\n");
        Files.writeString(dir.resolve("maillog.1"), "Jan  1 00:00:00 h greeter: hello middle\n");
        Files.write(dir.resolve("maillog.2.gz"), gzip("Dec 31 00:00:00 h greeter: hello old\n"));
        Cli.Result r = Cli.run("parse", "--rotated", "--year", "2025", dir.resolve("maillog").toString());
        assertThat(r.status()).isZero();
        assertThat(r.json()).extracting(n -> n.get("who").asText()).containsExactly("old", "middle", "new");
        assertThat(r.json()).extracting(n -> Path.of(n.get("file").asText()))
                .containsExactly(dir.resolve("maillog.2.gz"), dir.resolve("maillog.1"), dir.resolve("maillog"));
    }

    @Test
    void keepsInvalidUtf8AndLegacyCharsets() throws IOException {
        Path f = dir.resolve("latin1.log");
        Files.write(f, "Jan  1 00:00:00 h greeter: hello J\u00fcrgen\n".getBytes(StandardCharsets.ISO_8859_1));
        JsonNode utf8 = Cli.run("parse", "--year", "2026", f.toString()).json().get(0);
        assertThat(utf8.get("invalid_utf8").asBoolean()).isTrue();
        assertThat(utf8.get("who").asText()).isEqualTo("J\ufffdrgen");
        JsonNode latin1 = Cli.run("parse", "--year", "2026", "--charset", "ISO-8859-1", f.toString()).json().get(0);
        assertThat(latin1.get("who").asText()).isEqualTo("J\u00fcrgen");
        assertThat(latin1.has("invalid_utf8")).isFalse();
    }

    @Test
    void badArgumentsAndMissingFiles() {
        Cli.Result tz = Cli.runWithStdin("", "parse", "--tz", "Mars/Olympus");
        assertThat(tz.status()).isEqualTo(2);
        assertThat(tz.err()).contains("unknown time zone [Mars/Olympus]");
        Cli.Result missing = Cli.run("parse", dir.resolve("nope.log").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read [").contains("nope.log");
    }

    @Test
    void listsTheFieldsOfEveryDialect() {
        Cli.Result r = Cli.run("parse", "--list-fields");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("greet/hello\twho\tkeyword\twho was greeted\n")
                .contains("unknown/unknown\treason\tkeyword\t").contains("syslog/syslog\tkind\t");
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
