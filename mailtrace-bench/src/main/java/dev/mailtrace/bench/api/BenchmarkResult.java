package dev.mailtrace.bench.api;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a benchmark found: engines side by side, the cost of each pattern, the slowest lines, the
 * profiler's own overhead and where it ran. Immutable; {@link #toJson()} writes the stable JSON
 * contract ({@code mailtrace bench --format json}) and {@link #fromJson(String)} reads it back (as a
 * baseline).
 *
 * @param mode {@code profile} or {@code measure}
 * @param syntax {@code grok} or {@code regex}
 * @param semantics {@code first_match} or {@code all_patterns}
 * @param matchTimeoutMs the match budget per line and pattern
 * @param lines lines in the sample
 * @param profiledLines lines of the profile's first pass (the pattern counts): all, unless runaway
 *     patterns made it take longer than its limit
 * @param bytes bytes in the sample
 * @param engines one entry per engine, mailtrace first
 * @param patterns one entry per pattern, in the order given (empty in measure mode)
 * @param slowestLines the slowest lines of the profile, slowest first
 * @param profileLinesPerS lines/s of the instrumented pass, or null (measure mode)
 * @param profileSlowdown mailtrace's plain lines/s over the profile's: the profiler's overhead, or null
 * @param latency lines per power-of-two bucket of their time: {@code [[from_ns, lines], ...]}
 * @param environment where it ran
 */
public record BenchmarkResult(String mode, String syntax, String semantics, long matchTimeoutMs, long lines, long profiledLines, long bytes,
                              List<EngineResult> engines, List<PatternProfile> patterns, List<SlowLine> slowestLines,
                              Double profileLinesPerS, Double profileSlowdown, List<long[]> latency,
                              Environment environment) {

    public BenchmarkResult {
        engines = List.copyOf(engines);
        patterns = List.copyOf(patterns);
        slowestLines = List.copyOf(slowestLines);
        latency = List.copyOf(latency);
    }

    /** The entry of engine {@code label}, or null. */
    public EngineResult engine(String label) {
        return engines.stream().filter(e -> e.engine().equals(label)).findFirst().orElse(null);
    }

    /** The pattern with the largest time share, or null if there is no profile. */
    public PatternProfile costliest() {
        return patterns.stream().max((a, b) -> Double.compare(a.timeShare(), b.timeShare())).orElse(null);
    }

    /** The JSON object, on one line. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("engines");
            for (EngineResult e : engines) {
                writeEngine(g, e);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("patterns");
            for (PatternProfile p : patterns) {
                writePattern(g, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("slowest_lines");
            for (SlowLine s : slowestLines) {
                g.writeStartObject();
                g.writeNumberField("line", s.line());
                g.writeNumberField("pattern", s.pattern());
                g.writeNumberField("ns", s.ns());
                g.writeStringField("file", s.source());
                g.writeNumberField("line_in_file", s.lineInSource());
                g.writeStringField("text", s.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            environment.write(g);
            g.writeStringField("mode", mode);
            g.writeStringField("syntax", syntax);
            g.writeStringField("semantics", semantics);
            g.writeNumberField("match_timeout_ms", matchTimeoutMs);
            g.writeNumberField("lines", lines);
            g.writeNumberField("profiled_lines", profiledLines);
            g.writeNumberField("bytes", bytes);
            nullable(g, "profile_lines_per_s", profileLinesPerS);
            nullable(g, "profile_slowdown", profileSlowdown);
            g.writeArrayFieldStart("latency");
            for (long[] b : latency) {
                g.writeStartObject();
                g.writeNumberField("from_ns", b[0]);
                g.writeNumberField("lines", b[1]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeEngine(JsonGenerator g, EngineResult e) throws IOException {
        g.writeStartObject();
        g.writeStringField("engine", e.engine());
        g.writeNumberField("lines", e.lines());
        g.writeNumberField("matched", e.matched());
        g.writeNumberField("lines_per_s", e.linesPerS());
        g.writeNumberField("mb_per_s", e.mbPerS());
        nullable(g, "error", e.error());
        g.writeBooleanField("agrees_with_mailtrace", e.agreesWithMailtrace());
        g.writeStringField("version", e.version());
        g.writeNumberField("timeouts", e.timeouts());
        nullable(g, "bytes_per_line", e.bytesPerLine());
        g.writeNumberField("checked", e.checked());
        g.writeNumberField("compared", e.compared());
        g.writeNumberField("disagreements", e.disagreements());
        g.writeArrayFieldStart("examples");
        for (EngineResult.Disagreement d : e.examples()) {
            g.writeStartObject();
            g.writeNumberField("line", d.line());
            g.writeStringField("mailtrace", d.mailtrace());
            g.writeStringField("engine", d.other());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("failure", e.failure());
        g.writeEndObject();
    }

    private static void writePattern(JsonGenerator g, PatternProfile p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", p.index());
        g.writeStringField("pattern", p.pattern());
        g.writeNumberField("attempts", p.attempts());
        g.writeNumberField("matches", p.matches());
        g.writeNumberField("time_share", p.timeShare());
        g.writeNumberField("ns_per_attempt", p.nsPerAttempt());
        g.writeNumberField("timeouts", p.timeouts());
        g.writeArrayFieldStart("warnings");
        for (PatternWarning w : p.warnings()) {
            g.writeStartObject();
            g.writeStringField("kind", w.kind());
            g.writeStringField("from", w.from());
            g.writeStringField("sub_pattern", w.subPattern());
            g.writeStringField("reason", w.reason());
            g.writeBooleanField("confirmed", w.confirmed());
            g.writeStringField("evidence", w.evidence());
            g.writeEndObject();
        }
        g.writeEndArray();
        nullable(g, "ns_per_attempt_error", p.nsPerAttemptError());
        g.writeNumberField("p99_ns", p.p99Ns());
        g.writeEndObject();
    }

    private static void nullable(JsonGenerator g, String name, Double v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /**
     * Reads a result written by {@link #toJson()}: engines and patterns with their figures (what a
     * baseline comparison needs); warnings, examples and slowest lines are not read back.
     *
     * @throws IllegalArgumentException if the text is not such a result
     */
    public static BenchmarkResult fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("engines").isArray() || !root.path("patterns").isArray()) {
            throw new IllegalArgumentException("not a mailtrace bench result: no \"engines\" and \"patterns\" arrays");
        }
        List<EngineResult> engines = new ArrayList<>();
        for (JsonNode e : root.get("engines")) {
            engines.add(new EngineResult(e.path("engine").asText(), text(e, "version"), e.path("lines").asLong(),
                    e.path("checked").asLong(), e.path("matched").asLong(), e.path("timeouts").asLong(), e.path("lines_per_s").asDouble(),
                    e.path("mb_per_s").asDouble(), number(e, "error"), number(e, "bytes_per_line"),
                    e.path("agrees_with_mailtrace").asBoolean(), e.path("compared").asLong(),
                    e.path("disagreements").asLong(), List.of(), text(e, "failure")));
        }
        List<PatternProfile> patterns = new ArrayList<>();
        for (JsonNode p : root.get("patterns")) {
            patterns.add(new PatternProfile(p.path("index").asInt(), p.path("pattern").asText(),
                    p.path("attempts").asLong(), p.path("matches").asLong(), p.path("timeouts").asLong(),
                    p.path("time_share").asDouble(), p.path("ns_per_attempt").asDouble(),
                    number(p, "ns_per_attempt_error"), p.path("p99_ns").asDouble(), List.of()));
        }
        JsonNode env = root.path("environment");
        return new BenchmarkResult(root.path("mode").asText("profile"), root.path("syntax").asText("grok"),
                root.path("semantics").asText("first_match"), root.path("match_timeout_ms").asLong(),
                root.path("lines").asLong(), root.path("profiled_lines").asLong(), root.path("bytes").asLong(), engines, patterns, List.of(),
                number(root, "profile_lines_per_s"), number(root, "profile_slowdown"), List.of(),
                new Environment(env.path("jdk").asText(), env.path("os").asText(), env.path("cpu").asText(),
                        env.path("cores").asInt()));
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
