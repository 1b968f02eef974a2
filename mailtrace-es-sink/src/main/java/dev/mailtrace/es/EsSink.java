package dev.mailtrace.es;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import dev.mailtrace.sink.Sink;
import dev.mailtrace.sink.SinkException;
import dev.mailtrace.trace.Hop;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TraceRecord;
import dev.mailtrace.trace.Transaction;

/**
 * Writes records into Elasticsearch with the client's {@link BulkIngester}: requests are sent when
 * {@linkplain Builder#bulkActions they hold enough operations}, {@linkplain Builder#bulkBytes bytes}
 * or {@linkplain Builder#flushInterval time has passed}, with at most
 * {@linkplain Builder#concurrentRequests N in flight} ({@link #accept} blocks beyond that: backpressure).
 *
 * <p><b>Idempotent.</b> Every record has a stable id ({@link #documentId}): a transaction's is its
 * host, queue id and start; re-running over the same logs rewrites the same documents, and a
 * transaction seen again with more attempts (deferred today, delivered tomorrow) is updated in place
 * (an upsert of the whole document).
 *
 * <p><b>Nothing is lost silently.</b> Requests that fail with 429, 5xx or a connection error, and
 * operations that fail alone with 429 or 5xx, are retried with exponential backoff and full jitter
 * (up to {@linkplain Builder#maxRetries max retries}); any other failure, and a retriable one that
 * exhausts its retries, is appended to the {@linkplain Builder#deadLetter dead-letter file} as one
 * JSON line with the status, the reason and the document. {@link #stats()} counts indexed, retried
 * and failed operations; {@link #close()} logs them. A caller that can replay what it sent (mailtrace
 * listen, from its spool) asks the sink to {@linkplain Builder#failWhenUnavailable fail} instead when
 * a retriable failure exhausts its retries, so that nothing goes to the dead-letter file only because
 * the cluster was away for a while.
 *
 * <p>Fed from one thread, as every {@link Sink}; the retries run on a thread of their own.
 */
public final class EsSink implements Sink {

    /** {@code elasticsearch}. */
    public static final String NAME = "elasticsearch";
    /**
     * Operations per bulk request unless {@linkplain Builder#bulkActions configured}. With
     * {@link #DEFAULT_CONCURRENT_REQUESTS} the best of 500-5,000 × 1-3 measured on a single node
     * (README: Elasticsearch, throughput).
     */
    public static final int DEFAULT_BULK_ACTIONS = 1000;
    /** Bytes per bulk request unless {@linkplain Builder#bulkBytes configured}: 5 MiB. */
    public static final int DEFAULT_BULK_BYTES = 5 << 20;
    /** Bulk requests in flight unless {@linkplain Builder#concurrentRequests configured}; one leaves the node idle between requests. */
    public static final int DEFAULT_CONCURRENT_REQUESTS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(EsSink.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** An update with the whole document that creates it when missing: the documents of daily indices. */
    private static final byte[] UPSERT_HEAD = "{\"doc\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPSERT_TAIL = ",\"doc_as_upsert\":true}".getBytes(StandardCharsets.UTF_8);

    private final ElasticsearchClient client;
    private final IndexLayout layout;
    /** Daily indices take upserts; a data stream only creates (a document seen again is a 409, a duplicate). */
    private final boolean upsert;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Path deadLetter;
    private final boolean closeClient;
    private final boolean failWhenUnavailable;
    /** Why the cluster is taken to be unavailable (with {@link Builder#failWhenUnavailable}), or null. */
    private volatile String unavailable;
    private final BulkIngester<Operation> ingester;
    private final ScheduledExecutorService retryScheduler;
    private final ExecutorService requests;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Object pendingLock = new Object();
    private long pending;
    private OutputStream deadLetterOut;
    private boolean closed;

    /**
     * One operation and how often it was tried. Its body is the document, wrapped in
     * {@link #UPSERT_HEAD}/{@link #UPSERT_TAIL} (encoded around it, not copied) for daily indices.
     */
    private record Operation(String index, String id, byte[] body, int attempt) {
    }

    private EsSink(Builder b) {
        this.client = b.client;
        this.layout = b.layout;
        this.upsert = b.layout.mode() != IndexLayout.Mode.DATA_STREAM;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.deadLetter = b.deadLetter;
        this.closeClient = b.closeClient;
        this.failWhenUnavailable = b.failWhenUnavailable;
        this.retryScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailtrace-es-retry");
            t.setDaemon(true);
            return t;
        });
        this.requests = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mailtrace-es-bulk");
            t.setDaemon(true);
            return t;
        });
        ElasticsearchAsyncClient async = new ElasticsearchAsyncClient(new DecoupledTransport(client._transport(), requests));
        this.ingester = BulkIngester.of(ib -> ib.client(async)
                .maxOperations(b.bulkActions)
                .maxSize(b.bulkBytes)
                .maxConcurrentRequests(b.concurrentRequests)
                .flushInterval(b.flushInterval.toMillis(), TimeUnit.MILLISECONDS)
                .listener(new Listener()));
    }

    /**
     * A sink into the cluster of {@code client}, records laid out by {@code layout}. Call
     * {@link IndexLayout#install} first (the {@code elasticsearch} sink provider does).
     */
    public static Builder builder(ElasticsearchClient client, IndexLayout layout) {
        return new Builder(client, layout);
    }

    /** The stable document id of a record: re-indexing the same record overwrites its document. */
    public static String documentId(TraceRecord r) {
        if (r instanceof Transaction t) {
            return t.host() + ":" + t.queueId() + ":" + t.start();
        }
        if (r instanceof MessageTrace m) {
            Hop h = m.hops().get(0);
            return "message:" + h.host() + ":" + h.queueId() + ":" + h.start();
        }
        Reject j = (Reject) r;
        // rejects have no queue id mostly: a digest of what identifies the refusal (identical refusals
        // within the same instant are one document)
        String key = j.host() + '\n' + j.time() + '\n' + j.stage() + '\n' + (j.client() == null ? "" : j.client().ip())
                + '\n' + j.from() + '\n' + j.to() + '\n' + j.reasonText();
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "reject:" + HexFormat.of().formatHex(sha, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public void accept(TraceRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed) {
            throw new SinkException(NAME, "closed", null);
        }
        if (unavailable != null) {
            throw new SinkException(NAME, unavailable, null);
        }
        buffer.reset();
        try {
            if (upsert) {
                buffer.write(UPSERT_HEAD);
            }
            try (JsonGenerator g = JSON.createGenerator(buffer)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                TraceDocuments.write(record, g);
            }
            if (upsert) {
                buffer.write(UPSERT_TAIL);
            }
        } catch (IOException e) {
            throw new SinkException(NAME, "cannot encode " + record.type() + ": " + e.getMessage(), e);
        }
        synchronized (pendingLock) {
            pending++;
        }
        submit(new Operation(layout.indexFor(record.time()), documentId(record), buffer.toByteArray(), 0));
    }

    /** The document of {@code op} alone, without the upsert around it. */
    private String document(Operation op) {
        int from = upsert ? UPSERT_HEAD.length : 0;
        int to = op.body().length - (upsert ? UPSERT_TAIL.length : 0);
        return new String(op.body(), from, to - from, StandardCharsets.UTF_8);
    }

    private void submit(Operation op) {
        BinaryData body = BinaryData.of(op.body(), ContentType.APPLICATION_JSON);
        BulkOperation bulk = upsert
                ? BulkOperation.of(b -> b.update(u -> u.index(op.index()).id(op.id()).retryOnConflict(3).binaryAction(body)))
                : BulkOperation.of(b -> b.create(c -> c.index(op.index()).id(op.id()).document(body)));
        ingester.add(bulk, op);
    }

    /**
     * Sends what is buffered and waits until every record accepted so far is indexed or dead-lettered.
     *
     * @throws SinkException with {@link Builder#failWhenUnavailable}, when records could not be indexed for a retriable failure
     */
    @Override
    public void flush() {
        ingester.flush();
        synchronized (pendingLock) {
            while (pending > 0) {
                try {
                    pendingLock.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SinkException(NAME, "interrupted while " + pending + " operations were pending", e);
                }
                if (pending > 0) {
                    ingester.flush();
                }
            }
        }
        synchronized (this) {
            if (deadLetterOut != null) {
                try {
                    deadLetterOut.flush();
                } catch (IOException e) {
                    throw new SinkException(NAME, "cannot write the dead-letter file [" + deadLetter + "]: " + e.getMessage(), e);
                }
            }
        }
        if (unavailable != null) {
            throw new SinkException(NAME, unavailable, null);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            ingester.close();
            retryScheduler.shutdownNow();
            requests.shutdown();
            synchronized (this) {
                if (deadLetterOut != null) {
                    try {
                        deadLetterOut.close();
                    } catch (IOException e) {
                        LOG.warn("cannot close the dead-letter file [{}]: {}", deadLetter, e.getMessage());
                    }
                }
            }
            if (closeClient) {
                try {
                    client._transport().close();
                } catch (IOException e) {
                    LOG.debug("closing the client", e);
                }
            }
            EsSinkStats s = stats();
            LOG.info("elasticsearch: {} indexed, {} retried, {} failed{}, {} duplicates", s.indexed(), s.retried(), s.failed(),
                    s.failed() > 0 ? " (in " + deadLetter + ")" : "", s.duplicates());
        }
    }

    /** What happened so far. */
    public EsSinkStats stats() {
        return new EsSinkStats(indexed.get(), retried.get(), failed.get(), duplicates.get());
    }

    private void done() {
        synchronized (pendingLock) {
            pending--;
            pendingLock.notifyAll();
        }
    }

    private void retryOrFail(Operation op, int status, String reason) {
        if (op.attempt() >= maxRetries) {
            if (failWhenUnavailable) {
                unavailable = "Elasticsearch unavailable: [" + op.id() + "] not indexed after " + (op.attempt() + 1) + " attempts: "
                        + (status > 0 ? status + " " : "") + reason;
                done();
            } else {
                deadLetter(op, status, reason + " (gave up after " + (op.attempt() + 1) + " attempts)");
            }
            return;
        }
        retried.incrementAndGet();
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(op.attempt(), 20));
        long delay = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1); // "equal jitter": never retries at once
        LOG.debug("retrying {} in {} ms after {}: {}", op.id(), delay, status, reason);
        retryScheduler.schedule(() -> submit(new Operation(op.index(), op.id(), op.body(), op.attempt() + 1)),
                delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void deadLetter(Operation op, int status, String reason) {
        failed.incrementAndGet();
        try {
            if (deadLetterOut == null) {
                deadLetterOut = Files.newOutputStream(deadLetter, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                LOG.warn("elasticsearch refused documents; they are kept in [{}]", deadLetter);
            }
            try (JsonGenerator g = JSON.createGenerator(deadLetterOut)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                g.writeStringField("time", Instant.now().toString());
                g.writeStringField("index", op.index());
                g.writeStringField("id", op.id());
                g.writeNumberField("status", status);
                g.writeStringField("reason", reason);
                g.writeNumberField("attempts", op.attempt() + 1);
                g.writeFieldName("document");
                g.writeRawValue(document(op));
                g.writeEndObject();
            }
            deadLetterOut.write('\n');
        } catch (IOException e) {
            LOG.error("cannot write the dead-letter file [{}]: {}; lost: {} {}", deadLetter, e.getMessage(), op.id(), reason);
        } finally {
            done();
        }
    }

    static boolean retriable(int status) {
        return status == 429 || status >= 500;
    }

    /** Sorts each answered operation into indexed, retried or dead-lettered. */
    private final class Listener implements BulkListener<Operation> {
        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Operation> contexts) {
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Operation> contexts, BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                Operation op = contexts.get(i);
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    indexed.incrementAndGet();
                    done();
                } else if (item.status() == 409 && !upsert) {
                    duplicates.incrementAndGet();
                    done();
                } else if (retriable(item.status())) {
                    retryOrFail(op, item.status(), item.error().type() + ": " + item.error().reason());
                } else {
                    deadLetter(op, item.status(), item.error().type() + ": " + item.error().reason());
                }
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Operation> contexts, Throwable failure) {
            int status = statusOf(failure);
            String reason = String.valueOf(failure.getMessage());
            for (Operation op : contexts) {
                if (status == 0 || retriable(status)) {
                    retryOrFail(op, status, reason);
                } else {
                    deadLetter(op, status, reason);
                }
            }
        }
    }

    /** The HTTP status of a failed request, or 0 for a connection failure. */
    static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return e.status();
            }
            if (t instanceof TransportException e && e.statusCode() > 0) {
                return e.statusCode();
            }
            if (t instanceof org.elasticsearch.client.ResponseException e) {
                return e.getResponse().getStatusLine().getStatusCode();
            }
        }
        return 0;
    }

    /** Configures an {@link EsSink}. */
    public static final class Builder {
        private final ElasticsearchClient client;
        private final IndexLayout layout;
        private int bulkActions = DEFAULT_BULK_ACTIONS;
        private long bulkBytes = DEFAULT_BULK_BYTES;
        private Duration flushInterval = Duration.ofSeconds(5);
        private int concurrentRequests = DEFAULT_CONCURRENT_REQUESTS;
        private int maxRetries = 8;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Path deadLetter = Path.of("mailtrace-es-dead-letter.ndjson");
        private boolean closeClient;
        private boolean failWhenUnavailable;

        private Builder(ElasticsearchClient client, IndexLayout layout) {
            this.client = Objects.requireNonNull(client, "client");
            this.layout = Objects.requireNonNull(layout, "layout");
        }

        /** Operations per bulk request. Default {@value EsSink#DEFAULT_BULK_ACTIONS}. */
        public Builder bulkActions(int n) {
            this.bulkActions = positive("bulk actions", n);
            return this;
        }

        /** Bytes per bulk request. Default {@value EsSink#DEFAULT_BULK_BYTES} (5 MiB). */
        public Builder bulkBytes(long n) {
            if (n < 1024) {
                throw new IllegalArgumentException("bulk bytes must be at least 1024, got " + n);
            }
            this.bulkBytes = n;
            return this;
        }

        /** A request is sent at the latest this long after its first operation. Default 5 s. */
        public Builder flushInterval(Duration d) {
            this.flushInterval = Objects.requireNonNull(d, "d");
            return this;
        }

        /** Bulk requests in flight at most; beyond it {@link EsSink#accept} waits. Default {@value EsSink#DEFAULT_CONCURRENT_REQUESTS}. */
        public Builder concurrentRequests(int n) {
            this.concurrentRequests = positive("concurrent requests", n);
            return this;
        }

        /** Retries of a retriable failure before the operation is dead-lettered. Default 8 (about 2 minutes in all). */
        public Builder maxRetries(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("max retries must be >= 0, got " + n);
            }
            this.maxRetries = n;
            return this;
        }

        /** The first retry waits about this long, each next one twice as long, up to {@code max}. Default 200 ms, 30 s. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff must be 1 ms <= initial <= max, got " + initial + ", " + max);
            }
            return this;
        }

        /** Where operations that fail for good are appended. Default {@code mailtrace-es-dead-letter.ndjson}. */
        public Builder deadLetter(Path file) {
            this.deadLetter = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * When a 429, 5xx or connection failure outlasts the retries, fail ({@link SinkException} from
         * the next {@link EsSink#accept} or {@link EsSink#flush}) instead of dead-lettering the
         * documents: for callers that replay what was not flushed. Default false.
         */
        public Builder failWhenUnavailable(boolean fail) {
            this.failWhenUnavailable = fail;
            return this;
        }

        /** Close the client's transport when the sink is closed. Default false. */
        public Builder closeClient(boolean close) {
            this.closeClient = close;
            return this;
        }

        private static int positive(String what, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + n);
            }
            return n;
        }

        /** The sink. */
        public EsSink build() {
            return new EsSink(this);
        }
    }
}
