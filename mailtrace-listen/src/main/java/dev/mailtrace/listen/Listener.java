package dev.mailtrace.listen;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import dev.mailtrace.sink.Sink;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.TraceLimits;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * A live syslog collector: receives messages over UDP, TCP and TLS, appends each to the
 * {@link Spool} before anything else, and turns them into transactions, rejects and message traces
 * with core's parser and aggregator, written to an NDJSON file and any other sinks.
 *
 * <pre>{@code
 * Listener l = Listener.builder(DialectRegistry.load())
 *         .endpoint(Endpoint.parse(Protocol.TCP, "0.0.0.0:5140"))
 *         .allow(Cidr.parse("10.0.0.0/8"))
 *         .out(Path.of("/var/lib/mailtrace/traces.ndjson"))
 *         .spool(Path.of("/var/spool/mailtrace"))
 *         .start();                      // resumes from the spool's checkpoint, then binds
 * l.endpoints();                         // the bound sockets (port 0: the port picked)
 * l.close();                             // stop receiving, drain, checkpoint; open transactions resume next start
 * }</pre>
 *
 * <p>After a crash the next start resumes from the checkpoint (a second old, or ten times the time a checkpoint takes): the aggregator's
 * saved state is restored, the output file is cut back to its checkpointed length and the spool is
 * processed again from there, so the output equals that of an uninterrupted run. Threads: a few event-loop threads for the sockets
 * and one processing thread; {@link #close()} from any thread.
 */
public final class Listener implements Closeable {

    private final Spool spool;
    private final Receivers receivers;
    private final Processor processor;
    private final Thread thread;
    private final ListenMetrics metrics;
    private final List<Endpoint> endpoints;
    private boolean closed;

    private Listener(Spool spool, Receivers receivers, Processor processor, Thread thread, ListenMetrics metrics,
            List<Endpoint> endpoints) {
        this.spool = spool;
        this.receivers = receivers;
        this.processor = processor;
        this.thread = thread;
        this.metrics = metrics;
        this.endpoints = List.copyOf(endpoints);
    }

    /** A builder reading messages with the given dialects. */
    public static Builder builder(DialectRegistry registry) {
        return new Builder(registry);
    }

    /** The sockets listened on, with the ports actually bound. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Counters and gauges. */
    public ListenMetrics metrics() {
        return metrics;
    }

    /** Bytes spooled but not yet processed. */
    public long backlog() {
        return spool.backlog();
    }

    /** Transactions open in the aggregator at the last processing round. */
    public long openTransactions() {
        return processor.openTransactions();
    }

    /** Why processing stopped by itself (the spool could not be read or written), or null while it runs. */
    public Throwable failure() {
        return processor.failure();
    }

    /**
     * Waits until everything received so far is processed and its records reached the sinks (they
     * are flushed at the next checkpoint, within a second), or the timeout passes.
     *
     * @return whether it caught up
     */
    public boolean awaitProcessed(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (spool.backlog() > 0 || !thread.isAlive()) {
            if (!thread.isAlive() || System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Stops: closes the sockets (delivering the connections' last frames), processes what was
     * spooled, flushes the sinks and writes the checkpoint. Open transactions are not emitted: the
     * next start over the same spool resumes them.
     *
     * @throws IOException if processing had failed or the spool cannot be closed
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        receivers.stopReceiving();
        try {
            spool.flush();
            processor.stop();
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while draining the spool", e);
        } finally {
            receivers.close();
            spool.close();
        }
        if (processor.failure() != null) {
            throw new IOException("processing failed: " + processor.failure().getMessage(), processor.failure());
        }
    }

    /** Configures and starts a {@link Listener}. */
    public static final class Builder {
        private final DialectRegistry registry;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final List<Cidr> allow = new ArrayList<>();
        private final Map<String, Supplier<Sink>> sinks = new LinkedHashMap<>();
        private Path out;
        private boolean messages;
        private Path spool;
        private long spoolSize = 1L << 30;
        private long segmentSize = 64L << 20;
        private int maxMessageSize = 64 * 1024;
        private TraceLimits limits = TraceLimits.DEFAULTS;
        private ZoneId zone = ZoneId.systemDefault();
        private Path cert;
        private Path key;
        private Path clientCa;
        private int threads = 2;
        private FsyncPolicy fsync = FsyncPolicy.INTERVAL;

        private Builder(DialectRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** A socket to listen on; at least one. */
        public Builder endpoint(Endpoint e) {
            endpoints.add(Objects.requireNonNull(e, "endpoint"));
            return this;
        }

        /** Accepts senders in this network; without any, every sender is accepted. */
        public Builder allow(Cidr network) {
            allow.add(Objects.requireNonNull(network, "network"));
            return this;
        }

        /** Appends NDJSON records to this file, exactly as {@code mailtrace trace --format json} writes them. */
        public Builder out(Path file) {
            this.out = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Another sink, opened afresh (by the factory) for each run from a checkpoint; it must be idempotent. */
        public Builder sink(String name, Supplier<Sink> factory) {
            sinks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** Also emit end-to-end message traces (transactions and rejects are always emitted). */
        public Builder messages(boolean messages) {
            this.messages = messages;
            return this;
        }

        /** The spool directory (required); created if missing, locked while in use. */
        public Builder spool(Path dir) {
            this.spool = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** When the spool and the checkpoints are forced to the device; default {@link FsyncPolicy#INTERVAL} (see there why). */
        public Builder fsync(FsyncPolicy policy) {
            this.fsync = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Bytes spooled but not processed beyond which TCP reading pauses and UDP drops. Default 1 GiB. */
        public Builder spoolSize(long bytes) {
            if (bytes < 1 << 20) {
                throw new IllegalArgumentException("spool size [" + bytes + "] must be at least 1 MiB");
            }
            this.spoolSize = bytes;
            this.segmentSize = Math.min(64L << 20, Math.max(1 << 20, bytes / 4));
            return this;
        }

        /** Messages longer than this are cut and flagged. Default 64 KiB. */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 64 || bytes > 16 << 20) {
                throw new IllegalArgumentException("max message size [" + bytes + "] must be in [64, 16 MiB]");
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** The aggregator's limits (idle timeout and so on, in event time). */
        public Builder limits(TraceLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The zone of timestamps written without one. Default: the system zone. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Certificate chain and private key (PEM, PKCS#8) for TLS endpoints; with {@code clientCa}, clients must present a certificate it signed. */
        public Builder tls(Path cert, Path key, Path clientCa) {
            this.cert = Objects.requireNonNull(cert, "cert");
            this.key = Objects.requireNonNull(key, "key");
            this.clientCa = clientCa;
            return this;
        }

        /** Event-loop threads for the sockets. Default 2. */
        public Builder receiverThreads(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("receiver threads [" + n + "] must be in [1, 64]");
            }
            this.threads = n;
            return this;
        }

        /**
         * Opens the spool, starts processing (from the checkpoint) and binds the sockets.
         *
         * @throws IllegalArgumentException for a configuration that cannot work (no endpoint, TLS without a certificate)
         * @throws IOException if the spool cannot be opened or a socket cannot be bound
         */
        public Listener start() throws IOException {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("no endpoint to listen on: give at least one UDP, TCP or TLS socket");
            }
            if (spool == null) {
                throw new IllegalArgumentException("no spool directory");
            }
            boolean wantsTls = endpoints.stream().anyMatch(e -> e.protocol() == Protocol.TLS);
            if (wantsTls && cert == null) {
                throw new IllegalArgumentException("a TLS endpoint needs a certificate and a key");
            }
            SslContext tls = wantsTls ? sslContext() : null;
            Checkpoint cp = Checkpoint.read(spool);
            Spool s = Spool.open(spool, segmentSize, spoolSize, maxMessageSize, cp == null ? 0 : cp.processed(), fsync);
            ListenMetrics metrics = new ListenMetrics();
            Processor p = new Processor(s, registry, zone, limits, messages, out, sinks, metrics, maxMessageSize);
            metrics.gauges(s::diskBytes, s::backlog, p::openTransactions, s::forces);
            Thread t = new Thread(p, "mailtrace-process");
            Receivers r = new Receivers(s, metrics, allow, maxMessageSize, tls, threads);
            t.start();
            try {
                List<Endpoint> bound = r.bind(endpoints);
                metrics.udpKernelDrops(bound.stream().filter(e -> e.protocol() == Protocol.UDP).map(e -> e.address().getPort()).toList());
                return new Listener(s, r, p, t, metrics, bound);
            } catch (IOException | RuntimeException e) {
                r.close();
                p.stop();
                try {
                    t.join();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                s.close();
                throw e;
            }
        }

        private SslContext sslContext() throws IOException {
            try {
                SslContextBuilder b = SslContextBuilder.forServer(cert.toFile(), key.toFile());
                if (clientCa != null) {
                    b.trustManager(clientCa.toFile()).clientAuth(ClientAuth.REQUIRE);
                }
                return b.build();
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot use certificate [" + cert + "] and key [" + key + "]"
                        + (clientCa == null ? "" : " with client CA [" + clientCa + "]") + ": " + e.getMessage(), e);
            }
        }
    }
}
