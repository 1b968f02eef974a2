package dev.mailtrace.trace;

/**
 * Receives the records of a {@link TraceAggregator} as they are finished, on the thread that feeds
 * the aggregator. A {@link RuntimeException} thrown here (a failing sink) ends the feeding call.
 */
@FunctionalInterface
public interface TraceListener {
    /** One finished record. */
    void record(TraceRecord record);
}
