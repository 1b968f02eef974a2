package dev.mailtrace.listen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The processing thread: reads the spool from the checkpoint's replay position, parses each message
 * with core's {@link LogParser} (the year of RFC 3164 stamps inferred from the receive time) into
 * one {@link TraceAggregator}, and hands finished records to the sinks — except those of messages
 * before the checkpoint, which reached the sinks before. Every second (and when stopping) it flushes
 * the sinks and writes a checkpoint.
 *
 * <p>The output file is cut back to its checkpointed length before a run, so the records written
 * after the last checkpoint by a process that was killed are written again exactly once. When a sink
 * fails, the run starts over from the checkpoint after a backoff (idempotent sinks make the
 * repetition harmless), while the spool keeps absorbing what arrives.
 */
final class Processor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Processor.class);
    static final long CHECKPOINT_MILLIS = 1000;
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
                    LOG.warn("sink [{}] failed ({}); starting over from the checkpoint in {} ms", e.sink(), e.getMessage(),
                            backoff);
                    Thread.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
        } catch (Throwable t) {
            failure = t;
            LOG.error("processing stopped", t);
        }
    }

    /** One run: recovers the state at the checkpoint, then processes until stopped. */
    private void runFromCheckpoint() throws IOException, InterruptedException {
        Checkpoint cp = Checkpoint.read(spool.directory());
        long replay = cp == null ? spool.firstPosition() : Math.max(cp.replay(), spool.firstPosition());
        long emitFrom = cp == null ? replay : cp.processed();
        Run run = new Run(emitFrom);
        List<Sink> opened = new ArrayList<>();
        FileChannel outChannel = null;
        try {
            if (out != null) {
                outChannel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                if (cp != null && cp.output() >= 0 && outChannel.size() > cp.output()) {
                    outChannel.truncate(cp.output()); // written after the checkpoint: the replay writes it again
                }
                outChannel.position(outChannel.size());
                if (cp == null) {
                    // a new spool: what the file holds now is not ours to cut back after a crash
                    new Checkpoint(replay, replay, outChannel.size()).write(spool.directory());
                }
                opened.add(NdjsonSink.builder(new BufferedOutputStream(Channels.newOutputStream(outChannel), 64 * 1024))
                        .zone(zone).build());
            }
            for (Supplier<Sink> f : sinkFactories.values()) {
                opened.add(f.get());
            }
            run.sinks = opened.toArray(new Sink[0]);
            run.process(replay, outChannel);
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
        final long emitFrom;
        final LogParser parser = LogParser.builder(registry).zone(zone).build();
        final TraceAggregator aggregator;
        Sink[] sinks;
        long position;
        long replay;
        boolean historyWarned;
        final byte[] lastAddress = new byte[16];
        int lastAddressLength = -1;
        Protocol lastProtocol;
        String source;

        Run(long emitFrom) {
            this.emitFrom = emitFrom;
            this.aggregator = TraceAggregator.builder().limits(limits).messages(messages).listener(this::record).build();
        }

        private void record(TraceRecord r) {
            if (position < emitFrom || r instanceof MessageTrace && !messages) {
                return;
            }
            for (Sink s : sinks) {
                s.accept(r);
            }
            metrics.emitted(r);
        }

        void process(long from, FileChannel outChannel) throws IOException, InterruptedException {
            replay = from;
            long lastCheckpoint = System.currentTimeMillis();
            long checkpointed = -1;
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
                    openTransactions = aggregator.openTransactions();
                    long now = System.currentTimeMillis();
                    boolean done = stopRequested && position >= spool.committed();
                    if (done || now - lastCheckpoint >= CHECKPOINT_MILLIS && position != checkpointed) {
                        checkpoint(outChannel);
                        checkpointed = position;
                        lastCheckpoint = now;
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
            if (invalid && position >= emitFrom) {
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
            long outLength = outChannel == null ? -1 : outChannel.size();
            if (aggregator.openTransactions() == 0) {
                replay = position; // nothing open: no need to replay what came before
            } else if (position - replay > spool.maxHistory()) {
                if (!historyWarned) {
                    LOG.warn("spool history beyond {} bytes: transactions open now will not resume after a restart",
                            spool.maxHistory());
                    historyWarned = true;
                }
                replay = position;
            }
            new Checkpoint(replay, position, outLength).write(spool.directory());
            spool.retainFrom(replay);
            metrics.parseResults(parser.stats().eventsByType(), parser.stats().unknownByProgram());
        }
    }
}
