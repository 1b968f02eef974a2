package dev.mailtrace.bench.es;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Elasticsearch's grok ({@code org.elasticsearch:elasticsearch-grok}), loaded in its own class
 * loader so that it runs on the joni it was built with (2.1.29) while mailtrace runs on its own
 * (2.2.x) in the same JVM. Used to prove that mailtrace's grok captures exactly what
 * Elasticsearch's does, and to measure both.
 *
 * <pre>{@code
 * try (EsGrokEngine es = EsGrokEngine.load()) {
 *     EsGrok grok = es.compile(definitions, "%{SYSLOGBASE} %{GREEDYDATA:message}");
 *     Map<String, Object> fields = grok.captures(line);   // null: no match
 * }
 * }</pre>
 *
 * <p>The class loader's parent is the platform class loader: nothing of the application class
 * path, in particular not our joni, is visible to Elasticsearch's classes. They are reached by
 * method handles; only JDK types ({@code Map}, {@code Consumer}, ...) cross the boundary.
 *
 * <p>Matches are guarded as in an Elasticsearch ingest node: one {@code MatcherWatchdog} per engine
 * with a check interval and a maximum execution time (ingest's defaults: 1 s and 1 s), run by a
 * daemon scheduler thread. A match it interrupts ends in {@link EsGrokTimeoutException}.
 *
 * <p>Thread-safe. {@link #close()} stops the watchdog thread and closes the class loader; every
 * {@link EsGrok} of the engine is unusable afterwards.
 */
public final class EsGrokEngine implements Closeable {

    /** System property naming the directory of the three jars (set by the bench pom for tests). */
    public static final String DIR_PROPERTY = "mailtrace.esgrok.dir";

    /** Where the bench build copies the jars, relative to the checkout. */
    public static final Path DEFAULT_DIR = Path.of("mailtrace-bench", "target", "es-grok");

    /** Elasticsearch ingest's default watchdog check interval ({@code ingest.grok.watchdog.interval}). */
    public static final Duration DEFAULT_WATCHDOG_INTERVAL = Duration.ofSeconds(1);

    /** Elasticsearch ingest's default match budget ({@code ingest.grok.watchdog.max_execution_time}). */
    public static final Duration DEFAULT_MAX_EXECUTION_TIME = Duration.ofSeconds(1);

    private static final String[] JAR_PREFIXES = {"elasticsearch-grok-", "joni-", "jcodings-"};
    private static final String TIMEOUT_MESSAGE = "grok pattern matching was interrupted after";

    private final Path directory;
    private final URLClassLoader loader;
    private final ScheduledExecutorService scheduler;
    private final Object watchdog;
    private final long maxExecutionMillis;
    private final MethodHandle newBank;
    private final MethodHandle newGrok;
    final MethodHandle captures;
    final MethodHandle match;
    private final Class<?> grokClass;
    private final Class<?> joniRegexClass;
    private volatile boolean closed;

    private EsGrokEngine(Path directory, URLClassLoader loader, Duration interval, Duration maxExecution)
            throws ReflectiveOperationException {
        this.directory = directory;
        this.loader = loader;
        this.maxExecutionMillis = maxExecution.toMillis();
        Class<?> bankClass = Class.forName("org.elasticsearch.grok.PatternBank", true, loader);
        this.grokClass = Class.forName("org.elasticsearch.grok.Grok", true, loader);
        Class<?> watchdogClass = Class.forName("org.elasticsearch.grok.MatcherWatchdog", true, loader);
        this.joniRegexClass = Class.forName("org.joni.Regex", false, loader);

        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        this.newBank = lookup.findConstructor(bankClass, MethodType.methodType(void.class, Map.class))
                .asType(MethodType.methodType(Object.class, Map.class));
        this.newGrok = lookup.findConstructor(grokClass,
                        MethodType.methodType(void.class, bankClass, String.class, watchdogClass, Consumer.class))
                .asType(MethodType.methodType(Object.class, Object.class, String.class, Object.class, Consumer.class));
        this.captures = lookup.findVirtual(grokClass, "captures", MethodType.methodType(Map.class, String.class))
                .asType(MethodType.methodType(Map.class, Object.class, String.class));
        this.match = lookup.findVirtual(grokClass, "match", MethodType.methodType(boolean.class, String.class))
                .asType(MethodType.methodType(boolean.class, Object.class, String.class));
        MethodHandle newWatchdog = lookup.findStatic(watchdogClass, "newInstance", MethodType.methodType(
                watchdogClass, long.class, long.class, LongSupplier.class, BiConsumer.class));

        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "es-grok-watchdog");
            t.setDaemon(true);
            return t;
        });
        LongSupplier relativeMillis = () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        BiConsumer<Long, Runnable> schedule = (delay, task) -> {
            if (!scheduler.isShutdown()) {
                scheduler.schedule(task, delay, TimeUnit.MILLISECONDS);
            }
        };
        try {
            this.watchdog = newWatchdog.invoke(interval.toMillis(), maxExecutionMillis, relativeMillis, schedule);
        } catch (Throwable t) {
            scheduler.shutdownNow();
            throw new IllegalStateException("cannot create Elasticsearch's MatcherWatchdog", t);
        }
    }

    /**
     * Loads from the directory named by {@value #DIR_PROPERTY}, else {@link #DEFAULT_DIR}, with
     * ingest's watchdog defaults.
     */
    public static EsGrokEngine load() throws IOException {
        return load(defaultDirectory());
    }

    /** Loads from {@code dir} with ingest's watchdog defaults. */
    public static EsGrokEngine load(Path dir) throws IOException {
        return load(dir, DEFAULT_WATCHDOG_INTERVAL, DEFAULT_MAX_EXECUTION_TIME);
    }

    /**
     * Loads the jars of {@code dir}: exactly one each of {@code elasticsearch-grok-*.jar},
     * {@code joni-*.jar} and {@code jcodings-*.jar}.
     *
     * @param watchdogInterval how often the watchdog looks for runaway matches
     * @param maxExecutionTime how long a match may run before the watchdog interrupts it
     * @throws IOException if a jar is missing or ambiguous, or the directory cannot be read
     */
    public static EsGrokEngine load(Path dir, Duration watchdogInterval, Duration maxExecutionTime)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (watchdogInterval.isNegative() || watchdogInterval.isZero()
                || maxExecutionTime.isNegative() || maxExecutionTime.isZero()) {
            throw new IllegalArgumentException("watchdog interval [" + watchdogInterval
                    + "] and max execution time [" + maxExecutionTime + "] must be positive");
        }
        List<Path> jars = findJars(dir);
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = toUrl(jars.get(i));
        }
        URLClassLoader loader = new URLClassLoader("es-grok", urls, ClassLoader.getPlatformClassLoader());
        try {
            return new EsGrokEngine(dir.toAbsolutePath().normalize(), loader, watchdogInterval, maxExecutionTime);
        } catch (ReflectiveOperationException | RuntimeException e) {
            loader.close();
            throw new IOException("the jars in [" + dir + "] are not a usable Elasticsearch grok: " + e, e);
        }
    }

    /** The directory {@link #load()} uses. */
    public static Path defaultDirectory() {
        String configured = System.getProperty(DIR_PROPERTY);
        return configured != null ? Path.of(configured) : DEFAULT_DIR;
    }

    private static List<Path> findJars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no Elasticsearch grok jars: [" + dir.toAbsolutePath().normalize()
                    + "] is not a directory; the bench build fills it (mvn -pl mailtrace-bench generate-resources)"
                    + " or point -D" + DIR_PROPERTY + " at a copy");
        }
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            ds.forEach(all::add);
        }
        all.sort(null);
        List<Path> chosen = new ArrayList<>();
        for (String prefix : JAR_PREFIXES) {
            List<Path> found = new ArrayList<>();
            for (Path p : all) {
                if (p.getFileName().toString().startsWith(prefix)) {
                    found.add(p.getFileName());
                }
            }
            if (found.size() != 1) {
                throw new IOException("expected exactly one [" + prefix + "*.jar] in [" + dir + "], found "
                        + found + "; jars there: " + all.stream().map(Path::getFileName).toList());
            }
            chosen.add(dir.resolve(found.get(0)));
        }
        return chosen;
    }

    private static URL toUrl(Path jar) throws IOException {
        try {
            return jar.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IOException("cannot make a URL of [" + jar + "]", e);
        }
    }

    /**
     * Builds Elasticsearch's {@code PatternBank} once, to compile several patterns against it.
     *
     * @param definitions pattern name to definition, as in a pattern file
     * @throws IllegalArgumentException if Elasticsearch rejects the bank (a cycle, a reference to
     *     an undefined pattern)
     */
    public EsPatternBank patternBank(Map<String, String> definitions) {
        ensureOpen();
        try {
            return new EsPatternBank(this, newBank.invokeExact(definitions));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Elasticsearch rejects the pattern bank: " + e.getMessage(), e);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** Compiles one pattern against {@code definitions}; see {@link EsPatternBank#compile(String)}. */
    public EsGrok compile(Map<String, String> definitions, String pattern) {
        return patternBank(definitions).compile(pattern);
    }

    EsGrok compile(Object esBank, String pattern) {
        ensureOpen();
        List<String> warnings = new ArrayList<>();
        Consumer<String> onWarning = w -> {
            synchronized (warnings) {
                warnings.add(w);
            }
        };
        Object grok;
        try {
            grok = newGrok.invokeExact(esBank, pattern, watchdog, onWarning);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Elasticsearch grok rejects [" + pattern + "]: " + e, e);
        } catch (Throwable t) {
            throw propagate(t);
        }
        return new EsGrok(this, grok, pattern, List.copyOf(warnings));
    }

    /**
     * Turns Elasticsearch's timeout, a bare {@code RuntimeException} known by its message, into
     * {@link EsGrokTimeoutException}; anything else is returned unchanged.
     */
    RuntimeException translate(RuntimeException e, String pattern) {
        if (e.getClass() == RuntimeException.class && e.getMessage() != null
                && e.getMessage().startsWith(TIMEOUT_MESSAGE)) {
            return new EsGrokTimeoutException(pattern, maxExecutionMillis, e);
        }
        return e;
    }

    static RuntimeException propagate(Throwable t) {
        if (t instanceof Error err) {
            throw err;
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException("unexpected checked exception from Elasticsearch grok", t);
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("EsGrokEngine [" + directory + "] is closed");
        }
    }

    /** The directory the jars were loaded from. */
    public Path directory() {
        return directory;
    }

    /** The isolated class loader Elasticsearch's grok and its joni live in. */
    public ClassLoader classLoader() {
        return loader;
    }

    /** Elasticsearch's {@code org.elasticsearch.grok.Grok} class, as loaded here. */
    public Class<?> grokClass() {
        return grokClass;
    }

    /** The {@code org.joni.Regex} class Elasticsearch's grok runs on, as loaded here. */
    public Class<?> joniRegexClass() {
        return joniRegexClass;
    }

    /** The Elasticsearch grok version, from its jar's manifest. */
    public String esGrokVersion() {
        String v = grokClass.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }

    /** The version of the joni Elasticsearch's grok runs on, from its jar's {@code pom.properties}. */
    public String joniVersion() {
        return ArtifactVersions.of(joniRegexClass, "org.jruby.joni", "joni").orElse("unknown");
    }

    /** The watchdog's maximum execution time per match. */
    public Duration maxExecutionTime() {
        return Duration.ofMillis(maxExecutionMillis);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Stops the watchdog thread and closes the class loader. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        loader.close();
    }

    @Override
    public String toString() {
        return "EsGrokEngine[elasticsearch-grok " + esGrokVersion() + ", joni " + joniVersion() + ", " + directory + "]";
    }
}
