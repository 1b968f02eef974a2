package dev.mailtrace.listen;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailtrace.io.Utf8;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.sink.NdjsonSink;
import dev.mailtrace.sink.Sink;
import dev.mailtrace.sink.SinkException;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TraceLimits;
import dev.mailtrace.trace.TraceRecord;

/**
 * The processing thread: reads the spool from the checkpoint, parses each message with core's
 * {@link LogParser} (the year of RFC 3164 stamps inferred from the receive time) into one
 * {@link TraceAggregator}, and hands finished records to the sinks. Every second (and when
 * stopping; less often when that takes more than a tenth of the time) it flushes the sinks, saves the aggregator's open state
 * ({@link TraceAggregator#writeState}) and writes a checkpoint; the spool before it is deleted. Unless
 * the {@link FsyncPolicy} is {@link FsyncPolicy#NEVER}, the output, the state and the checkpoint are
 * forced to the device before the checkpoint counts, so a power cut cannot leave a checkpoint that
 * names output the device never got.
 *
 * <p>A run starts from the last checkpoint: the aggregator's state is restored and the output file is
 * cut back to its checkpointed length, so the records written after the checkpoint by a process that
 * was killed are written again exactly once, and transactions open at a stop continue in one record.
 * When a sink fails, the run starts over from the checkpoint after a backoff (idempotent sinks make
 * the repetition harmless), while the spool keeps absorbing what arrives. A stop ends the backoff
 * with one last run; if the sink fails in that too, processing ends and what it did not take stays in
 * the spool, so that a sink that never comes back (a wrong password) cannot keep the process alive.
 */
final class Processor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Processor.class);
    static final long CHECKPOINT_MILLIS = 1000;
    /** Checkpoints are at least this many times their own duration apart (profiled: writing the open state every second took 23% of processing under load). */
    static final long CHECKPOINT_COST_RATIO = 10;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final Spool spool;
    private final DialectRegistry registry;
    private final ZoneId zone;
    private final TraceLimits limits;
    private final boolean messages;
    private final Path out;
    private final Map<String, Supplier<Sink>> sinkFactories;
    private final ListenMetrics metrics;
    private final int maxMessage;
    /** Whether checkpoints (output, state, checkpoint file) are forced to the device: unless the policy is {@link FsyncPolicy#NEVER}. */
    private final boolean forced;
    private volatile boolean stopping;
    private volatile long openTransactions;
    private volatile Throwable failure;

    Processor(Spool spool, DialectRegistry registry, ZoneId zone, TraceLimits limits, boolean messages, Path out,
            Map<String, Supplier<Sink>> sinkFactories, ListenMetrics metrics, int maxMessage) {
        this.spool = spool;
        this.registry = registry;
        this.zone = zone;
        this.limits = limits;
        this.messages = messages;
        this.out = out;
        this.sinkFactories = new LinkedHashMap<>(sinkFactories);
        this.metrics = metrics;
        this.maxMessage = maxMessage;
        this.forced = spool.fsync() != FsyncPolicy.NEVER;
    }

    /** Asks the thread to finish what was spooled, checkpoint and end. */
    void stop() {
        stopping = true;
    }

    /** Why the thread ended abnormally, or null. */
    Throwable failure() {
        return failure;
    }

    long openTransactions() {
        return openTransactions;
    }

    @Override
    public void run() {
        long backoff = 500;
        try {
            while (true) {
                try {
                    runFromCheckpoint();
                    return;
                } catch (SinkException e) {
                    metrics.sinkRetry(e.sink());
                    if (stopping) {
                        // the messages stay in the spool: the next start replays them from the checkpoint
                        LOG.warn("sink [{}] failed ({}) while stopping; what it did not take stays in the spool for the next start",
                                e.sink(), e.getMessage());
                        return;
                    }
                    LOG.warn("sink [{}] failed ({}); starting over from the checkpoint in {} ms", e.sink(), e.getMessage(),
                            backoff);
                    sleepUnlessStopping(backoff); // a stop meanwhile gets one more try, to drain if the sink is back
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
        } catch (Throwable t) {
            failure = t;
            LOG.error("processing stopped", t);
        }
    }

    private void sleepUnlessStopping(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis; left > 0 && !stopping; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
            Thread.sleep(Math.min(left, 50));
        }
    }

    /** One run: recovers the state at the checkpoint, then processes until stopped. */
    private void runFromCheckpoint() throws IOException, InterruptedException {
        Checkpoint cp = Checkpoint.read(spool.directory());
        long from = cp == null ? spool.firstPosition() : cp.processed();
        if (from < spool.firstPosition() || from > spool.committed()) {
            throw new IOException("checkpoint position " + from + " lies outside the spool [" + spool.firstPosition() + ", "
                    + spool.committed() + "] in [" + spool.directory() + "]");
        }
        Run run = new Run();
        if (cp != null && cp.state() != null) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(spool.directory().resolve(cp.state())))) {
                run.aggregator.readState(in);
            }
        }
        List<Sink> opened = new ArrayList<>();
        FileChannel outChannel = null;
        try {
            if (out != null) {
                outChannel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                if (cp != null && cp.output() >= 0 && outChannel.size() > cp.output()) {
                    outChannel.truncate(cp.output()); // written after the checkpoint: this run writes it again
                }
                outChannel.position(outChannel.size());
                if (cp == null) {
                    // a new spool: what the file holds now is not ours to cut back after a crash
                    new Checkpoint(from, outChannel.size(), null).write(spool.directory(), forced);
                }
                opened.add(NdjsonSink.builder(new BufferedOutputStream(Channels.newOutputStream(outChannel), 64 * 1024))
                        .zone(zone).build());
            }
            for (Supplier<Sink> f : sinkFactories.values()) {
                opened.add(f.get());
            }
            run.sinks = opened.toArray(new Sink[0]);
            run.process(from, outChannel, cp == null ? null : cp.state());
        } finally {
            for (Sink s : opened) {
                try {
                    s.close();
                } catch (SinkException e) {
                    LOG.debug("closing sink [{}] after a failure", e.sink(), e);
                }
            }
            if (outChannel != null) {
                outChannel.close();
            }
        }
    }

    /** The state of one run from a checkpoint. */
    private final class Run {
        final LogParser parser = LogParser.builder(registry).zone(zone).build();
        final TraceAggregator aggregator;
        Sink[] sinks;
        long position;
        String state;
        final byte[] lastAddress = new byte[16];
        int lastAddressLength = -1;
        Protocol lastProtocol;
        String source;

        Run() {
            this.aggregator = TraceAggregator.builder().limits(limits).messages(messages).listener(this::record).build();
        }

        private void record(TraceRecord r) {
            if (r instanceof MessageTrace && !messages) {
                return;
            }
            for (Sink s : sinks) {
                s.accept(r);
            }
            metrics.emitted(r);
        }

        void process(long from, FileChannel outChannel, String restoredState) throws IOException, InterruptedException {
            state = restoredState;
            long lastCheckpoint = System.currentTimeMillis();
            long checkpointed = -1;
            long checkpointEvery = CHECKPOINT_MILLIS;
            try (SpoolReader reader = new SpoolReader(spool, from, maxMessage + 64)) {
                while (true) {
                    boolean stopRequested = stopping;
                    long committed = spool.awaitData(reader.position(), 50);
                    reader.limit(committed);
                    SpoolRecord r;
                    int n = 0;
                    while ((r = reader.next()) != null) {
                        position = r.position();
                        parse(r);
                        position = r.nextPosition();
                        if (++n % 1024 == 0) {
                            spool.processed(position); // frees room for paused receivers during long catch-ups
                        }
                    }
                    position = reader.position();
                    spool.processed(position);
                    metrics.processed(n);
                    openTransactions = aggregator.openTransactions();
                    long now = System.currentTimeMillis();
                    boolean done = stopRequested && position >= spool.committed();
                    if (done || now - lastCheckpoint >= checkpointEvery && position != checkpointed) {
                        checkpoint(outChannel);
                        checkpointed = position;
                        lastCheckpoint = now;
                        // A large open state takes a while to write: checkpoints get rarer, never more than 1/10 of the time.
                        checkpointEvery = Math.max(CHECKPOINT_MILLIS, CHECKPOINT_COST_RATIO * (System.currentTimeMillis() - now));
                    }
                    if (done) {
                        return;
                    }
                }
            }
        }

        private void parse(SpoolRecord r) {
            byte[] b = r.buffer();
            int off = r.messageStart();
            int len = r.messageLength();
            if (r.protocol() != lastProtocol || !r.sameAddress(lastAddress, lastAddressLength)) {
                lastProtocol = r.protocol();
                lastAddressLength = r.addressLength;
                System.arraycopy(r.address, 0, lastAddress, 0, r.addressLength);
                source = r.protocol().label() + ":" + r.address().getHostAddress();
            }
            boolean invalid = !Utf8.isValid(b, off, off + len);
            if (invalid) {
                metrics.invalidUtf8();
            }
            // RFC 3164 stamps take their year from the receive time, message by message
            parser.startSource(source, Instant.ofEpochMilli(r.receiveMillis()));
            parser.parseLine(b, off, len, invalid, (r.flags() & (Framer.OVERSIZE | Framer.INCOMPLETE)) != 0, aggregator);
        }

        /** Flushes every sink, then records that everything before {@link #position} reached them. */
        private void checkpoint(FileChannel outChannel) throws IOException {
            for (Sink s : sinks) {
                s.flush();
            }
            if (forced && outChannel != null && Files.isRegularFile(out)) { // not /dev/null or a pipe: they cannot be forced
                outChannel.force(false);
            }
            long outLength = outChannel == null ? -1 : outChannel.size();
            Path dir = spool.directory();
            String name = Checkpoint.stateFile(position);
            Path tmp = dir.resolve(name + ".tmp");
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                aggregator.writeState(o);
            }
            if (forced) {
                Checkpoint.force(tmp);
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            new Checkpoint(position, outLength, name).write(dir, forced);
            if (state != null && !state.equals(name)) {
                Files.deleteIfExists(dir.resolve(state));
            }
            state = name;
            spool.retainFrom(position);
            metrics.parseResults(parser.stats().eventsByType(), parser.stats().unknownByProgram());
        }
    }
}
