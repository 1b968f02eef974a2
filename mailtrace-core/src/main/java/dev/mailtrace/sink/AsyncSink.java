package dev.mailtrace.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

import dev.mailtrace.trace.TraceRecord;

/**
 * Runs another sink on a thread of its own, so that writing (JSON encoding, network) overlaps with
 * aggregation. Records are handed over in batches through a bounded queue (back-pressure: a slow
 * sink slows the producer, memory stays bounded).
 *
 * <p>Failures are never swallowed: the first exception of the wrapped sink is rethrown by the next
 * {@link #accept}, {@link #flush} or {@link #close} on the producer's side (records handed over after
 * it are not written). {@link #flush} waits until everything handed over so far went through the
 * wrapped sink's {@code flush}. Like every sink it is fed from one thread.
 */
public final class AsyncSink implements Sink {

    private static final int BATCH = 256;
    private static final Object CLOSE = new Object();

    private final Sink delegate;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private List<TraceRecord> batch = new ArrayList<>(BATCH);
    private volatile RuntimeException failure;
    private boolean closed;

    private AsyncSink(Sink delegate, int capacity, String name) {
        this.delegate = delegate;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::drain, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Wraps {@code delegate}; at most {@code batches} batches of records wait for it.
     *
     * @param name the writer thread's name
     */
    public static AsyncSink wrap(Sink delegate, int batches, String name) {
        Objects.requireNonNull(delegate, "delegate");
        if (batches < 1) {
            throw new IllegalArgumentException("batches [" + batches + "] must be at least 1");
        }
        return new AsyncSink(delegate, batches, Objects.requireNonNull(name, "name"));
    }

    @Override
    public void accept(TraceRecord record) {
        check();
        batch.add(Objects.requireNonNull(record, "record"));
        if (batch.size() == BATCH) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    @Override
    public void flush() {
        check();
        if (!batch.isEmpty()) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
        CountDownLatch done = new CountDownLatch(1);
        hand(done);
        await(done);
        check();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failure == null && !batch.isEmpty()) {
            hand(batch);
        }
        hand(CLOSE);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("async", "interrupted while closing", e);
        }
        check();
    }

    private void check() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void hand(Object item) {
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    check();
                    throw new SinkException("async", "writer thread ended", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("async", "interrupted", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("async", "interrupted", e);
        }
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == CLOSE) {
                    if (failure == null) {
                        delegate.close();
                    }
                    return;
                }
                if (item instanceof CountDownLatch latch) {
                    try {
                        if (failure == null) {
                            delegate.flush();
                        }
                    } finally {
                        latch.countDown();
                    }
                    continue;
                }
                if (failure == null) {
                    for (TraceRecord r : (List<TraceRecord>) item) {
                        delegate.accept(r);
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            // keep draining so that the producer never blocks on a full queue
            drainAfterFailure();
        } catch (InterruptedException e) {
            failure = new SinkException("async", "writer thread interrupted", e);
        } catch (Error e) {
            failure = new SinkException("async", "writer thread failed: " + e, e);
        }
    }

    private void drainAfterFailure() {
        try {
            while (true) {
                Object item = queue.take();
                if (item instanceof CountDownLatch latch) {
                    latch.countDown();
                } else if (item == CLOSE) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
