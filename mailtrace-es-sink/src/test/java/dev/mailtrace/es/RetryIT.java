package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.sink.SinkException;
import dev.mailtrace.trace.ClosedBy;
import dev.mailtrace.trace.DeliveryAttempt;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.Transaction;

/** Failures between mailtrace and the node: retried until indexed, or dead-lettered with the reason; never lost silently. */
class RetryIT {

    static ElasticsearchClient direct;
    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        direct = TestNodes.sharedClient();
    }

    static List<Transaction> transactions(int n) {
        Instant t0 = Instant.parse("2026-11-24T08:00:00Z");
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant start = t0.plusSeconds(i);
            DeliveryAttempt a = new DeliveryAttempt(start, "mx[192.0.2.1]:25", 0.5, null, "2.0.0", DeliveryStatus.SENT, "250 ok", null);
            out.add(new Transaction("mx1", String.format("Q%05d", i), start, start.plusSeconds(1), null, null, null, null,
                    "a@example.org", 100, 1, null, List.of(new Recipient("b@example.net", null, DeliveryStatus.SENT, List.of(a))),
                    List.of(), List.of(), List.of(), null, null, List.of(), true, ClosedBy.REMOVED));
        }
        return out;
    }

    private static long count(IndexLayout layout) throws IOException {
        direct.indices().refresh(r -> r.index(layout.searchPattern()).allowNoIndices(true));
        return direct.count(c -> c.index(layout.searchPattern()).allowNoIndices(true)).count();
    }

    @Test
    void resets429s5xxAndPartialFailuresAreRetriedUntilEverythingIsIndexed() throws IOException {
        IndexLayout layout = new IndexLayout("it-retry", IndexLayout.Mode.DAILY, 90);
        layout.install(direct);
        try (FaultyProxy proxy = new FaultyProxy(TestNodes.shared().url())) {
            proxy.inject(List.of(FaultyProxy.Fault.RESET, FaultyProxy.Fault.TOO_MANY, FaultyProxy.Fault.ERROR_500,
                    FaultyProxy.Fault.PARTIAL, FaultyProxy.Fault.UNAVAILABLE, FaultyProxy.Fault.PARTIAL));
            ElasticsearchClient viaProxy = EsConnection.builder(proxy.url()).build().open();
            EsSinkStats stats;
            try (EsSink sink = EsSink.builder(viaProxy, layout).bulkActions(10).flushInterval(Duration.ofMillis(100))
                    .backoff(Duration.ofMillis(10), Duration.ofMillis(200)).deadLetter(tmp.resolve("dead")).closeClient(true).build()) {
                transactions(50).forEach(sink::accept);
                sink.flush();
                stats = sink.stats();
            }
            assertThat(stats.failed()).as(() -> read(tmp.resolve("dead"))).isZero();
            assertThat(stats.indexed()).isEqualTo(50);
            // 4 whole requests of up to 10 operations and 2 single operations were retried
            assertThat(stats.retried()).isGreaterThanOrEqualTo(6);
            assertThat(proxy.bulkRequests.get()).isGreaterThan(5);
        }
        assertThat(count(layout)).isEqualTo(50);
        assertThat(tmp.resolve("dead")).doesNotExist();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void whatStillFailsAfterTheRetriesIsInTheDeadLetterFile() throws IOException {
        IndexLayout layout = new IndexLayout("it-giveup", IndexLayout.Mode.DAILY, 90);
        layout.install(direct);
        Path dead = tmp.resolve("dead.ndjson");
        try (FaultyProxy proxy = new FaultyProxy(TestNodes.shared().url())) {
            proxy.always(FaultyProxy.Fault.UNAVAILABLE);
            EsSinkStats stats;
            try (EsSink sink = EsSink.builder(EsConnection.builder(proxy.url()).build().open(), layout).maxRetries(2)
                    .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).deadLetter(dead).closeClient(true).build()) {
                transactions(5).forEach(sink::accept);
                sink.flush();
                stats = sink.stats();
            }
            assertThat(stats).isEqualTo(new EsSinkStats(0, 10, 5, 0));
        }
        List<String> lines = Files.readAllLines(dead);
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).contains("\"status\":503").contains("gave up after 3 attempts")
                .contains("\"document\":{\"type\":\"transaction\"").doesNotContain("doc_as_upsert"));
    }

    @Test
    void aCallerThatReplaysIsToldInsteadOfADeadLetterWhenTheClusterStaysAway() throws IOException {
        IndexLayout layout = new IndexLayout("it-unavailable", IndexLayout.Mode.DAILY, 90);
        layout.install(direct);
        Path dead = tmp.resolve("dead.ndjson");
        try (FaultyProxy proxy = new FaultyProxy(TestNodes.shared().url())) {
            proxy.always(FaultyProxy.Fault.UNAVAILABLE);
            EsSink sink = EsSink.builder(EsConnection.builder(proxy.url()).build().open(), layout).maxRetries(2).failWhenUnavailable(true)
                    .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).deadLetter(dead).closeClient(true).build();
            transactions(5).forEach(sink::accept);
            assertThatThrownBy(sink::flush).isInstanceOf(SinkException.class).hasMessageStartingWith("sink [elasticsearch]: Elasticsearch unavailable: [")
                    .hasMessageContaining("not indexed after 3 attempts: 503");
            assertThatThrownBy(() -> sink.accept(transactions(1).get(0))).isInstanceOf(SinkException.class);
            assertThatThrownBy(sink::close).isInstanceOf(SinkException.class);
            assertThat(sink.stats().failed()).isZero();
        }
        assertThat(dead).doesNotExist();
    }

    @Test
    void credentialsReachTheServerAsApiKeyOrBasicAuth() throws IOException {
        // this distribution has no API keys: what the client sends is checked at a proxy
        try (FaultyProxy proxy = new FaultyProxy(TestNodes.shared().url())) {
            EsConnection.builder(proxy.url()).credentialsFromEnvironment(Map.of(EsConnection.ENV_API_KEY, "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="))
                    .build().connect()._transport().close();
            assertThat(proxy.authorization).isEqualTo("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
            EsConnection.builder(proxy.url()).apiKey("id1:key1").build().connect()._transport().close();
            assertThat(proxy.authorization).isEqualTo("ApiKey " + java.util.Base64.getEncoder().encodeToString("id1:key1".getBytes()));
        }
    }

    @Test
    void aNodeDownMidRunLosesNothingOnceItIsBack() throws Exception {
        try (EmbeddedElasticsearch node = TestNodes.start("restart")) {
            IndexLayout layout = new IndexLayout("it-down", IndexLayout.Mode.DAILY, 90);
            ElasticsearchClient client = TestNodes.connect(node);
            layout.install(client);
            List<Transaction> all = transactions(200);
            EsSinkStats stats;
            try (EsSink sink = EsSink.builder(client, layout).bulkActions(20).flushInterval(Duration.ofMillis(100))
                    .backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).maxRetries(60).deadLetter(tmp.resolve("dead")).build()) {
                all.subList(0, 100).forEach(sink::accept);
                sink.flush();
                node.stop();
                all.subList(100, 200).forEach(sink::accept);
                CompletableFuture<EmbeddedElasticsearch> restart = CompletableFuture.supplyAsync(() -> {
                    try {
                        return node.start();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                sink.flush();
                restart.join();
                stats = sink.stats();
            }
            assertThat(stats.indexed()).isEqualTo(200);
            assertThat(stats.failed()).isZero();
            assertThat(stats.retried()).isPositive();
            client.indices().refresh(r -> r.index(layout.searchPattern()));
            assertThat(client.count(c -> c.index(layout.searchPattern())).count()).isEqualTo(200);
            client._transport().close();
        }
    }
}
