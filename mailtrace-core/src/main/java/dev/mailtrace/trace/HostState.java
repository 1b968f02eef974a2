package dev.mailtrace.trace;

import java.util.HashMap;

/**
 * One host's open transactions and clock. Transactions sit in one of three lists ordered by last
 * activity (active, deferred, closing), so that timeouts only ever look at list heads.
 */
final class HostState {

    final String name;
    /** The latest event time seen on this host, in epoch millis. */
    long clock = Long.MIN_VALUE;
    java.time.Instant clockInstant;
    /** Consecutive events far behind the clock. */
    int behind;
    final HashMap<String, TxBuilder> open = new HashMap<>();
    final TxBuilder[] heads = new TxBuilder[3];
    final TxBuilder[] tails = new TxBuilder[3];

    HostState(String name) {
        this.name = name;
    }

    void append(TxBuilder tx, int list) {
        tx.list = list;
        tx.prev = tails[list];
        tx.next = null;
        if (tails[list] == null) {
            heads[list] = tx;
        } else {
            tails[list].next = tx;
        }
        tails[list] = tx;
    }

    void unlink(TxBuilder tx) {
        int list = tx.list;
        if (list < 0) {
            return;
        }
        if (tx.prev == null) {
            heads[list] = tx.next;
        } else {
            tx.prev.next = tx.next;
        }
        if (tx.next == null) {
            tails[list] = tx.prev;
        } else {
            tx.next.prev = tx.prev;
        }
        tx.prev = null;
        tx.next = null;
        tx.list = -1;
    }

    /** Moves {@code tx} to the tail of {@code list}. */
    void moveToTail(TxBuilder tx, int list) {
        if (tx.list == list && tails[list] == tx) {
            return;
        }
        unlink(tx);
        append(tx, list);
    }
}
