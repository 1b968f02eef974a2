package dev.mailtrace.es;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.sink.NdjsonSink;
import dev.mailtrace.trace.ClosedBy;
import dev.mailtrace.trace.DeliveryAttempt;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.TlsInfo;
import dev.mailtrace.trace.Transaction;

/**
 * Documents per second into a local node: {@link EsSink} (records encoded, BulkIngester, retries
 * bookkeeping) against a minimal client sending the very same pre-encoded bulk bodies over
 * {@code java.net.http} with the same operations per request and requests in flight, and against
 * {@link NdjsonSink} to nowhere. In each round the minimal client and the sink take turns going
 * first (the second one paid for the first one's merges when the order was fixed), each index is
 * deleted once measured; medians are reported, with the CPU time this JVM (the client side: the node
 * is a process of its own) spent per document, which is what the client takes from the node when
 * both share the machine. Not a unit test:
 *
 * <pre>
 * mvn -B -q -pl mailtrace-es-sink -am verify -DskipTests   # unpacks the node
 * mvn -B -q -pl mailtrace-es-sink dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp mailtrace-es-sink/target/test-classes:mailtrace-es-sink/target/classes:$(cat /tmp/cp.txt) \
 *      -Dmailtrace.es.cache=mailtrace-es-sink/target/es-cache \
 *      dev.mailtrace.es.EsIndexingBenchmark 100000 5 [OPERATIONS-PER-REQUEST [REQUESTS-IN-FLIGHT]]
 * </pre>
 */
public final class EsIndexingBenchmark {

    /** Operations per bulk request and requests in flight, for both clients: EsSink's defaults unless given. */
    private static int bulk = 1000;
    private static int inFlight = 2;

    private EsIndexingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        bulk = args.length > 2 ? Integer.parseInt(args[2]) : bulk;
        inFlight = args.length > 3 ? Integer.parseInt(args[3]) : inFlight;
        List<Transaction> records = records(n);
        try (EmbeddedElasticsearch node = TestNodes.start("bench")) {
            ElasticsearchClient client = TestNodes.connect(node);
            try {
                double[] minimal = new double[rounds];
                double[] sink = new double[rounds];
                double[] ndjson = new double[rounds];
                double[] ratio = new double[rounds];
                double[] minimalCpu = new double[rounds];
                double[] sinkCpu = new double[rounds];
                long docBytes = 0;
                for (int r = -1; r < rounds; r++) { // round -1 warms up
                    // the two alternate which goes first: the one after pays for the other's merges and refreshes
                    double m = 0;
                    double e = 0;
                    double mc = 0;
                    double ec = 0;
                    for (int v = 0; v < 2; v++) {
                        if ((v + r) % 2 == 0) {
                            IndexLayout a = new IndexLayout("bench-min-" + (r + 1), IndexLayout.Mode.DAILY, 90);
                            a.install(client);
                            List<byte[]> bodies = bodies(records, a);
                            docBytes = bodies.stream().mapToLong(b -> b.length).sum();
                            long c0 = cpu();
                            long t0 = System.nanoTime();
                            sendMinimal(node.url(), bodies);
                            m = n / ((System.nanoTime() - t0) / 1e9);
                            mc = (cpu() - c0) / 1e3 / n;
                            delete(client, a, records);
                        } else {
                            IndexLayout b = new IndexLayout("bench-sink-" + (r + 1), IndexLayout.Mode.DAILY, 90);
                            b.install(client);
                            long c0 = cpu();
                            long t0 = System.nanoTime();
                            try (EsSink s = EsSink.builder(client, b).bulkActions(bulk).concurrentRequests(inFlight)
                                    .bulkBytes(64L << 20).deadLetter(java.nio.file.Path.of("target/bench-dead-letter.ndjson")).build()) {
                                records.forEach(s::accept);
                            }
                            e = n / ((System.nanoTime() - t0) / 1e9);
                            ec = (cpu() - c0) / 1e3 / n;
                            delete(client, b, records);
                        }
                    }
                    long t0 = System.nanoTime();
                    try (NdjsonSink s = NdjsonSink.builder(OutputStream.nullOutputStream()).build()) {
                        records.forEach(s::accept);
                    }
                    double j = n / ((System.nanoTime() - t0) / 1e9);
                    System.out.printf(Locale.ROOT, "round %d: minimal client %.0f docs/s (%.1f µs CPU/doc), EsSink %.0f docs/s"
                            + " (%.1f µs CPU/doc) (%.1f%%),"
                            + " NdjsonSink %.0f records/s%n", r + 1, m, mc, e, ec, 100 * e / m, j);
                    if (r >= 0) {
                        minimal[r] = m;
                        sink[r] = e;
                        ndjson[r] = j;
                        ratio[r] = e / m;
                        minimalCpu[r] = mc;
                        sinkCpu[r] = ec;
                    }
                }
                System.out.printf(Locale.ROOT, "%d transactions, %.0f bytes of bulk body per document, %d per request, %d in flight%n",
                        n, (double) docBytes / n, bulk, inFlight);
                System.out.printf(Locale.ROOT, "median of %d rounds: minimal client %.0f docs/s, EsSink %.0f docs/s = %.1f%% of it;"
                        + " NdjsonSink %.0f records/s (EsSink is %.1fx slower than NDJSON)%n", rounds, median(minimal), median(sink),
                        100 * median(sink) / median(minimal), median(ndjson), median(ndjson) / median(sink));
                System.out.printf(Locale.ROOT, "median of the rounds' ratios: %.1f%%; client CPU per document: minimal client %.1f µs,"
                        + " EsSink %.1f µs%n",
                        100 * median(ratio), median(minimalCpu), median(sinkCpu));
            } finally {
                client._transport().close(); // its I/O threads would keep the JVM alive after a failure
            }
        }
    }

    /** Deletes what a variant wrote, so that its merges do not slow the next one down. */
    private static void delete(ElasticsearchClient client, IndexLayout layout, List<Transaction> records) throws IOException {
        Instant day = records.get(0).start();
        client.indices().delete(d -> d.index(layout.indexFor(day)));
    }

    /** CPU time of this JVM (the client's side; the node is a process of its own), ns. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The median of {@code v} (the mean of the middle two for an even count). */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Transactions shaped like postfix's: a client with TLS, two recipients, one deferred then sent. */
    static List<Transaction> records(int n) {
        Instant t0 = Instant.parse("2026-11-24T00:00:00Z");
        List<Transaction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant start = t0.plusMillis(i * 400L);
            String qid = String.format("%011X", 0x4F9D1954000L + i);
            DeliveryAttempt deferred = new DeliveryAttempt(start.plusSeconds(1), "none", 1.2, "0.02/0.01/1.2/0", "4.4.1",
                    DeliveryStatus.DEFERRED, "connect to mx.partner.example[192.0.2.99]:25: Connection timed out", null);
            DeliveryAttempt sent = new DeliveryAttempt(start.plusSeconds(600), "mx.partner.example[192.0.2.99]:25", 602,
                    "601/0.01/0.6/0.4", "2.0.0", DeliveryStatus.SENT, "250 2.0.0 Ok: queued as 41B7A2200E", "41B7A2200E");
            DeliveryAttempt local = new DeliveryAttempt(start.plusSeconds(1), "mbox1.corp.example.net[private/dovecot-lmtp]", 0.3,
                    "0.1/0/0/0.2", "2.0.0", DeliveryStatus.SENT, "250 2.0.0 <bob@corp.example.net> kJ4xBzQ0Q2feDAAAYr8sdw Saved", null);
            out.add(new Transaction("mx" + (i % 4), qid, start, start.plusSeconds(600),
                    new Client("mail" + (i % 1000) + ".example.org", "198.51." + (i % 250) + "." + (i % 200), 40000 + i % 20000),
                    null, null, new TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384", 256), "user" + (i % 5000) + "@example.org",
                    2000 + i % 50000, 2, i + ".GA" + qid + "@mail.example.org",
                    List.of(new Recipient("bob" + (i % 300) + "@corp.example.net", null, DeliveryStatus.SENT, List.of(local)),
                            new Recipient("frank@partner.example", null, DeliveryStatus.SENT, List.of(deferred, sent))),
                    List.of(), List.of(), List.of(), null, null, List.of(), true, ClosedBy.REMOVED));
        }
        return out;
    }

    /** The bulk bodies EsSink sends for {@code records}, encoded beforehand. */
    private static List<byte[]> bodies(List<Transaction> records, IndexLayout layout) throws IOException {
        JsonFactory json = JsonFactory.builder().build();
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int ops = 0;
        for (Transaction t : records) {
            body.write(("{\"update\":{\"_index\":\"" + layout.indexFor(t.start()) + "\",\"_id\":\"" + EsSink.documentId(t)
                    + "\",\"retry_on_conflict\":3}}\n{\"doc\":").getBytes(StandardCharsets.UTF_8));
            try (JsonGenerator g = json.createGenerator(body)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                TraceDocuments.write(t, g);
            }
            body.write(",\"doc_as_upsert\":true}\n".getBytes(StandardCharsets.UTF_8));
            if (++ops == bulk) {
                bodies.add(body.toByteArray());
                body.reset();
                ops = 0;
            }
        }
        if (ops > 0) {
            bodies.add(body.toByteArray());
        }
        return bodies;
    }

    private static void sendMinimal(String url, List<byte[]> bodies) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (byte[] b : bodies) {
                done.add(pool.submit(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/_bulk"))
                            .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || r.body().contains("\"errors\":true")) {
                        throw new IOException("bulk failed: " + r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
