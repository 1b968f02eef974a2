package dev.mailtrace.sink;

import dev.mailtrace.trace.TraceRecord;

/**
 * Where trace records go: a file of NDJSON, a search engine, a database. Obtained from a
 * {@link SinkProvider} (found with {@link java.util.ServiceLoader}, see {@link SinkRegistry}) or
 * constructed directly ({@link NdjsonSink#builder}).
 *
 * <p><b>Lifecycle:</b> opened once per run, fed from one thread (the thread that runs the
 * {@link dev.mailtrace.trace.TraceAggregator}), {@linkplain #flush() flushed} whenever the caller
 * wants the records so far to be durable, and {@linkplain #close() closed} once, which flushes.
 * Implementations need not be thread-safe.
 *
 * <p><b>Failures</b> are reported, never swallowed: every method throws {@link SinkException}
 * (with the sink's name and the cause) when the records cannot be written; a record that was
 * accepted without exception may still be buffered until {@link #flush()} succeeds.
 */
public interface Sink extends AutoCloseable {

    /** Takes one record (a transaction, a reject or a message trace). */
    void accept(TraceRecord record);

    /** Makes every record accepted so far durable (written out, acknowledged). */
    void flush();

    /** Flushes and releases the sink. Closing twice does nothing. */
    @Override
    void close();
}
