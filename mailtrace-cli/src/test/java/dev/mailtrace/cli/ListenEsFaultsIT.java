package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.mailtrace.es.EmbeddedElasticsearch;
import dev.mailtrace.es.FaultyProxy;
import dev.mailtrace.es.FaultyProxy.Fault;
import dev.mailtrace.es.TestNodes;
import dev.mailtrace.spi.DialectRegistry;

/**
 * {@code mailtrace listen --es} while Elasticsearch misbehaves: a known log sent over TCP, the bulk
 * requests through {@link FaultyProxy} answered with a reset connection, 429, 500, 503 and partial
 * failures, and the node stopped and started again mid-stream; afterwards the index holds exactly
 * the documents (ids and contents) of an uninterrupted run: nothing lost, nothing twice.
 */
class ListenEsFaultsIT {

    @TempDir
    Path dir;

    @Test
    void faultsAndANodeRestartLeaveTheIndexOfAnUninterruptedRun() throws Exception {
        assumeTrue(DialectRegistry.load().names().contains("postfix"), "the postfix dialect is not on the class path");
        List<String> lines = ListenCrashTest.postfixLines(3_000);
        List<List<String>> thirds = List.of(lines.subList(0, lines.size() / 3), lines.subList(lines.size() / 3, 2 * lines.size() / 3),
                lines.subList(2 * lines.size() / 3, lines.size()));
        try (EmbeddedElasticsearch node = TestNodes.start("listen-faults")) {
            ListenProcess ref = listen(node.url(), dir.resolve("ref-spool"));
            for (List<String> part : thirds) {
                send(ref, part);
            }
            assertThat(ref.term(Duration.ofSeconds(120))).as("%s", ref.stderr()).isZero();
            Map<String, JsonNode> expected = documents(node.url());
            assertThat(expected).hasSizeGreaterThan(3_000); // 3,000 transactions and the messages complete by then
            for (String index : expected.values().stream().map(d -> d.path("_index").asText()).distinct().toList()) {
                TestNodes.request(node.url(), "DELETE", "/" + index);
            }

            try (FaultyProxy proxy = new FaultyProxy(node.url())) {
                proxy.inject(List.of(Fault.RESET, Fault.TOO_MANY, Fault.ERROR_500, Fault.PARTIAL, Fault.UNAVAILABLE, Fault.PARTIAL,
                        Fault.RESET, Fault.PARTIAL));
                ListenProcess l = listen(proxy.url(), dir.resolve("spool"));
                send(l, thirds.get(0));
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (proxy.faultsLeft() > 0) {
                    assertThat(System.nanoTime()).as("every fault injected within 60 s").isLessThan(end);
                    Thread.sleep(50);
                }
                node.stop();
                send(l, thirds.get(1));
                Thread.sleep(3_000); // bulk requests meet the node down (502 from the proxy) and are retried
                node.start();
                send(l, thirds.get(2));
                assertThat(l.term(Duration.ofSeconds(180))).as("%s", l.stderr()).isZero();
                Path dead = dir.resolve("spool/es-dead-letter.ndjson");
                assertThat(dead).as(() -> read(dead)).doesNotExist();
            }
            Map<String, JsonNode> got = documents(node.url());
            assertThat(got.keySet()).as("document ids").containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
                assertThat(got.get(e.getKey()).get("_source")).as(e.getKey()).isEqualTo(e.getValue().get("_source"));
            }
        }
    }

    private static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static ListenProcess listen(String es, Path spool) throws IOException {
        return new ListenProcess("--es", es, "--messages", "--spool", spool.toString(), "--tz", "UTC");
    }

    private static void send(ListenProcess l, List<String> part) throws Exception {
        long before = l.received();
        l.send(part);
        l.awaitReceived(before + part.size());
    }

    /** Every document of the {@code mail-*} indices by id: its index and source. */
    private static Map<String, JsonNode> documents(String es) throws Exception {
        TestNodes.request(es, "POST", "/mail-*/_refresh");
        JsonNode r = Cli.JSON.readTree(TestNodes.request(es, "GET", "/mail-*/_search?size=10000"));
        assertThat(r.path("hits").path("total").path("value").asInt()).isLessThan(10_000);
        Map<String, JsonNode> docs = new TreeMap<>();
        for (JsonNode hit : r.path("hits").path("hits")) {
            assertThat(docs.put(hit.path("_id").asText(), hit)).as("id %s once", hit.path("_id")).isNull();
        }
        return docs;
    }
}
