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
 * aggregator when it returns. With N threads
 * a reader thread copies lines into chunks (a few thousand lines, cut at file boundaries), N
 * workers parse whole chunks (one {@link LogParser} each) keeping only the events the aggregator
 * reads, and the calling thread takes the chunks back <em>in input order</em> and feeds the
 * aggregator: the aggregator sees the same events in the same order as with one thread, so every
 * result is identical, whatever N. (Sharding the aggregation by (host, queue id) would need the
 * cross-host linking to be merged again; aggregation is cheap next to parsing, so one ordered
 * consumer is both simpler and as fast.) Memory is bounded: at most {@code 4 × N} chunks are in
 * flight.
 *
 * <p><b>Years.</b> A parser on a chunk does not know the year of the lines before it. So the reader
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

    /** The number of parsing threads. */
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
        if (threads == 1) {
            return runHere(in, aggregator);
        }
        return new Run(in, aggregator).run();
    }

    /**
     * One thread: parse a line, then feed its events. The aggregator is called after the parser
     * returns, never from inside a dialect's {@code parse}, so that a failing listener (a sink)
     * ends the run instead of being taken for a failing dialect.
     */
    private ParseStats runHere(LogReader in, TraceAggregator aggregator) throws IOException {
        LogParser parser = parser(true);
        Chunk events = new Chunk(null);
        EventListener collect = (line, event) -> {
            if (TraceAggregator.accepts(event)) {
                events.event(line.host(), line.instant(), line.program(), line.pid(), event);
            }
        };
        while (in.next()) {
            if (in.firstLineOfSource()) {
                parser.startSource(in.sourceName(), in.sourceModified());
            }
            parser.parseLine(in.buffer(), in.start(), in.length(), collect);
            for (int i = 0; i < events.count; i++) {
                aggregator.accept(events.hosts[i], events.times[i], events.programs[i], events.pids[i], events.events[i]);
                events.events[i] = null;
            }
            events.count = 0;
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

    /** Lines copied out of the reader's buffer, and the events parsed from them. */
    private static final class Chunk {
        static final Chunk END = new Chunk(null);

        final String source;
        Instant reference;
        byte[] data = new byte[64 * 1024];
        int size;
        int[] offsets = new int[1024];
        int[] lengths = new int[1024];
        int lines;
        // results
        LogEvent[] events;
        Instant[] times;
        String[] hosts;
        String[] programs;
        long[] pids;
        int count;

        Chunk(String source) {
            this.source = source;
        }

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

    /** One run with worker threads. */
    private final class Run {
        private final LogReader in;
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

        Run(LogReader in, TraceAggregator aggregator) {
            this.in = in;
            this.aggregator = aggregator;
            this.queue = new ArrayBlockingQueue<>(threads * 4);
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "mailtrace-parse-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        ParseStats run() throws IOException {
            Thread reader = new Thread(this::read, "mailtrace-read");
            reader.setDaemon(true);
            reader.start();
            try {
                while (true) {
                    Future<Chunk> f = queue.take();
                    Chunk c;
                    try {
                        c = f.get();
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
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
                    if (c == Chunk.END) {
                        break;
                    }
                    for (int i = 0; i < c.count; i++) {
                        aggregator.accept(c.hosts[i], c.times[i], c.programs[i], c.pids[i], c.events[i]);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while tracing", e);
            } finally {
                stopped = true;
                reader.interrupt();
                pool.shutdownNow();
                try {
                    reader.join(10_000);
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

        /** The reader thread: lines into chunks, chunks to the workers, futures in order into the queue. */
        private void read() {
            SyslogScanner.Builder sb = SyslogScanner.builder().zone(zone);
            if (year > 0) {
                sb.year(year);
            }
            SyslogScanner sampler = sb.build();
            SyslogHeader header = new SyslogHeader();
            Chunk c = null;
            try {
                try {
                    while (!stopped && in.next()) {
                        if (in.firstLineOfSource()) {
                            if (c != null && c.lines > 0) {
                                submit(c);
                            }
                            sampler.startSource(in.sourceModified());
                            c = new Chunk(in.sourceName());
                        } else if (c.lines >= chunkLines) {
                            submit(c);
                            c = new Chunk(c.source);
                        }
                        if (c.reference == null
                                && sampler.scan(in.buffer(), in.start(), in.length(), header) != SyslogFormat.NONE
                                && header.hasTimestamp()) {
                            c.reference = header.instant();
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
            queue.put(pool.submit(() -> parse(c)));
        }

        private Chunk parse(Chunk c) {
            LogParser p = parser.get();
            p.startSource(c.source, c.reference);
            for (int i = 0; i < c.lines; i++) {
                p.parseLine(c.data, c.offsets[i], c.lengths[i], (line, event) -> {
                    if (TraceAggregator.accepts(event)) {
                        c.event(line.host(), line.instant(), line.program(), line.pid(), event);
                    }
                });
            }
            c.data = null; // the bytes are no longer needed while the chunk waits for its turn
            return c;
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
            if (year < 1 || year > 9999) {
                throw new IllegalArgumentException("year [" + year + "] out of range [1, 9999]");
            }
            this.year = year;
            return this;
        }

        /** Parsing threads, 1 to 256 (default 1: everything on the calling thread). */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads [" + threads + "] out of range [1, 256]");
            }
            this.threads = threads;
            return this;
        }

        /** Lines per chunk with several threads (default 4096). */
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
