package dev.mailtrace.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.io.LogReader;
import dev.mailtrace.parse.EventListener;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.parse.ParseStats;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.syslog.SyslogFormat;
import dev.mailtrace.syslog.SyslogHeader;
import dev.mailtrace.syslog.SyslogScanner;
import dev.mailtrace.syslog.YearInference;

/**
 * Log lines to a {@link TraceAggregator}, parsing on several threads while aggregation stays
 * exactly as if one thread had done everything.
 *
 * <pre>{@code
 * TracePipeline pipeline = TracePipeline.builder(DialectRegistry.load()).threads(2).zone(zone).build();
 * try (LogReader in = LogReader.builder().open(files)) {
 *     ParseStats stats = pipeline.run(in, aggregator);
 * }
 * aggregator.finish();
 * }</pre>
 *
 * <p><b>How.</b> With one thread a {@link LogParser} parses each line and its events go to the
 * aggregator when it returns. With two, one thread reads and parses as the single thread would, and
 * hands the events over in batches to the calling thread, which aggregates: on two cores parsing
 * and aggregation (plus writing) are about half of the work each. With N &gt; 2 a reader thread
 * copies lines into chunks (a few thousand lines, cut at file boundaries), N − 1 workers parse whole
 * chunks (one {@link LogParser} each) keeping only the events the aggregator reads, and the calling
 * thread takes the chunks back <em>in input order</em> and feeds the aggregator. Either way the
 * aggregator sees the same events in the same order as with one thread, so every result is
 * identical, whatever N. (Sharding the aggregation by (host, queue id) would need the cross-host
 * linking to be merged again; one ordered consumer is simpler.) Memory is bounded: at most
 * {@code 4 × N} chunks are in flight.
 *
 * <p><b>Years.</b> (N &gt; 2.) A parser on a chunk does not know the year of the lines before it. So the reader
 * thread reads the header of the first timestamped line of each chunk with a scanner of its own
 * that keeps the year inference of the file (the file's modification time or {@code --year}, then
 * New Year rollovers), and the chunk's parser starts with that line's exact time as its year
 * reference; within the chunk the parser's own inference carries on. Rollovers are detected
 * between consecutive chunks instead of consecutive lines, which gives the same years unless a
 * single chunk spans half a year.
 *
 * <p>Immutable and thread-safe; {@link #run} may be called by several threads, each with its own
 * aggregator.
 */
public final class TracePipeline {

    private final DialectRegistry registry;
    private final ZoneId zone;
    private final int year;
    private final int threads;
    private final int chunkLines;
    /** Batches of events in flight between the two threads of a staged run. */
    private static final int STAGED_BATCHES = 8;

    private TracePipeline(Builder b) {
        this.registry = b.registry;
        this.zone = b.zone;
        this.year = b.year;
        this.threads = b.threads;
        this.chunkLines = b.chunkLines;
    }

    /** A builder over the given dialects. */
    public static Builder builder(DialectRegistry registry) {
        return new Builder(registry);
    }

    /** The number of threads that parse and aggregate (see {@link Builder#threads}). */
    public int threads() {
        return threads;
    }

    /**
     * Parses every line of {@code in} and feeds the events the aggregator reads to it, in input
     * order, on the calling thread. Does not {@linkplain TraceAggregator#finish() finish} the aggregator.
     *
     * @return what the parsers saw
     * @throws IOException if reading failed (the lines before were processed)
     * @throws RuntimeException whatever the aggregator's listener threw (a sink failure); the
     *     other threads are stopped
     */
    public ParseStats run(LogReader in, TraceAggregator aggregator) throws IOException {
        return run(List.of(in), aggregator);
    }

    /**
     * As {@link #run(LogReader, TraceAggregator)} over several inputs read side by side and merged
     * by time: the logs of several hosts (or of one host in several files) become one stream in
     * time order, as one central syslog would have written it, so that hand-offs between hosts are
     * linked as in a single file. Each input keeps its own year inference (its files' modification
     * times, or {@code --year}); a line without timestamp goes with the line before it in its input.
     * Ties keep the order of the inputs.
     */
    public ParseStats run(List<LogReader> inputs, TraceAggregator aggregator) throws IOException {
        if (inputs.isEmpty()) {
            return new ParseStats();
        }
        Feed feed = inputs.size() == 1 ? new SingleFeed(inputs.get(0)) : new MergedFeed(inputs, this);
        if (threads == 1) {
            return runHere(feed, aggregator);
        }
        return threads == 2 ? new Staged(feed, aggregator).run() : new Run(feed, aggregator).run();
    }

    /**
     * One thread: parse a line, then feed its events. The aggregator is called after the parser
     * returns, never from inside a dialect's {@code parse}, so that a failing listener (a sink)
     * ends the run instead of being taken for a failing dialect.
     */
    private ParseStats runHere(Feed in, TraceAggregator aggregator) throws IOException {
        LogParser parser = parser(!in.exact());
        Chunk events = new Chunk();
        EventListener collect = (line, event) -> {
            if (TraceAggregator.accepts(event)) {
                events.event(line.host(), line.instant(), line.program(), line.pid(), event);
            }
        };
        while (in.next()) {
            if (in.restart()) {
                parser.startSource(in.sourceName(), in.reference());
            }
            parser.parseLine(in.buffer(), in.start(), in.length(), collect);
            events.feed(aggregator);
        }
        return parser.stats();
    }

    private LogParser parser(boolean withYear) {
        LogParser.Builder b = LogParser.builder(registry).zone(zone);
        if (withYear && year > 0) {
            b.year(year);
        }
        return b.build();
    }

    private SyslogScanner scanner() {
        SyslogScanner.Builder sb = SyslogScanner.builder().zone(zone);
        if (year > 0) {
            sb.year(year);
        }
        return sb.build();
    }

    /** Lines in the order they are aggregated, and where a parser must start a new source. */
    private interface Feed {
        boolean next() throws IOException;

        byte[] buffer();

        int start();

        int length();

        /** Whether the parser starts a new source at this line. */
        boolean restart();

        /** The current line's source. */
        String sourceName();

        /**
         * The year reference of a new source: the file's modification time (not exact), or the exact
         * time of this line or of its input's latest timestamped line (exact), or null.
         */
        Instant reference();

        /** Whether references are exact line times: parsers need no explicit year then. */
        boolean exact();
    }

    /** One reader: its files one after the other. */
    private static final class SingleFeed implements Feed {
        private final LogReader in;

        SingleFeed(LogReader in) {
            this.in = in;
        }

        @Override
        public boolean next() throws IOException {
            return in.next();
        }

        @Override
        public byte[] buffer() {
            return in.buffer();
        }

        @Override
        public int start() {
            return in.start();
        }

        @Override
        public int length() {
            return in.length();
        }

        @Override
        public boolean restart() {
            return in.firstLineOfSource();
        }

        @Override
        public String sourceName() {
            return in.sourceName();
        }

        @Override
        public Instant reference() {
            return in.sourceModified();
        }

        @Override
        public boolean exact() {
            return false;
        }
    }

    /** Several readers merged by the time of their lines, read with a header scanner per reader. */
    private static final class MergedFeed implements Feed {
        private final Input[] inputs;
        private final java.util.PriorityQueue<Input> queue;
        private Input current;
        private Input previous;
        private boolean restart;

        MergedFeed(List<LogReader> readers, TracePipeline p) throws IOException {
            inputs = new Input[readers.size()];
            queue = new java.util.PriorityQueue<>(readers.size(),
                    java.util.Comparator.comparingLong((Input i) -> i.key).thenComparingInt(i -> i.index));
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = new Input(i, readers.get(i), p.scanner());
            }
            for (Input i : inputs) {
                if (i.advance()) {
                    queue.add(i);
                }
            }
        }

        @Override
        public boolean next() throws IOException {
            if (current != null && current.advance()) {
                queue.add(current);
            }
            current = queue.poll();
            if (current == null) {
                return false;
            }
            restart = current != previous || current.newSource;
            previous = current;
            return true;
        }

        @Override
        public byte[] buffer() {
            return current.line;
        }

        @Override
        public int start() {
            return 0;
        }

        @Override
        public int length() {
            return current.length;
        }

        @Override
        public boolean restart() {
            return restart;
        }

        @Override
        public String sourceName() {
            return current.name;
        }

        @Override
        public Instant reference() {
            return current.instant;
        }

        @Override
        public boolean exact() {
            return true;
        }

        /** One reader with its current line copied out and its time read. */
        private static final class Input {
            final int index;
            final LogReader in;
            final SyslogScanner scanner;
            final SyslogHeader header = new SyslogHeader();
            byte[] line = new byte[512];
            int length;
            String name;
            boolean newSource;
            Instant instant;
            long key = Long.MIN_VALUE;

            Input(int index, LogReader in, SyslogScanner scanner) {
                this.index = index;
                this.in = in;
                this.scanner = scanner;
            }

            boolean advance() throws IOException {
                if (!in.next()) {
                    return false;
                }
                newSource = in.firstLineOfSource();
                if (newSource) {
                    scanner.startSource(in.sourceModified());
                    name = in.sourceName();
                }
                length = in.length();
                if (line.length < length) {
                    line = new byte[Math.max(length, line.length * 2)];
                }
                System.arraycopy(in.buffer(), in.start(), line, 0, length);
                if (scanner.scan(line, 0, length, header) != SyslogFormat.NONE && header.hasTimestamp()) {
                    instant = header.instant();
                    key = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
                }
                return true;
            }
        }
    }

    /** Lines copied out of the reader's buffer, and the events parsed from them. */
    private static final class Chunk {
        static final Chunk END = new Chunk();

        byte[] data = new byte[64 * 1024];
        int size;
        int[] offsets = new int[1024];
        int[] lengths = new int[1024];
        int lines;
        // where the parser starts a new source: line index, name, year reference
        int[] restartAt = new int[4];
        String[] restartNames = new String[4];
        Instant[] restartRefs = new Instant[4];
        int restarts;
        /** Whether the reference of the chunk's first source still has to be sampled. */
        boolean sample;
        // results
        LogEvent[] events;
        Instant[] times;
        String[] hosts;
        String[] programs;
        long[] pids;
        int count;
        /** What the reading or parsing thread failed with (staged runs), or null. */
        Throwable failure;

        void add(byte[] buf, int off, int len) {
            if (size + len > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + len));
            }
            if (lines == offsets.length) {
                offsets = Arrays.copyOf(offsets, lines * 2);
                lengths = Arrays.copyOf(lengths, lines * 2);
            }
            System.arraycopy(buf, off, data, size, len);
            offsets[lines] = size;
            lengths[lines] = len;
            lines++;
            size += len;
        }

        void restart(String name, Instant reference) {
            if (restarts == restartAt.length) {
                restartAt = Arrays.copyOf(restartAt, restarts * 2);
                restartNames = Arrays.copyOf(restartNames, restarts * 2);
                restartRefs = Arrays.copyOf(restartRefs, restarts * 2);
            }
            restartAt[restarts] = lines;
            restartNames[restarts] = name;
            restartRefs[restarts] = reference;
            restarts++;
        }

        /** Hands the events to the aggregator in order, and empties the chunk (it may be reused). */
        void feed(TraceAggregator aggregator) {
            for (int i = 0; i < count; i++) {
                aggregator.accept(hosts[i], times[i], programs[i], pids[i], events[i]);
                events[i] = null;
                times[i] = null;
            }
            count = 0;
        }

        void event(String host, Instant time, String program, long pid, LogEvent e) {
            if (events == null) {
                int n = Math.max(16, lines);
                events = new LogEvent[n];
                times = new Instant[n];
                hosts = new String[n];
                programs = new String[n];
                pids = new long[n];
            } else if (count == events.length) {
                int n = count * 2;
                events = Arrays.copyOf(events, n);
                times = Arrays.copyOf(times, n);
                hosts = Arrays.copyOf(hosts, n);
                programs = Arrays.copyOf(programs, n);
                pids = Arrays.copyOf(pids, n);
            }
            events[count] = e;
            times[count] = time;
            hosts[count] = host;
            programs[count] = program;
            pids[count] = pid;
            count++;
        }
    }

    /**
     * Two threads: one reads and parses exactly as {@link #runHere} does, and hands the events over
     * in batches; the calling thread aggregates them. The parser sees the lines in the same order with
     * the same source restarts as with one thread, so every result is identical. Batches are recycled:
     * at most {@value #STAGED_BATCHES} are in flight.
     */
    private final class Staged {
        private static final int BATCH_EVENTS = 1024;
        private final Feed in;
        private final TraceAggregator aggregator;
        private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(STAGED_BATCHES);
        private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(STAGED_BATCHES + 2);
        private final LogParser parser;
        private volatile boolean stopped;
        private Chunk batch;

        Staged(Feed in, TraceAggregator aggregator) {
            this.in = in;
            this.aggregator = aggregator;
            this.parser = parser(!in.exact());
        }

        ParseStats run() throws IOException {
            Thread reader = daemon(this::parse, "mailtrace-parse");
            try {
                while (true) {
                    Chunk c = full.take();
                    if (c.failure != null) {
                        throw rethrow(c.failure);
                    }
                    if (c == Chunk.END) {
                        break;
                    }
                    c.feed(aggregator);
                    free.offer(c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while tracing", e);
            } finally {
                stopped = true;
                stop(reader);
            }
            // the parser thread has ended: its last write happened before END was put
            return parser.stats();
        }

        private void parse() {
            batch = new Chunk();
            EventListener collect = (line, event) -> {
                if (TraceAggregator.accepts(event)) {
                    String host = line.host();
                    prehash(host, event);
                    batch.event(host, line.instant(), line.program(), line.pid(), event);
                }
            };
            try {
                try {
                    while (!stopped && in.next()) {
                        if (in.restart()) {
                            parser.startSource(in.sourceName(), in.reference());
                        }
                        parser.parseLine(in.buffer(), in.start(), in.length(), collect);
                        if (batch.count >= BATCH_EVENTS) {
                            full.put(batch);
                            Chunk next = free.poll();
                            batch = next != null ? next : new Chunk();
                        }
                    }
                } catch (IOException | RuntimeException | Error e) {
                    // the events of the lines before the failure are aggregated, then the failure is reported
                    if (batch.count > 0) {
                        full.put(batch);
                    }
                    Chunk failed = new Chunk();
                    failed.failure = e instanceof IOException io ? new UncheckedIOException(io) : e;
                    full.put(failed);
                    return;
                }
                if (batch.count > 0) {
                    full.put(batch);
                }
                full.put(Chunk.END);
            } catch (InterruptedException e) {
                // stopped by the consumer
            }
        }
    }

    /** N > 2 threads: a reader, N − 1 parsing workers, aggregation on the calling thread. */
    private final class Run {
        private final Feed in;
        private final TraceAggregator aggregator;
        private final BlockingQueue<Future<Chunk>> queue;
        private final ExecutorService pool;
        private final List<LogParser> parsers = Collections.synchronizedList(new ArrayList<>());
        private final ThreadLocal<LogParser> parser = ThreadLocal.withInitial(() -> {
            LogParser p = parser(false);
            parsers.add(p);
            return p;
        });
        private volatile boolean stopped;

        Run(Feed in, TraceAggregator aggregator) {
            this.in = in;
            this.aggregator = aggregator;
            this.queue = new ArrayBlockingQueue<>(threads * 4);
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "mailtrace-parse-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        ParseStats run() throws IOException {
            Thread reader = daemon(this::read, "mailtrace-read");
            try {
                while (true) {
                    Future<Chunk> f = queue.take();
                    Chunk c;
                    try {
                        c = f.get();
                    } catch (ExecutionException e) {
                        throw rethrow(e.getCause());
                    }
                    if (c == Chunk.END) {
                        break;
                    }
                    c.feed(aggregator);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while tracing", e);
            } finally {
                stopped = true;
                pool.shutdownNow();
                stop(reader);
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ParseStats stats = new ParseStats();
            synchronized (parsers) {
                for (LogParser p : parsers) {
                    stats.add(p.stats());
                }
            }
            return stats;
        }

        /**
         * The reader thread: lines into chunks, chunks to the workers, futures in order into the queue.
         * A single input is cut into chunks at file boundaries, and each chunk's year reference is the
         * first timestamped line of the chunk, read with a scanner that follows the file's year
         * inference; merged inputs carry exact references wherever the parser must start anew.
         */
        private void read() {
            SyslogScanner sampler = scanner();
            SyslogHeader header = new SyslogHeader();
            Chunk c = null;
            String source = null;
            try {
                try {
                    while (!stopped && in.next()) {
                        boolean restart = in.restart();
                        if (restart) {
                            source = in.sourceName();
                        }
                        if (c == null || c.lines >= chunkLines || restart && !in.exact() && c.lines > 0) {
                            if (c != null && c.lines > 0) {
                                submit(c);
                            }
                            c = new Chunk();
                            if (in.exact()) {
                                c.restart(source, in.reference());
                            } else {
                                c.restart(source, null);
                                c.sample = true;
                            }
                            restart = false;
                        }
                        if (!in.exact()) {
                            if (in.restart()) {
                                sampler.startSource(in.reference());
                            }
                            if (c.sample && sampler.scan(in.buffer(), in.start(), in.length(), header) != SyslogFormat.NONE
                                    && header.hasTimestamp()) {
                                c.restartRefs[0] = header.instant();
                                c.sample = false;
                            }
                        } else if (restart) {
                            c.restart(source, in.reference());
                        }
                        c.add(in.buffer(), in.start(), in.length());
                    }
                } catch (IOException | RuntimeException e) {
                    // the lines read before the failure are processed, then the failure is reported
                    if (c != null && c.lines > 0) {
                        submit(c);
                    }
                    failed(e instanceof IOException io ? new UncheckedIOException(io) : e);
                    return;
                }
                if (c != null && c.lines > 0) {
                    submit(c);
                }
                queue.put(CompletableFuture.completedFuture(Chunk.END));
            } catch (InterruptedException e) {
                // stopped by the consumer
            } catch (Error e) {
                failed(e);
            }
        }

        private void failed(Throwable t) {
            try {
                queue.put(CompletableFuture.failedFuture(t));
            } catch (InterruptedException e) {
                // stopped by the consumer
            }
        }

        private void submit(Chunk c) throws InterruptedException {
            Future<Chunk> parsed;
            try {
                parsed = pool.submit(() -> parse(c));
            } catch (RejectedExecutionException e) {
                // The consumer stopped (finished early or failed) and shut the workers down: stop too.
                throw new InterruptedException("the consumer stopped");
            }
            queue.put(parsed);
        }

        private Chunk parse(Chunk c) {
            LogParser p = parser.get();
            int k = 0;
            for (int i = 0; i < c.lines; i++) {
                while (k < c.restarts && c.restartAt[k] == i) {
                    p.startSource(c.restartNames[k], c.restartRefs[k]);
                    k++;
                }
                p.parseLine(c.data, c.offsets[i], c.lengths[i], (line, event) -> {
                    if (TraceAggregator.accepts(event)) {
                        String host = line.host();
                        prehash(host, event);
                        c.event(host, line.instant(), line.program(), line.pid(), event);
                    }
                });
            }
            c.data = null; // the bytes are no longer needed while the chunk waits for its turn
            return c;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops a reading thread (it may wait on a full queue) and waits for it to end. */
    private static void stop(Thread reader) {
        reader.interrupt();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws what a reading or parsing thread failed with, as the calling thread would have. */
    private static IOException rethrow(Throwable cause) throws IOException {
        if (cause instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }

    /**
     * Computes (and so caches in the strings) the hashes of the keys the aggregator looks up, here on
     * a parsing thread rather than on the aggregating one.
     */
    private static void prehash(String host, LogEvent event) {
        if (host != null) {
            host.hashCode();
        }
        if (event instanceof dev.mailtrace.event.QueueEvent q && q.queueId() != null) {
            q.queueId().hashCode();
            if (event instanceof dev.mailtrace.event.MessageIdentified m && m.messageId() != null) {
                m.messageId().hashCode();
            } else if (event instanceof dev.mailtrace.event.RecipientAttempt a && a.queuedAs() != null) {
                a.queuedAs().hashCode();
            }
        }
    }

    /** Configures a {@link TracePipeline}. */
    public static final class Builder {
        private final DialectRegistry registry;
        private ZoneId zone = ZoneId.systemDefault();
        private int year;
        private int threads = 1;
        private int chunkLines = 4096;

        private Builder(DialectRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** The zone of timestamps without offset. Default: the system zone. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** The year of the first RFC 3164 line of each file, instead of the file's modification time. */
        public Builder year(int year) {
            this.year = YearInference.checkYear(year);
            return this;
        }

        /**
         * Threads that parse and aggregate, 1 to 256 (default 1: everything on the calling thread).
         * 2: one more thread reads and parses while the calling thread aggregates, the fastest on two
         * cores. N &gt; 2: a reader thread and N − 1 parsing threads, for machines with more cores.
         * Events reach the aggregator in batches, so with more than one thread the records of a slow
         * live input (a pipe from {@code tail -f}) come in bursts.
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads [" + threads + "] out of range [1, 256]");
            }
            this.threads = threads;
            return this;
        }

        /** Lines per chunk with more than two threads (default 4096). */
        public Builder chunkLines(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("chunkLines [" + lines + "] must be at least 1");
            }
            this.chunkLines = lines;
            return this;
        }

        /** The pipeline. */
        public TracePipeline build() {
            return new TracePipeline(this);
        }
    }
}
