package dev.mailtrace.event;

/**
 * An event about one queued message on one host: the transaction key is (host, queue id). Queue
 * ids are only unique per host and are reused over time; see the aggregator.
 */
public interface QueueEvent extends LogEvent {
    /** The MTA's queue id ({@code 4F9D195432C}, {@code pBFERI8l019936}). */
    String queueId();
}
