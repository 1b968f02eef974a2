package dev.mailtrace.trace;

import java.util.Locale;

/** Why a transaction record was emitted: it ended ({@link #REMOVED}, {@link #REJECTED}), or it was flushed unfinished. */
public enum ClosedBy {
    /** The message left the queue ({@link dev.mailtrace.event.MessageRemoved}): complete. */
    REMOVED(true),
    /**
     * Every recipient reached a final status, for an MTA that logs no removal (sendmail; see
     * {@link dev.mailtrace.event.ImplicitCompletion}): complete.
     */
    COMPLETED(true),
    /** The message was refused after it had a queue id (at DATA or end of message: header checks, milters): complete. */
    REJECTED(true),
    /** No line for the transaction within the idle timeout ({@link TraceLimits#idleTimeout()}, in event time): incomplete. */
    TIMEOUT(false),
    /** Flushed early because {@link TraceLimits#maxOpenTransactions()} was reached: incomplete. */
    EVICTED(false),
    /** The queue id started a new message before this one was seen to end (lost lines): incomplete. */
    REUSED(false),
    /** The input ended while the transaction was open: incomplete. */
    END_OF_INPUT(false);

    private final boolean complete;
    private final String label;

    ClosedBy(boolean complete) {
        this.complete = complete;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** Whether a transaction closed this way is complete. */
    public boolean complete() {
        return complete;
    }

    /** The name as written in output: {@code removed}, {@code end_of_input}, ... */
    public String label() {
        return label;
    }
}
