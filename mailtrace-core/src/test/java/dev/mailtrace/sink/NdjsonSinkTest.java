package dev.mailtrace.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.trace.Action;
import dev.mailtrace.trace.ClosedBy;
import dev.mailtrace.trace.DeliveryAttempt;
import dev.mailtrace.trace.Hop;
import dev.mailtrace.trace.Link;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.RecipientOutcome;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TlsInfo;
import dev.mailtrace.trace.Transaction;

/** The NDJSON schema, field by field, and the sink SPI. */
class NdjsonSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T09:04:02Z");

    @TempDir
    Path dir;

    static Transaction transaction() {
        DeliveryAttempt deferred = new DeliveryAttempt(T0.plusSeconds(1), "none", 1.2, null, "4.4.1",
                DeliveryStatus.DEFERRED, "connect to mx[192.0.2.99]:25: Connection timed out", null);
        DeliveryAttempt sent = new DeliveryAttempt(T0.plusSeconds(600), "mx.partner.example[192.0.2.99]:25", 602,
                "601/0.01/0.6/0.4", "2.0.0", DeliveryStatus.SENT, "250 2.0.0 Ok: queued as 41B7A2200E", "41B7A2200E");
        Reject r = new Reject(T0, "mx1", "Q1", null, "RCPT", 550, "5.1.1", "erin@corp", "nobody@corp", "h",
                RejectReason.UNKNOWN_USER, "User unknown");
        return new Transaction("mx1", "Q1", T0, T0.plusSeconds(601), new Client("desk.corp", "10.0.0.5", 51234),
                "PLAIN", "erin", new TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384", 256), "erin@corp", 812, 1, "m1@corp",
                List.of(new Recipient("frank@partner.example", "f@alias", DeliveryStatus.SENT, List.of(deferred, sent))),
                List.of(r), List.of(new Action(T0, "postfix/milter", Map.of("action", "hold"))),
                List.of(new Link(null, "41B7A2200E", "mx.partner.example[192.0.2.99]:25", Link.Kind.RELAY)),
                new Link("mx0", "P0", null, Link.Kind.MESSAGE_ID), null, List.of(), true, ClosedBy.REMOVED);
    }

    private static List<JsonNode> lines(ByteArrayOutputStream out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void writesTransactionsRejectsAndMessagesWithTheDocumentedNames() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Sink sink = NdjsonSink.builder(out).zone(ZoneId.of("Europe/Berlin")).build()) {
            sink.accept(transaction());
            sink.accept(new Reject(T0, "mx1", null, new Client("unknown", "203.0.113.77", -1), "RCPT", 450, "4.7.1",
                    "promo@shop", "dave@corp", "shop.example.com", RejectReason.GREYLISTED, "Greylisted"));
            MessageTrace bounce = new MessageTrace("b@mbox1", "", T0, T0, List.of(new Hop("mbox1", "B1", T0, null)),
                    List.of(new RecipientOutcome("alice@x", DeliveryStatus.SENT, "mbox1", "B1", T0, "x[1.2.3.4]:25", "2.0.0", "250", 1)),
                    List.of(), true);
            sink.accept(new MessageTrace("m1@corp", "alice@x", T0, T0.plusSeconds(3),
                    List.of(new Hop("mx1", "A", T0, null), new Hop("mbox1", "B", T0.plusSeconds(2), Link.Kind.RELAY)),
                    List.of(new RecipientOutcome("bob@corp", DeliveryStatus.BOUNCED, "mbox1", "B", T0.plusSeconds(3),
                            "mbox1[private/dovecot-lmtp]", "5.1.1", "550 no", 1)), List.of(bounce), true));
        }
        List<JsonNode> n = lines(out);
        assertThat(n).hasSize(3);
        JsonNode t = n.get(0);
        assertThat(fieldNames(t)).containsExactly("type", "host", "queue_id", "start", "end", "client", "sasl_method",
                "sasl_username", "tls", "from", "size", "nrcpt", "message_id", "recipients", "rejects", "actions", "next",
                "prev", "complete", "closed_by");
        assertThat(t.get("type").asText()).isEqualTo("transaction");
        assertThat(t.get("start").asText()).isEqualTo("2026-11-24T10:04:02+01:00");
        assertThat(t.get("client").toString()).isEqualTo("{\"name\":\"desk.corp\",\"ip\":\"10.0.0.5\",\"port\":51234}");
        assertThat(t.get("tls").toString()).isEqualTo("{\"version\":\"TLSv1.3\",\"cipher\":\"TLS_AES_256_GCM_SHA384\",\"bits\":256}");
        JsonNode r = t.get("recipients").get(0);
        assertThat(fieldNames(r)).containsExactly("to", "orig_to", "status", "attempts");
        assertThat(r.get("status").asText()).isEqualTo("sent");
        assertThat(r.get("attempts")).hasSize(2);
        assertThat(fieldNames(r.get("attempts").get(0))).containsExactly("time", "relay", "delay", "dsn", "status", "response");
        assertThat(fieldNames(r.get("attempts").get(1))).containsExactly("time", "relay", "delay", "delays", "dsn", "status",
                "response", "queued_as");
        assertThat(r.get("attempts").get(1).get("delay").asDouble()).isEqualTo(602.0);
        assertThat(t.get("rejects").get(0).get("reason").asText()).isEqualTo("unknown_user");
        assertThat(t.get("actions").get(0).toString()).isEqualTo("{\"time\":\"2026-11-24T10:04:02+01:00\",\"event\":\"postfix/milter\",\"action\":\"hold\"}");
        assertThat(t.get("next").toString()).isEqualTo("[{\"queue_id\":\"41B7A2200E\",\"relay\":\"mx.partner.example[192.0.2.99]:25\",\"via\":\"relay\"}]");
        assertThat(t.get("prev").toString()).isEqualTo("{\"host\":\"mx0\",\"queue_id\":\"P0\",\"via\":\"message_id\"}");
        assertThat(t.get("complete").asBoolean()).isTrue();
        assertThat(t.get("closed_by").asText()).isEqualTo("removed");

        assertThat(n.get(1).toString()).isEqualTo("{\"type\":\"reject\",\"host\":\"mx1\",\"time\":\"2026-11-24T10:04:02+01:00\","
                + "\"client\":{\"name\":\"unknown\",\"ip\":\"203.0.113.77\"},\"stage\":\"RCPT\",\"code\":450,\"dsn\":\"4.7.1\","
                + "\"from\":\"promo@shop\",\"to\":\"dave@corp\",\"helo\":\"shop.example.com\",\"reason\":\"greylisted\","
                + "\"reason_text\":\"Greylisted\"}");

        JsonNode m = n.get(2);
        assertThat(fieldNames(m)).containsExactly("type", "message_id", "from", "start", "end", "hops", "recipients", "bounces", "complete");
        assertThat(m.get("hops").toString()).isEqualTo("[{\"host\":\"mx1\",\"queue_id\":\"A\",\"start\":\"2026-11-24T10:04:02+01:00\"},"
                + "{\"host\":\"mbox1\",\"queue_id\":\"B\",\"start\":\"2026-11-24T10:04:04+01:00\",\"via\":\"relay\"}]");
        assertThat(fieldNames(m.get("recipients").get(0))).containsExactly("to", "status", "host", "queue_id", "time", "relay",
                "dsn", "response", "attempts");
        assertThat(m.get("bounces").get(0).has("type")).isFalse();
        assertThat(m.get("bounces").get(0).get("from").asText()).isEmpty();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theRegistryFindsNdjsonThroughServiceLoaderAndChecksOptions() throws IOException {
        SinkRegistry sinks = SinkRegistry.load();
        assertThat(sinks.names()).contains("ndjson");
        assertThat(sinks.forName("NDJSON")).isInstanceOf(NdjsonSinkProvider.class);
        assertThatThrownBy(() -> sinks.forName("kafka"))
                .hasMessage("unknown sink [kafka]; available: " + sinks.names());
        assertThatThrownBy(() -> sinks.open("ndjson", Map.of("file", "x"), System.out))
                .hasMessage("unknown option [file] for sink [ndjson]; valid: [append, flush_each_record, path, zone]");
        assertThatThrownBy(() -> sinks.open("ndjson", Map.of("zone", "Mars/Base"), System.out))
                .isInstanceOf(SinkException.class).hasMessageContaining("unknown time zone [Mars/Base]");
        Path file = dir.resolve("out.ndjson");
        try (Sink s = sinks.open("ndjson", Map.of("path", file.toString()), System.out)) {
            s.accept(transaction());
        }
        assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.startsWith("{\"type\":\"transaction\""));
        assertThatThrownBy(() -> sinks.open("ndjson", Map.of("path", dir.resolve("no/such/dir/x").toString()), System.out))
                .isInstanceOf(SinkException.class).hasMessageContaining("sink [ndjson]: cannot open");
    }

    @Test
    void writeFailuresAreReportedNotSwallowed() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        Sink sink = NdjsonSink.builder(broken).flushEachRecord(true).build();
        assertThatThrownBy(() -> sink.accept(transaction()))
                .isInstanceOf(SinkException.class)
                .hasMessage("sink [ndjson]: cannot write: No space left on device")
                .hasCauseInstanceOf(IOException.class);
        Sink buffered = NdjsonSink.builder(broken).build();
        buffered.accept(transaction());
        assertThatThrownBy(buffered::flush).isInstanceOf(SinkException.class);
    }
}
