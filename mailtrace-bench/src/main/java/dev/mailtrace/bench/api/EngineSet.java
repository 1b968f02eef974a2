package dev.mailtrace.bench.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.mailtrace.bench.es.ArtifactVersions;

/**
 * The engines of one run, opened once: an engine that cannot be opened (its jars cannot be had, it
 * rejects a regex) is recorded with the reason instead, and the run goes on with the others.
 */
final class EngineSet implements AutoCloseable {

    private final Map<Engine, LineEngine> open = new EnumMap<>(Engine.class);
    private final Map<Engine, String> failures = new EnumMap<>(Engine.class);
    private final Map<Engine, String> versions = new EnumMap<>(Engine.class);
    private final List<Engine> order = new ArrayList<>();
    private LineEngine reference;

    static EngineSet open(PatternBenchmark b) {
        EngineSet s = new EngineSet();
        String[] strings = null;
        for (Engine e : b.engines) {
            s.order.add(e);
            try {
                switch (e) {
                    case MAILTRACE -> {
                        s.open.put(e, new MailtraceEngine(b.set, b.lines));
                        s.versions.put(e, "mailtrace grok on joni " + joniVersion());
                    }
                    case JDK -> {
                        strings = strings != null ? strings : b.lines.strings();
                        s.open.put(e, new JdkEngine(b.set, strings));
                        s.versions.put(e, "java.util.regex " + System.getProperty("java.runtime.version"));
                    }
                    case ES_GROK -> {
                        strings = strings != null ? strings : b.lines.strings();
                        Path dir = b.esGrokJars != null ? b.esGrokJars : EsGrokJars.defaults(b.progress).directory();
                        EsEngine es = new EsEngine(b.set, strings, dir);
                        s.open.put(e, es);
                        s.versions.put(e, es.version());
                    }
                }
            } catch (IOException | RuntimeException ex) {
                s.failures.put(e, ex.getMessage() != null ? ex.getMessage() : ex.toString());
            }
        }
        s.reference = new MailtraceEngine(b.set, b.lines);
        return s;
    }

    private static String joniVersion() {
        return ArtifactVersions.of(org.joni.Regex.class, "org.jruby.joni", "joni").orElse("(unknown version)");
    }

    /** The engines asked for, mailtrace first. */
    List<Engine> engines() {
        List<Engine> out = new ArrayList<>(order);
        out.sort(null);
        return out;
    }

    /** The open engine, or null if it failed. */
    LineEngine engine(Engine e) {
        return open.get(e);
    }

    /** A second mailtrace engine, to compare with while another engine runs. */
    LineEngine mailtraceReference() {
        return reference;
    }

    String failure(Engine e) {
        return failures.get(e);
    }

    String version(Engine e) {
        return versions.get(e);
    }

    @Override
    public void close() {
        open.values().forEach(LineEngine::close);
    }
}
