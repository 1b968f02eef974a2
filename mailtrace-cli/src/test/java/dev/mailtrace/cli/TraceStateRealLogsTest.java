package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.io.LogReader;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TracePipeline;
import dev.mailtrace.trace.TraceRecord;

/**
 * The cron job's case on real logs through the real dialects: a log read in two runs, the aggregator's
 * state saved at the end of the first ({@link TraceAggregator#writeState}) and restored at the start
 * of the second, gives exactly the records of one run over the whole log, wherever the log is cut.
 */
class TraceStateRealLogsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /**
     * Runs over {@code parts} in turn, each in a new aggregator restored from the state the previous one
     * saved; each part's first year is given, as the modification time of a rotated file would.
     */
    static List<TraceRecord> runs(List<byte[]> parts, List<Integer> years) throws IOException {
        List<TraceRecord> out = new ArrayList<>();
        byte[] state = null;
        for (int i = 0; i < parts.size(); i++) {
            TraceAggregator agg = TraceAggregator.builder().messages(true).listener(out::add).build();
            if (state != null) {
                agg.readState(new ByteArrayInputStream(state));
            }
            try (LogReader in = LogReader.builder().open("part" + i, new ByteArrayInputStream(parts.get(i)))) {
                TracePipeline.builder(DialectRegistry.load()).zone(ZONE).year(years.get(i)).build().run(in, agg);
            }
            if (i == parts.size() - 1) {
                agg.finish();
            } else {
                ByteArrayOutputStream saved = new ByteArrayOutputStream();
                agg.writeState(saved);
                state = saved.toByteArray();
            }
        }
        return out;
    }

    /** Cuts the log before each of {@code cuts} lines (0-based), at the same places for every log. */
    static void cutAnywhere(Path log, int step) throws IOException {
        byte[] all = Files.readAllBytes(log);
        List<Integer> lineStarts = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i - 1] == '\n') {
                lineStarts.add(i);
            }
        }
        int[] years = yearFrom(all, lineStarts.size());
        List<TraceRecord> one = runs(List.of(all), List.of(years[0]));
        assertThat(one).isNotEmpty();
        for (int line = 0; line <= lineStarts.size(); line += step) {
            int at = line == lineStarts.size() ? all.length : lineStarts.get(line);
            byte[] a = Arrays.copyOfRange(all, 0, at);
            byte[] b = Arrays.copyOfRange(all, at, all.length);
            assertThat(runs(List.of(a, b), List.of(years[0], years[line])))
                    .as("%s cut before line %d", log.getFileName(), line + 1).isEqualTo(one);
        }
        // and in three parts
        int third = lineStarts.size() / 3;
        int twoThirds = 2 * lineStarts.size() / 3;
        assertThat(runs(List.of(Arrays.copyOfRange(all, 0, lineStarts.get(third)),
                Arrays.copyOfRange(all, lineStarts.get(third), lineStarts.get(twoThirds)),
                Arrays.copyOfRange(all, lineStarts.get(twoThirds), all.length)),
                List.of(years[0], years[third], years[twoThirds]))).isEqualTo(one);
    }

    /** For each line (0-based, and one past the end), the year of the first timestamped line from there on, in one run from 2026. */
    private static int[] yearFrom(byte[] log, int lines) throws IOException {
        int[] years = new int[lines + 1];
        Arrays.fill(years, 0);
        LogParser parser = LogParser.builder(DialectRegistry.load()).zone(ZONE).year(2026).build();
        try (LogReader in = LogReader.builder().open("-", new ByteArrayInputStream(log))) {
            parser.parse(in, (line, event) -> {
                int i = (int) line.lineNumber() - 1;
                if (line.hasTimestamp() && years[i] == 0) {
                    years[i] = line.timestamp().getYear();
                }
            });
        }
        years[lines] = 2026;
        for (int i = lines - 1; i >= 0; i--) {
            if (years[i] == 0) {
                years[i] = years[i + 1];
            }
        }
        return years;
    }

    @Test
    void theCommandCarriesTheStateFromOneRunToTheNext(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assumeTrue(DialectRegistry.load().names().contains("postfix"), "the postfix dialect is not on the class path");
        List<String> lines = Files.readAllLines(TraceCli.EXAMPLE);
        for (boolean messages : new boolean[] {false, true}) {
            String[] mode = messages ? new String[] {"--messages"} : new String[0];
            // one run over the whole log with a state of its own: what ended is printed, the rest (the last
            // transactions, within the reorder window of the end) waits in the state for the next run
            String whole = TraceCli.run(null, "", TraceCommandTest.concat(TraceCommandTest.concat(TracePostfixTest.TIME, mode),
                    "--format", "json", "--state", dir.resolve("whole-" + messages).toString(),
                    TraceCli.EXAMPLE.toString())).out();
            assertThat(whole).isNotEmpty();
            for (int cut : new int[] {9, 17, 30}) {
                Path state = dir.resolve("state-" + messages + "-" + cut + ".json");
                Path a = dir.resolve("a.log");
                Path b = dir.resolve("b.log");
                Files.write(a, lines.subList(0, cut));
                Files.write(b, lines.subList(cut, lines.size()));
                StringBuilder out = new StringBuilder();
                for (Path part : List.of(a, b)) {
                    Cli.Result r = TraceCli.run(null, "", TraceCommandTest.concat(TraceCommandTest.concat(TracePostfixTest.TIME,
                            mode), "--format", "json", "--state", state.toString(), part.toString()));
                    assertThat(r.status()).as(r.err()).isZero();
                    out.append(r.out());
                }
                assertThat(Files.readString(state)).startsWith("{\"format\":\"mailtrace-trace-state\"");
                assertThat(out.toString()).as("cut before line %d, messages %s", cut + 1, messages).isEqualTo(whole)
                        .doesNotContain("\"closed_by\":\"end_of_input\"");
            }
        }
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"type\":\"transaction\"}");
        Cli.Result r = TraceCli.run(null, "", TraceCommandTest.concat(TracePostfixTest.TIME, "--state", bad.toString(),
                TraceCli.EXAMPLE.toString()));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("--state: cannot read [" + bad + "]", "not a trace state", "remove it to start afresh");
    }

    @Test
    void theBundledExampleCutBeforeEveryLine() throws IOException {
        assumeTrue(DialectRegistry.load().names().contains("postfix"), "the postfix dialect is not on the class path");
        cutAnywhere(TraceCli.EXAMPLE, 1);
    }

    @Test
    void theMultiHostScenarioCutBeforeEveryLine() throws IOException {
        assumeTrue(DialectRegistry.load().names().contains("postfix"), "the postfix dialect is not on the class path");
        Path log = Files.createTempFile("multi-host", ".log");
        try {
            Files.writeString(log, TracePostfixTest.MULTI_HOST + "\n");
            cutAnywhere(log, 1);
        } finally {
            Files.delete(log);
        }
    }

    @Test
    void aRealServersLogCutAtManyPoints() throws IOException {
        assumeTrue(DialectRegistry.load().names().contains("postfix"), "the postfix dialect is not on the class path");
        Path corpus = Path.of(System.getProperty("mailtrace.shared.dir", "../../shared"))
                .resolve("corpora/postfix_log_analysis/mail.log");
        assumeTrue(Files.exists(corpus), "third-party data not available at " + corpus + " (set -Dmailtrace.shared.dir)");
        cutAnywhere(corpus, 97);
    }
}
