package dev.mailtrace.sink;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The sinks available: those found with {@link ServiceLoader} ({@code ndjson} from core, others from
 * their jars), looked up by name, case-insensitively. Immutable, thread-safe.
 *
 * <pre>{@code
 * try (Sink sink = SinkRegistry.load().open("ndjson", Map.of("path", "/tmp/trace.ndjson"), System.out)) {
 *     ... sink.accept(record) ...
 * }
 * }</pre>
 */
public final class SinkRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Map<String, SinkProvider> byName;

    private SinkRegistry(Map<String, SinkProvider> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The providers on the class path of this class's loader. */
    public static SinkRegistry load() {
        return load(SinkRegistry.class.getClassLoader());
    }

    /**
     * The providers visible to {@code loader}.
     *
     * @throws IllegalArgumentException for a provider with an invalid name or a name used twice
     */
    public static SinkRegistry load(ClassLoader loader) {
        List<SinkProvider> found = new ArrayList<>();
        for (SinkProvider p : ServiceLoader.load(SinkProvider.class, loader)) {
            found.add(p);
        }
        return of(found);
    }

    /** A registry of exactly these providers. */
    public static SinkRegistry of(List<SinkProvider> providers) {
        Map<String, SinkProvider> byName = new TreeMap<>();
        for (SinkProvider p : providers) {
            String name = Objects.requireNonNull(p.name(), "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("sink provider " + p.getClass().getName() + " has invalid name [" + name
                        + "]; names match [a-z][a-z0-9_]*");
            }
            SinkProvider old = byName.put(name, p);
            if (old != null && old.getClass() != p.getClass()) {
                throw new IllegalArgumentException("sink [" + name + "] provided twice: by " + old.getClass().getName()
                        + " and " + p.getClass().getName());
            }
        }
        return new SinkRegistry(byName);
    }

    /** The names of the available sinks, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The provider named {@code name} (any case).
     *
     * @throws IllegalArgumentException {@code unknown sink [x]; available: [ndjson]}
     */
    public SinkProvider forName(String name) {
        SinkProvider p = byName.get(name.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown sink [" + name + "]; available: " + byName.keySet());
        }
        return p;
    }

    /**
     * Opens the sink {@code name} with {@code options}, refusing unknown options before opening.
     *
     * @param stdout what {@code -} means as an output
     * @throws IllegalArgumentException for an unknown sink or option, naming the valid ones
     * @throws SinkException if the sink cannot be opened
     */
    public Sink open(String name, Map<String, String> options, OutputStream stdout) {
        SinkProvider p = forName(name);
        for (String option : options.keySet()) {
            if (!p.options().containsKey(option)) {
                throw new IllegalArgumentException("unknown option [" + option + "] for sink [" + p.name() + "]; valid: "
                        + new TreeMap<>(p.options()).keySet());
            }
        }
        return p.open(new SinkOptions(p.name(), options, stdout));
    }

    @Override
    public String toString() {
        return "SinkRegistry" + byName.keySet();
    }
}
