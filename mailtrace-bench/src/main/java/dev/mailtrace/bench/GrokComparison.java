package dev.mailtrace.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link PostfixGrokBenchmark} in one JMH run and prints, per engine, the median lines/s over
 * the measurement iterations, the MB/s that makes on the corpus, the allocation per line when run
 * with {@code -prof gc}, and the ratio to Elasticsearch's grok.
 *
 * <p>Takes JMH's own options ({@code -f 1 -wi 3 -i 5 -w 2s -r 3s -prof gc}; JMH's defaults for the
 * benchmark are in its annotations). Run from the checkout:
 *
 * <pre>
 * java -cp mailtrace-bench/target/benchmarks.jar dev.mailtrace.bench.GrokComparison -f 1 -wi 3 -i 5 -w 2s -r 3s -prof gc
 * </pre>
 */
public final class GrokComparison {

    private static final List<String> ENGINES = List.of("baseline", "elasticsearch", "joniFloor", "mailtrace", "mailtraceToMap");

    private GrokComparison() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        BenchmarkCorpus corpus = BenchmarkCorpus.fromShared(SharedData.require());
        int[] starts = corpus.lineStarts();
        double bytesPerLine = (double) starts[PostfixGrokBenchmark.LINES] / PostfixGrokBenchmark.LINES;

        System.out.println("# JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        System.out.println("# machine: " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, host JVM args "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("# command: GrokComparison " + String.join(" ", args));
        System.out.printf(Locale.ROOT, "# corpus: first %d of %s, %.1f bytes per line with its line break%n",
                PostfixGrokBenchmark.LINES, corpus, bytesPerLine);

        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(PostfixGrokBenchmark.class.getName() + "\\.");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(summary(results, bytesPerLine));
    }

    /** The table printed after the run. */
    static String summary(Collection<RunResult> results, double bytesPerLine) {
        Map<String, RunResult> byEngine = new LinkedHashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            byEngine.put(method.substring(method.lastIndexOf('.') + 1), r);
        }
        Double esMedian = byEngine.containsKey("elasticsearch") ? median(byEngine.get("elasticsearch")) : null;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s %14s %10s %12s %10s%n",
                "engine", "lines/s (med)", "MB/s", "alloc B/line", "vs es"));
        List<String> order = new ArrayList<>(ENGINES);
        byEngine.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
        for (String engine : order) {
            RunResult r = byEngine.get(engine);
            if (r == null) {
                continue;
            }
            double median = median(r);
            Double alloc = allocationPerLine(r);
            sb.append(String.format(Locale.ROOT, "%-16s %14.0f %10.1f %12s %10s%n", engine, median,
                    median * bytesPerLine / 1e6,
                    alloc == null ? "-" : String.format(Locale.ROOT, "%.1f", alloc),
                    esMedian == null ? "-" : String.format(Locale.ROOT, "%.2fx", median / esMedian)));
        }
        return sb.toString();
    }

    /** Median of the primary score over every measurement iteration of every fork. */
    static double median(RunResult r) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                scores.add(i.getPrimaryResult().getScore());
            }
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * Bytes allocated per line, from the gc profiler's {@code gc.alloc.rate.norm}: JMH normalises
     * it per operation, and with {@code @OperationsPerInvocation(LINES)} an operation is a line.
     */
    static Double allocationPerLine(RunResult r) {
        for (Map.Entry<String, Result> e : r.getAggregatedResult().getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return null;
    }
}
