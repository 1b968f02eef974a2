package dev.mailtrace.trace;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a {@link TraceAggregator} did: records emitted, how transactions ended, links made, and
 * every time a {@link TraceLimits limit} was reached. Owned by the aggregator's thread; read it
 * there or after the aggregator finished.
 */
public final class TraceStats {

    long events;
    long untimedEvents;
    long transactions;
    final long[] closedBy = new long[ClosedBy.values().length];
    long rejects;
    long messages;
    long incompleteMessages;
    long openTransactions;
    long peakOpenTransactions;
    long droppedRecipients;
    long droppedAttempts;
    long droppedActions;
    final long[] links = new long[Link.Kind.values().length];
    long lateLinks;
    long unresolvedHandoffs;
    long earlyMessages;
    long clockResets;
    long evictedLinks;
    long unattachedVerdicts;
    long deliveries;
    long unattachedDeliveries;

    TraceStats() {
    }

    /** Events the aggregator looked at (queue events, rejections, TLS sessions). */
    public long events() {
        return events;
    }

    /** Events skipped because neither their line nor an earlier line of their host had a timestamp. */
    public long untimedEvents() {
        return untimedEvents;
    }

    /** Transaction records emitted. */
    public long transactions() {
        return transactions;
    }

    /** Transaction records emitted, by why they were closed. */
    public Map<ClosedBy, Long> transactionsByClose() {
        Map<ClosedBy, Long> m = new EnumMap<>(ClosedBy.class);
        for (ClosedBy c : ClosedBy.values()) {
            if (closedBy[c.ordinal()] > 0) {
                m.put(c, closedBy[c.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Transactions flushed early because {@code max_open_transactions} was reached. */
    public long evictedTransactions() {
        return closedBy[ClosedBy.EVICTED.ordinal()];
    }

    /** Reject records emitted. */
    public long rejects() {
        return rejects;
    }

    /** Message traces emitted. */
    public long messages() {
        return messages;
    }

    /** Message traces emitted incomplete. */
    public long incompleteMessages() {
        return incompleteMessages;
    }

    /** Message traces emitted before their reorder window because {@code max_pending_messages} was reached. */
    public long earlyMessages() {
        return earlyMessages;
    }

    /** Transactions open now. */
    public long openTransactions() {
        return openTransactions;
    }

    /** The most transactions open at once. */
    public long peakOpenTransactions() {
        return peakOpenTransactions;
    }

    /** Recipients dropped by {@code max_recipients}. */
    public long droppedRecipients() {
        return droppedRecipients;
    }

    /** Attempts dropped by {@code max_attempts}. */
    public long droppedAttempts() {
        return droppedAttempts;
    }

    /** Rejects and actions dropped by {@code max_actions}. */
    public long droppedActions() {
        return droppedActions;
    }

    /** Links made between transactions, by kind. */
    public Map<Link.Kind, Long> links() {
        Map<Link.Kind, Long> m = new EnumMap<>(Link.Kind.class);
        for (Link.Kind k : Link.Kind.values()) {
            if (links[k.ordinal()] > 0) {
                m.put(k, links[k.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Links found after the upstream transaction had been emitted (only the downstream one carries them). */
    public long lateLinks() {
        return lateLinks;
    }

    /** Hand-offs ({@code queued as}) whose next hop was not found in the logs: relays outside them, mostly. */
    public long unresolvedHandoffs() {
        return unresolvedHandoffs;
    }

    /** How often a host's time went back by more than the idle timeout (files of a host read out of order, replays). */
    public long clockResets() {
        return clockResets;
    }

    /** Recent starts, hand-offs and Message-IDs forgotten before {@code link_window} because of the index cap. */
    public long evictedLinks() {
        return evictedLinks;
    }

    /** Filter verdicts that named no queue id (a milter before the MTA assigned one), so joined no transaction. */
    public long unattachedVerdicts() {
        return unattachedVerdicts;
    }

    /** Mailbox deliveries joined to the transaction that handed the message over. */
    public long deliveries() {
        return deliveries;
    }

    /** Mailbox deliveries no open transaction was found for (by session id or Message-ID). */
    public long unattachedDeliveries() {
        return unattachedDeliveries;
    }

    @Override
    public String toString() {
        return "TraceStats[events=" + events + ", transactions=" + transactions + " " + transactionsByClose()
                + ", rejects=" + rejects + ", messages=" + messages + " (incomplete " + incompleteMessages + ")"
                + ", open=" + openTransactions + ", peak_open=" + peakOpenTransactions + ", links=" + links()
                + ", unresolved_handoffs=" + unresolvedHandoffs + "]";
    }
}
