package dev.mailtrace.trace;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of a {@link TraceAggregator}: how much it keeps and for how long, all times in
 * <b>event time</b> (log timestamps, never the wall clock), so that replaying a year of logs
 * behaves exactly like tailing them live. Immutable; {@link #DEFAULTS} or {@link #builder()}.
 *
 * <p>Memory is bounded by the number of open transactions (and, with message traces, the messages
 * waiting for their last hop), never by the length of the input: a 10 GB log needs no more heap
 * than a 10 MB one with the same concurrency. When a limit is reached records are flushed early
 * and marked incomplete, never dropped silently: every breach is counted in {@link TraceStats}
 * and the first one is logged with the limit's name and value.
 *
 * <table>
 * <caption>Limits</caption>
 * <tr><th>limit</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code max_open_transactions}</td><td>200,000</td><td>open transactions kept; beyond, the least
 *     recently active is flushed ({@link ClosedBy#EVICTED}). ~1-2 KB each.</td></tr>
 * <tr><td>{@code idle_timeout}</td><td>1 h</td><td>a transaction with no line for this long (on its host's
 *     clock) is flushed ({@link ClosedBy#TIMEOUT}): messages whose session was aborted are never removed
 *     from the queue in the logs.</td></tr>
 * <tr><td>{@code deferred_idle_timeout}</td><td>5 d</td><td>the same for a transaction with a deferred or held
 *     recipient; longer than any retry interval (postfix retries at least every {@code maximal_backoff_time},
 *     4000 s, and gives up after {@code maximal_queue_lifetime}, 5 d), so deferred-then-sent stays one
 *     transaction.</td></tr>
 * <tr><td>{@code reorder_window}</td><td>10 s</td><td>how long a finished transaction waits for late lines
 *     (logs merged from several hosts or processes are slightly out of order), and a message trace for
 *     late hops, before they are emitted. 0 emits at once.</td></tr>
 * <tr><td>{@code link_window}</td><td>10 min</td><td>how far apart in time a hand-off and the next hop's
 *     start (or two transactions with the same Message-ID) may be to be linked.</td></tr>
 * <tr><td>{@code max_pending_messages}</td><td>100,000</td><td>finished message traces waiting for their
 *     reorder window; beyond, the oldest is emitted early.</td></tr>
 * <tr><td>{@code max_recipients}</td><td>10,000</td><td>recipients kept per transaction; more are counted
 *     and dropped.</td></tr>
 * <tr><td>{@code max_attempts}</td><td>1,000</td><td>attempts kept per recipient; beyond, the oldest but
 *     the first are dropped and counted.</td></tr>
 * <tr><td>{@code max_actions}</td><td>100</td><td>rejects and actions kept per transaction each.</td></tr>
 * </table>
 */
public final class TraceLimits {

    /** The defaults of the table above. */
    public static final TraceLimits DEFAULTS = builder().build();

    private final int maxOpenTransactions;
    private final Duration idleTimeout;
    private final Duration deferredIdleTimeout;
    private final Duration reorderWindow;
    private final Duration linkWindow;
    private final int maxPendingMessages;
    private final int maxRecipients;
    private final int maxAttempts;
    private final int maxActions;

    private TraceLimits(Builder b) {
        this.maxOpenTransactions = b.maxOpenTransactions;
        this.idleTimeout = b.idleTimeout;
        this.deferredIdleTimeout = b.deferredIdleTimeout;
        this.reorderWindow = b.reorderWindow;
        this.linkWindow = b.linkWindow;
        this.maxPendingMessages = b.maxPendingMessages;
        this.maxRecipients = b.maxRecipients;
        this.maxAttempts = b.maxAttempts;
        this.maxActions = b.maxActions;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxOpenTransactions = maxOpenTransactions;
        b.idleTimeout = idleTimeout;
        b.deferredIdleTimeout = deferredIdleTimeout;
        b.reorderWindow = reorderWindow;
        b.linkWindow = linkWindow;
        b.maxPendingMessages = maxPendingMessages;
        b.maxRecipients = maxRecipients;
        b.maxAttempts = maxAttempts;
        b.maxActions = maxActions;
        return b;
    }

    /** {@code max_open_transactions}. */
    public int maxOpenTransactions() {
        return maxOpenTransactions;
    }

    /** {@code idle_timeout}. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** {@code deferred_idle_timeout}. */
    public Duration deferredIdleTimeout() {
        return deferredIdleTimeout;
    }

    /** {@code reorder_window}. */
    public Duration reorderWindow() {
        return reorderWindow;
    }

    /** {@code link_window}. */
    public Duration linkWindow() {
        return linkWindow;
    }

    /** {@code max_pending_messages}. */
    public int maxPendingMessages() {
        return maxPendingMessages;
    }

    /** {@code max_recipients}. */
    public int maxRecipients() {
        return maxRecipients;
    }

    /** {@code max_attempts}. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@code max_actions}. */
    public int maxActions() {
        return maxActions;
    }

    @Override
    public String toString() {
        return "TraceLimits[max_open_transactions=" + maxOpenTransactions + ", idle_timeout=" + idleTimeout
                + ", deferred_idle_timeout=" + deferredIdleTimeout + ", reorder_window=" + reorderWindow
                + ", link_window=" + linkWindow + ", max_pending_messages=" + maxPendingMessages
                + ", max_recipients=" + maxRecipients + ", max_attempts=" + maxAttempts + ", max_actions=" + maxActions + "]";
    }

    /** Sets limits; each is checked when set, naming the limit and the value. */
    public static final class Builder {
        private int maxOpenTransactions = 200_000;
        private Duration idleTimeout = Duration.ofHours(1);
        private Duration deferredIdleTimeout = Duration.ofDays(5);
        private Duration reorderWindow = Duration.ofSeconds(10);
        private Duration linkWindow = Duration.ofMinutes(10);
        private int maxPendingMessages = 100_000;
        private int maxRecipients = 10_000;
        private int maxAttempts = 1_000;
        private int maxActions = 100;

        private Builder() {
        }

        /** {@code max_open_transactions}, at least 1. */
        public Builder maxOpenTransactions(int n) {
            this.maxOpenTransactions = atLeast("max_open_transactions", n, 1);
            return this;
        }

        /** {@code idle_timeout}, positive. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive("idle_timeout", d);
            return this;
        }

        /** {@code deferred_idle_timeout}, positive. */
        public Builder deferredIdleTimeout(Duration d) {
            this.deferredIdleTimeout = positive("deferred_idle_timeout", d);
            return this;
        }

        /** {@code reorder_window}, zero or positive. */
        public Builder reorderWindow(Duration d) {
            this.reorderWindow = notNegative("reorder_window", d);
            return this;
        }

        /** {@code link_window}, zero or positive. */
        public Builder linkWindow(Duration d) {
            this.linkWindow = notNegative("link_window", d);
            return this;
        }

        /** {@code max_pending_messages}, at least 1. */
        public Builder maxPendingMessages(int n) {
            this.maxPendingMessages = atLeast("max_pending_messages", n, 1);
            return this;
        }

        /** {@code max_recipients}, at least 1. */
        public Builder maxRecipients(int n) {
            this.maxRecipients = atLeast("max_recipients", n, 1);
            return this;
        }

        /** {@code max_attempts}, at least 2 (the first and the last are always kept). */
        public Builder maxAttempts(int n) {
            this.maxAttempts = atLeast("max_attempts", n, 2);
            return this;
        }

        /** {@code max_actions}, zero or more. */
        public Builder maxActions(int n) {
            this.maxActions = atLeast("max_actions", n, 0);
            return this;
        }

        /** The limits. */
        public TraceLimits build() {
            return new TraceLimits(this);
        }

        private static int atLeast(String name, int n, int min) {
            if (n < min) {
                throw new IllegalArgumentException("limit [" + name + "] must be at least " + min + ", got [" + n + "]");
            }
            return n;
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("limit [" + name + "] must be positive, got [" + d + "]");
            }
            return d;
        }

        private static Duration notNegative(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException("limit [" + name + "] must not be negative, got [" + d + "]");
            }
            return d;
        }
    }
}
