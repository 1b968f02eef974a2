package dev.mailtrace.cli;

import static dev.mailtrace.es.EsIndexingBenchmark.median;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.mailtrace.es.EmbeddedElasticsearch;
import dev.mailtrace.es.TestNodes;

/**
 * The commands end to end, as cron runs them: {@code mailtrace index --finish LOG} into a local node
 * against {@code mailtrace trace --format json LOG} into {@code /dev/null}, each a JVM of its own
 * (start-up and JIT included), the node ({@link TestNodes}, 256 MB heap) on the same cores. The same
 * parsing and aggregation; trace writes transactions and rejects, index these and the end-to-end
 * message traces (which trace writes instead of transactions with --messages). Lines/s and transactions/s of each,
 * medians of the rounds (the first one warms the node and the page cache, and is not counted); the
 * indices are deleted after each round. Not a unit test:
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * java -cp mailtrace-bench/target/benchmarks.jar dev.mailtrace.bench.PostfixTraffic /tmp/traffic-1m.log 1000000
 * mvn -B -q -pl mailtrace-cli dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cli-cp.txt
 * java -cp mailtrace-cli/target/test-classes:mailtrace-cli/target/classes:$(cat /tmp/cli-cp.txt) \
 *      -Dmailtrace.es.cache=mailtrace-es-sink/target/es-cache dev.mailtrace.cli.IndexEndToEndBenchmark /tmp/traffic-1m.log 5
 * </pre>
 */
public final class IndexEndToEndBenchmark {

    private IndexEndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long lines;
        try (var l = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            lines = l.count();
        }
        Path tmp = Files.createTempDirectory("mailtrace-e2e");
        Path records = tmp.resolve("records.ndjson");
        run(records, "trace", "--format", "json", "--tz", "UTC", log.toString());
        long transactions = 0;
        long all = 0;
        try (BufferedReader r = Files.newBufferedReader(records)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                all++;
                if (l.startsWith("{\"type\":\"transaction\"")) {
                    transactions++;
                }
            }
        }
        Files.delete(records);
        double[] trace = new double[rounds];
        double[] index = new double[rounds];
        try (EmbeddedElasticsearch node = TestNodes.start("e2e")) {
            for (int round = -1; round < rounds; round++) {
                long t0 = System.nanoTime();
                run(null, "trace", "--format", "json", "--tz", "UTC", log.toString());
                double traceSeconds = (System.nanoTime() - t0) / 1e9;
                Path checkpoint = tmp.resolve("checkpoint-" + round);
                t0 = System.nanoTime();
                run(null, "index", "--es", node.url(), "--checkpoint", checkpoint.toString(), "--finish", "--tz", "UTC", log.toString());
                double indexSeconds = (System.nanoTime() - t0) / 1e9;
                TestNodes.request(node.url(), "POST", "/mail-*/_refresh");
                String count = TestNodes.request(node.url(), "GET", "/mail-*/_count");
                String indices = TestNodes.request(node.url(), "GET", "/_cat/indices/mail-*?h=index").trim().replaceAll("\\s+", ",");
                TestNodes.request(node.url(), "DELETE", "/" + indices); // by name: the node refuses wildcards in a delete
                System.out.printf(Locale.ROOT, "round %d: trace %.2f s (%.0f lines/s), index %.2f s (%.0f lines/s, %.0f transactions/s),"
                        + " trace/index time %.2f; %s%n", round + 1, traceSeconds, lines / traceSeconds, indexSeconds, lines / indexSeconds,
                        transactions / indexSeconds, traceSeconds / indexSeconds, count.trim());
                if (round >= 0) {
                    trace[round] = lines / traceSeconds;
                    index[round] = lines / indexSeconds;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d lines, %d transactions and %d rejects%n", log, lines, transactions, all - transactions);
        System.out.printf(Locale.ROOT, "median of %d rounds: trace %.0f lines/s, index %.0f lines/s = %.0f transactions/s;"
                + " index takes %.2fx the time of trace%n", rounds, median(trace), median(index), median(index) * transactions / lines,
                median(trace) / median(index));
    }

    /** Runs {@code mailtrace ARGS} in a JVM of its own, its standard output to {@code out} (null: discarded). */
    private static void run(Path out, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), MailtraceCommand.class.getName()));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IOException("mailtrace " + String.join(" ", args) + " exited with " + p.exitValue());
        }
    }
}
