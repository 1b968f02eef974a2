package dev.mailtrace.bench.api;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.openjdk.jmh.util.ListStatistics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.UnknownLine;
import dev.mailtrace.parse.EventListener;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.parse.ParsedLine;
import dev.mailtrace.spi.DialectRegistry;

/**
 * Lines to typed events (syslog framing + the dialects found by {@link java.util.ServiceLoader}):
 * how fast overall, and where the time goes, per dialect, per program and per event type.
 *
 * <p>Overall lines/s come from plain rounds over the sample (median, JMH-style 99.9% interval);
 * the breakdown from one instrumented pass that times each line alone and charges it to its
 * dialect, program and event type.
 */
public final class ParseBenchmark {

    /**
     * One group of lines (a dialect, a program or an event type).
     *
     * @param name the dialect, program or event type ({@code dialect/type}); {@value #NONE} for none
     * @param lines lines in the group
     * @param timeShare its share of the instrumented pass's time
     * @param linesPerS lines/s within the group (its lines over its time)
     */
    public record Group(String name, long lines, double timeShare, double linesPerS) {
    }

    /**
     * The result.
     *
     * @param lines lines in the sample
     * @param bytes bytes in the sample
     * @param linesPerS median lines/s of the rounds
     * @param mbPerS median MB/s
     * @param error 99.9% half-width of lines/s, or null
     * @param unknownShare share of lines no dialect recognised ({@code unknown} events)
     * @param dialects per dialect, by time
     * @param programs per program, by time
     * @param eventTypes per event type, by time
     * @param environment where it ran
     */
    public record Result(long lines, long bytes, double linesPerS, double mbPerS, Double error, double unknownShare,
                         List<Group> dialects, List<Group> programs, List<Group> eventTypes, Environment environment) {

        /**
         * One JSON object: {@code lines}, {@code bytes}, {@code lines_per_s}, {@code mb_per_s},
         * {@code error}, {@code unknown_share}, {@code dialects}/{@code programs}/{@code event_types}
         * (each {@code [{"name","lines","time_share","lines_per_s"}]}, by time) and {@code environment}.
         */
        public String toJson() {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeNumberField("lines", lines);
                g.writeNumberField("bytes", bytes);
                g.writeNumberField("lines_per_s", linesPerS);
                g.writeNumberField("mb_per_s", mbPerS);
                if (error == null) {
                    g.writeNullField("error");
                } else {
                    g.writeNumberField("error", error);
                }
                g.writeNumberField("unknown_share", unknownShare);
                groups(g, "dialects", dialects);
                groups(g, "programs", programs);
                groups(g, "event_types", eventTypes);
                environment.write(g);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        private static void groups(JsonGenerator g, String name, List<Group> groups) throws IOException {
            g.writeArrayFieldStart(name);
            for (Group x : groups) {
                g.writeStartObject();
                g.writeStringField("name", x.name());
                g.writeNumberField("lines", x.lines());
                g.writeNumberField("time_share", x.timeShare());
                g.writeNumberField("lines_per_s", x.linesPerS());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** The group of lines without a dialect or program. */
    public static final String NONE = "(none)";

    private final DialectRegistry registry;
    private final LineSample lines;
    private final Duration time;

    /**
     * @param registry the dialects ({@link DialectRegistry#load()} for every one on the class path)
     * @param time measuring time of the rounds (a third more is spent warming up)
     */
    public ParseBenchmark(DialectRegistry registry, LineSample lines, Duration time) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Runs the rounds, then the instrumented pass. */
    public Result run() {
        LogParser parser = LogParser.builder(registry).build();
        long[] sink = new long[1];
        EventListener count = (line, event) -> sink[0]++;
        ListStatistics lps = new ListStatistics();
        ListStatistics mbps = new ListStatistics();
        long nanos = time.toNanos();
        round(parser, count, nanos / 3, null, null);
        for (int r = 0; r < Timing.ROUNDS; r++) {
            round(parser, count, nanos / Timing.ROUNDS, lps, mbps);
        }

        Map<String, long[]> dialects = new HashMap<>();
        Map<String, long[]> programs = new HashMap<>();
        Map<String, long[]> types = new HashMap<>();
        String[] last = new String[3];
        long unknown = 0;
        long total = 0;
        EventListener attribute = (ParsedLine line, LogEvent event) -> {
            last[0] = line.dialect() == null ? NONE : line.dialect().name();
            last[1] = line.program() == null ? NONE : line.program();
            last[2] = event.type().dialect() + "/" + event.type().name();
            sink[0] = event instanceof UnknownLine ? 1 : 0;
        };
        parser.startSource("sample", null);
        byte[] b = lines.bytes();
        for (int i = 0; i < lines.size(); i++) {
            last[0] = last[1] = last[2] = NONE;
            sink[0] = 0;
            long t0 = System.nanoTime();
            parser.parseLine(b, lines.start(i), lines.length(i), attribute);
            long dt = System.nanoTime() - t0;
            total += dt;
            unknown += sink[0];
            add(dialects, last[0], dt);
            add(programs, last[1], dt);
            add(types, last[2], dt);
        }
        int n = lines.size();
        return new Result(n, lines.totalBytes(), lps.getN() == 0 ? 0 : lps.getPercentile(50),
                mbps.getN() == 0 ? 0 : mbps.getPercentile(50), lps.getN() < 3 ? null : lps.getMeanErrorAt(0.999),
                n == 0 ? 0 : (double) unknown / n, groups(dialects, total), groups(programs, total), groups(types, total),
                Environment.current());
    }

    private void round(LogParser parser, EventListener out, long nanos, ListStatistics lps, ListStatistics mbps) {
        int n = lines.size();
        if (n == 0) {
            return;
        }
        byte[] b = lines.bytes();
        long start = System.nanoTime();
        long deadline = start + nanos;
        long now = start;
        long count = 0;
        long bytes = 0;
        parser.startSource("sample", null);
        int i = 0;
        while (now - deadline < 0) {
            parser.parseLine(b, lines.start(i), lines.length(i), out);
            bytes += lines.length(i);
            count++;
            if (++i == n) {
                i = 0;
                parser.startSource("sample", null);
            }
            if ((count & 63) == 0) {
                now = System.nanoTime();
            }
        }
        if (lps != null) {
            double s = (now - start) / 1e9;
            lps.addValue(count / s);
            mbps.addValue(bytes / 1e6 / s);
        }
    }

    private static void add(Map<String, long[]> m, String key, long ns) {
        long[] v = m.computeIfAbsent(key, k -> new long[2]);
        v[0]++;
        v[1] += ns;
    }

    private static List<Group> groups(Map<String, long[]> m, long total) {
        List<Group> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new Group(k, v[0], total == 0 ? 0 : (double) v[1] / total,
                v[1] == 0 ? 0 : v[0] / (v[1] / 1e9))));
        out.sort(Comparator.comparingDouble(Group::timeShare).reversed());
        return List.copyOf(out);
    }

    /** The result as tables for a terminal. */
    public static String text(Result r, int top) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d lines, %.1f MB: %,.0f lines/s%s, %.1f MB/s; unknown %.2f%%%n",
                r.lines(), r.bytes() / 1e6, r.linesPerS(),
                r.error() == null ? "" : String.format(Locale.ROOT, " ± %,.0f", r.error()), r.mbPerS(),
                100 * r.unknownShare()));
        table(sb, "dialect", r.dialects(), top);
        table(sb, "program", r.programs(), top);
        table(sb, "event type", r.eventTypes(), top);
        Environment env = r.environment();
        sb.append(String.format(Locale.ROOT, "%n%s; %s; %s, %d cores%n", env.jdk(), env.os(), env.cpu(), env.cores()));
        return sb.toString();
    }

    private static void table(StringBuilder sb, String what, List<Group> groups, int top) {
        sb.append(String.format(Locale.ROOT, "%n%-40s %10s %7s %14s%n", what, "lines", "time", "lines/s"));
        for (Group g : groups.subList(0, Math.min(top, groups.size()))) {
            sb.append(String.format(Locale.ROOT, "%-40s %10d %6.1f%% %14s%n", g.name(), g.lines(), 100 * g.timeShare(),
                    String.format(Locale.ROOT, "%,.0f", g.linesPerS())));
        }
        if (groups.size() > top) {
            sb.append(String.format(Locale.ROOT, "(%d more)%n", groups.size() - top));
        }
    }
}
