package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.trace.ClosedBy;
import dev.mailtrace.trace.DeliveryAttempt;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TraceRecord;
import dev.mailtrace.trace.Transaction;

/** The sink and the search against a real node: template and mappings, round trip, idempotence, upsert, nested queries. */
class EsSinkIT {

    static ElasticsearchClient client;
    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        client = TestNodes.sharedClient();
    }

    private EsSink sink(IndexLayout layout) throws IOException {
        layout.install(client);
        return EsSink.builder(client, layout).deadLetter(tmp.resolve("dead.ndjson")).flushInterval(Duration.ofMillis(200)).build();
    }

    private long count(IndexLayout layout) throws IOException {
        client.indices().refresh(r -> r.index(layout.searchPattern()).allowNoIndices(true));
        return client.count(c -> c.index(layout.searchPattern()).allowNoIndices(true)).count();
    }

    @Test
    void templateGivesExplicitMappings() throws IOException {
        IndexLayout layout = new IndexLayout("it-mapping", IndexLayout.Mode.DAILY, 90);
        try (EsSink sink = sink(layout)) {
            sink.accept(ExampleRecords.of(ExampleRecords.exampleLog(), false).get(0));
        }
        assertThat(client.indices().existsIndexTemplate(t -> t.name("it-mapping")).value()).isTrue();
        Map<String, Property> props = client.indices().getMapping(m -> m.index("it-mapping-*")).result().values().iterator().next()
                .mappings().properties();
        assertThat(props.get("mail").object().properties().get("recipients").isNested()).isTrue();
        assertThat(props.get("mail").object().properties().get("recipients").nested().properties().get("attempts").isNested()).isTrue();
        assertThat(props.get("source").object().properties().get("ip").isIp()).isTrue();
        assertThat(props.get("@timestamp").isDate()).isTrue();
        assertThat(props.get("email").object().properties().get("from").object().properties().get("address").keyword().normalizer())
                .isEqualTo("mailtrace_lowercase");
    }

    @Test
    void recordsComeBackEqualAndRerunsDoNotDuplicate() throws IOException {
        IndexLayout layout = new IndexLayout("it-roundtrip", IndexLayout.Mode.DAILY, 90);
        List<TraceRecord> records = ExampleRecords.of(ExampleRecords.exampleLog(), false);
        assertThat(records).hasSizeGreaterThan(3);
        for (int run = 0; run < 2; run++) {
            try (EsSink sink = sink(layout)) {
                records.forEach(sink::accept);
                sink.flush();
                assertThat(sink.stats().indexed()).isEqualTo(records.size());
                assertThat(sink.stats().failed()).isZero();
            }
        }
        assertThat(count(layout)).isEqualTo(records.size());
        List<TraceRecord> back = new TransactionSearch(client, layout).search(TransactionSearch.criteria().build());
        assertThat(back).containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void messagesComeBackEqual() throws IOException {
        IndexLayout layout = new IndexLayout("it-messages", IndexLayout.Mode.DAILY, 90);
        List<TraceRecord> records = ExampleRecords.of(ExampleRecords.exampleLog(), true);
        assertThat(records).anyMatch(r -> r instanceof MessageTrace);
        try (EsSink sink = sink(layout)) {
            records.forEach(sink::accept);
        }
        count(layout);
        List<TraceRecord> back = new TransactionSearch(client, layout).search(TransactionSearch.criteria().messages(true).build());
        assertThat(back).containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void aTransactionThatGainsAttemptsIsUpdatedInPlace() throws IOException {
        IndexLayout layout = new IndexLayout("it-upsert", IndexLayout.Mode.DAILY, 90);
        Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
        DeliveryAttempt deferred = new DeliveryAttempt(t0.plusSeconds(5), "mx.example.net[192.0.2.1]:25", 5, null, "4.4.1",
                DeliveryStatus.DEFERRED, "connection timed out", null);
        DeliveryAttempt sent = new DeliveryAttempt(t0.plusSeconds(86_400), "mx.example.net[192.0.2.1]:25", 86_400, null, "2.0.0",
                DeliveryStatus.SENT, "250 ok", null);
        Transaction today = tx(t0, List.of(new Recipient("bob@example.net", null, DeliveryStatus.DEFERRED, List.of(deferred))),
                t0.plusSeconds(5), false, ClosedBy.END_OF_INPUT);
        Transaction tomorrow = tx(t0, List.of(new Recipient("bob@example.net", null, DeliveryStatus.SENT, List.of(deferred, sent))),
                t0.plusSeconds(86_400), true, ClosedBy.REMOVED);
        try (EsSink sink = sink(layout)) {
            sink.accept(today);
        }
        try (EsSink sink = sink(layout)) {
            sink.accept(tomorrow);
        }
        assertThat(count(layout)).isEqualTo(1);
        assertThat(new TransactionSearch(client, layout).search(TransactionSearch.criteria().build())).containsExactly(tomorrow);
    }

    @Test
    void searchesByEveryCriterion() throws IOException {
        IndexLayout layout = new IndexLayout("it-search", IndexLayout.Mode.DAILY, 90);
        Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
        DeliveryAttempt bounce = new DeliveryAttempt(t0, "mx[192.0.2.1]:25", 1, null, "5.1.1", DeliveryStatus.BOUNCED, "no such user", null);
        DeliveryAttempt ok = new DeliveryAttempt(t0, "mx[192.0.2.1]:25", 1, null, "2.0.0", DeliveryStatus.SENT, "250 ok", null);
        // X bounced on one transaction and was sent on the other; Y the other way round
        Transaction a = tx(t0, List.of(new Recipient("X@example.net", null, DeliveryStatus.BOUNCED, List.of(bounce)),
                new Recipient("y@example.net", null, DeliveryStatus.SENT, List.of(ok))), t0.plusSeconds(1), true, ClosedBy.REMOVED);
        Transaction b = new Transaction("smtp2", "B2", t0.plusSeconds(3600), t0.plusSeconds(3601), null, null, null, null,
                "Bob@Foo.com", 10, 2, "id-2@foo.com", List.of(new Recipient("x@example.net", null, DeliveryStatus.SENT, List.of(ok)),
                new Recipient("y@example.net", null, DeliveryStatus.BOUNCED, List.of(bounce))), List.of(), List.of(), List.of(), null,
                null, List.of(), true, ClosedBy.REMOVED);
        Reject j = new Reject(t0.plusSeconds(7200), "smtp1", null, new dev.mailtrace.event.Client("spam.example", "203.0.113.9", 4000),
                "RCPT", 554, "5.7.1", "bob@foo.com", "x@example.net", "spam", dev.mailtrace.event.RejectReason.RBL, "blocked");
        try (EsSink sink = sink(layout)) {
            List.of(a, b, j).forEach(sink::accept);
        }
        count(layout);
        TransactionSearch s = new TransactionSearch(client, layout);
        assertThat(s.search(TransactionSearch.criteria().from("BOB@foo.com").build())).containsExactly(a, b, j);
        assertThat(s.search(TransactionSearch.criteria().from("bob@foo.com").rejects(false).build())).containsExactly(a, b);
        assertThat(s.search(TransactionSearch.criteria().to("x@EXAMPLE.net").host("smtp2").build())).containsExactly(b);
        assertThat(s.search(TransactionSearch.criteria().messageId("<id-1@foo.com>").build())).containsExactly(a);
        assertThat(s.search(TransactionSearch.criteria().since(t0.plusSeconds(1800)).until(t0.plusSeconds(7000)).build()))
                .containsExactly(b);
        assertThat(s.search(TransactionSearch.criteria().last(2).build())).containsExactly(j, b);
        // nested: the recipient that bounced, not any recipient and any bounced status
        assertThat(client.search(q -> q.index(layout.searchPattern()).query(x -> x.nested(n -> n.path("mail.recipients")
                .query(b2 -> b2.bool(bb -> bb.filter(f -> f.term(t -> t.field("mail.recipients.to").value("x@example.net")))
                        .filter(f -> f.term(t -> t.field("mail.recipients.status").value("bounced"))))))), Object.class)
                .hits().hits()).extracting(h -> h.id()).containsExactly(EsSink.documentId(a));
    }

    @Test
    void filterVerdictsMailboxDeliveriesAndMailboxesComeBackEqual() throws IOException {
        IndexLayout layout = new IndexLayout("it-filters", IndexLayout.Mode.DAILY, 90);
        Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
        DeliveryAttempt lmtp = new DeliveryAttempt(t0.plusSeconds(2), "mbox1[192.0.2.5]:24", 0.2, "0/0/0/0.2", "2.0.0",
                DeliveryStatus.SENT, "250 2.0.0 <bob@example.net> Bp6VKJkD2l+LBQAAh/fGkg Saved", null);
        Transaction t = new Transaction("mx1", "F1", t0, t0.plusSeconds(3), null, null, null, null, "a@example.org", 10, 1, "m1@x",
                List.of(new Recipient("bob@example.net", null, DeliveryStatus.SENT, List.of(lmtp))), List.of(), List.of(), List.of(),
                null, null, List.of(), true, ClosedBy.REMOVED,
                List.of(new dev.mailtrace.trace.FilterResult(t0.plusSeconds(1), "amavis", "spam",
                        dev.mailtrace.event.FilterVerdict.Disposition.PASSED, 7.5, Double.NaN, List.of("bob@example.net"), List.of("F2"))),
                List.of(new dev.mailtrace.trace.MailboxResult(t0.plusSeconds(2), "mbox1", "bob@example.net", "bob", "INBOX",
                        DeliveryStatus.SENT, null, "Bp6VKJkD2l+LBQAAh/fGkg", null)));
        MessageTrace m = new MessageTrace("m1@x", "a@example.org", t0, t0.plusSeconds(3),
                List.of(new dev.mailtrace.trace.Hop("mx1", "F1", t0, null)),
                List.of(new dev.mailtrace.trace.RecipientOutcome("bob@example.net", DeliveryStatus.SENT, "mbox1", "F1",
                        t0.plusSeconds(2), null, "2.0.0", null, 1, "INBOX")), List.of(), true);
        try (EsSink sink = sink(layout)) {
            sink.accept(t);
            sink.accept(m);
        }
        count(layout);
        TransactionSearch s = new TransactionSearch(client, layout);
        assertThat(s.search(TransactionSearch.criteria().build())).containsExactly(t);
        assertThat(s.search(TransactionSearch.criteria().messages(true).build())).containsExactly(m);
    }

    @Test
    void aDataStreamTakesEachDocumentOnceAndCountsRerunsAsDuplicates() throws IOException {
        IndexLayout layout = new IndexLayout("it-stream", IndexLayout.Mode.DATA_STREAM, 30);
        List<TraceRecord> records = ExampleRecords.of(ExampleRecords.exampleLog(), false);
        for (int run = 0; run < 2; run++) {
            try (EsSink sink = sink(layout)) {
                records.forEach(sink::accept);
                sink.flush();
                assertThat(sink.stats()).isEqualTo(run == 0 ? new EsSinkStats(records.size(), 0, 0, 0)
                        : new EsSinkStats(0, 0, 0, records.size()));
            }
        }
        assertThat(count(layout)).isEqualTo(records.size());
        assertThat(new TransactionSearch(client, layout).search(TransactionSearch.criteria().build()))
                .containsExactlyInAnyOrderElementsOf(records);
        // the documents are in the data stream's backing index (GET _data_stream is not in this distribution)
        assertThat(client.indices().get(g -> g.index(".ds-it-stream-*").expandWildcards(co.elastic.clients.elasticsearch._types
                .ExpandWildcard.All)).result()).hasSize(1);
    }

    static Transaction tx(Instant start, List<Recipient> recipients, Instant end, boolean complete, ClosedBy closedBy) {
        return new Transaction("smtp1", "A1", start, end, new dev.mailtrace.event.Client("mail.foo.com", "198.51.100.7", 5000), null, null,
                null, "bob@foo.com", 1234, recipients.size(), "id-1@foo.com", recipients, List.of(), List.of(), List.of(), null, null,
                List.of(), complete, closedBy);
    }

    @Test
    void aRefusedDocumentGoesToTheDeadLetterFileWithTheReason() throws IOException {
        IndexLayout layout = new IndexLayout("it-dead", IndexLayout.Mode.DAILY, 90);
        layout.install(client);
        // an index of that day with a conflicting mapping: source.ip as a long
        String index = layout.indexFor(Instant.parse("2026-11-24T10:00:00Z"));
        client.indices().create(c -> c.index(index).mappings(m -> m.properties("source", p -> p.object(o -> o.properties("ip",
                ip -> ip.long_(l -> l))))));
        Path dead = tmp.resolve("dead.ndjson");
        try (EsSink sink = EsSink.builder(client, layout).deadLetter(dead).build()) {
            sink.accept(tx(Instant.parse("2026-11-24T10:00:00Z"), List.of(), Instant.parse("2026-11-24T10:00:01Z"), true, ClosedBy.REMOVED));
            sink.flush();
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().indexed()).isZero();
        }
        String line = Files.readString(dead);
        assertThat(line).contains("\"status\":400").contains("document_parsing_exception").contains("\"id\":\"smtp1:A1:2026-11-24T10:00:00Z\"")
                .contains("\"document\":{\"type\":\"transaction\"");
    }
}
