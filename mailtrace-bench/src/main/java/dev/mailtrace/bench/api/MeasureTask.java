package dev.mailtrace.bench.api;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;

/**
 * What a JMH fork needs to rebuild the benchmark of the parent JVM: the pattern set (with the
 * bank's definitions), its semantics and budget, the lines, and where Elasticsearch's jars are.
 * Written to a file whose path is the benchmark's {@code task} parameter.
 */
record MeasureTask(PatternSyntax syntax, Semantics semantics, Duration matchTimeout, List<String> patterns,
                   Map<String, String> definitions, List<String> lines, String esGrokJars) {

    static MeasureTask of(PatternBenchmark b) {
        List<String> lines = new ArrayList<>(b.lines.size());
        for (int i = 0; i < b.lines.size(); i++) {
            lines.add(b.lines.line(i));
        }
        return new MeasureTask(b.set.syntax, b.set.semantics, b.set.matchTimeout, b.set.patterns, b.set.definitions(),
                lines, b.esGrokJars == null ? "" : b.esGrokJars.toString());
    }

    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(syntax.name());
            out.writeUTF(semantics.name());
            out.writeLong(matchTimeout.toNanos());
            out.writeUTF(esGrokJars);
            out.writeInt(patterns.size());
            for (String p : patterns) {
                writeString(out, p);
            }
            out.writeInt(definitions.size());
            for (Map.Entry<String, String> d : definitions.entrySet()) {
                writeString(out, d.getKey());
                writeString(out, d.getValue());
            }
            out.writeInt(lines.size());
            for (String l : lines) {
                writeString(out, l);
            }
        }
    }

    static MeasureTask read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            PatternSyntax syntax = PatternSyntax.valueOf(in.readUTF());
            Semantics semantics = Semantics.valueOf(in.readUTF());
            Duration timeout = Duration.ofNanos(in.readLong());
            String jars = in.readUTF();
            List<String> patterns = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                patterns.add(readString(in));
            }
            Map<String, String> defs = new java.util.LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                defs.put(readString(in), readString(in));
            }
            List<String> lines = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                lines.add(readString(in));
            }
            return new MeasureTask(syntax, semantics, timeout, patterns, defs, lines, jars);
        }
    }

    /** The benchmark again, in this JVM. */
    PatternBenchmark benchmark(Engine engine) throws IOException {
        try {
            PatternBank.Builder bank = PatternBank.builder();
            for (Map.Entry<String, String> d : definitions.entrySet()) {
                bank.add(d.getKey(), d.getValue());
            }
            PatternBenchmark.Builder b = PatternBenchmark.builder().bank(bank.build()).syntax(syntax)
                    .semantics(semantics).matchTimeout(matchTimeout).patterns(patterns)
                    .lines(LineSample.of(lines)).engines(java.util.EnumSet.of(engine));
            if (!esGrokJars.isEmpty()) {
                b.esGrokJars(Path.of(esGrokJars));
            }
            return b.build();
        } catch (PatternCompileException | InvalidPatternException e) {
            throw new IOException("the task does not compile in the fork: " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
