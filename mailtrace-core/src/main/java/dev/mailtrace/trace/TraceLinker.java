package dev.mailtrace.trace;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;

/**
 * Links transactions of the same e-mail across hosts and assembles message traces. It sees one
 * notification per transaction start, Message-ID, hand-off and completion — never lines — so its
 * cost is per transaction, and everything it keeps expires after {@code link_window} of event
 * time or when its message is emitted. Owned by the aggregator's thread.
 *
 * <p>The rules are documented on {@link TraceAggregator}.
 */
final class TraceLinker {

    private final long linkWindow;
    private final long reorderWindow;
    private final int maxPendingMessages;
    private final int maxIndexed;
    private final boolean messages;
    private final TraceStats stats;
    private final TraceListener out;
    private long clock = Long.MIN_VALUE;

    /** Transactions open, and (with messages) finished ones whose message is not yet emitted. */
    private final HashMap<Key, Node> nodes = new HashMap<>();
    /** Recent transaction starts by queue id: the candidates for a hand-off's next hop. */
    private final LinkIndex<Node> starts = new LinkIndex<>();
    /** Recent hand-offs by the queue id they name: the candidates for a start's previous hop. */
    private final LinkIndex<Handoff> handoffs = new LinkIndex<>();
    /** Recent transactions by Message-ID: the fallback join. */
    private final LinkIndex<Node> byMessageId = new LinkIndex<>();
    private final ArrayDeque<Expiry> expiries = new ArrayDeque<>();
    /** Addresses learned for hosts from links made by name: relay IP or client IP → host. */
    private final LinkedHashMap<String, String> hostByIp = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 10_000;
        }
    };
    /** First labels of the hosts seen, lower case. */
    private final Set<String> knownHosts = new HashSet<>();
    private final PriorityQueue<Ready> ready = new PriorityQueue<>(Comparator.comparingLong(r -> r.at));

    TraceLinker(TraceLimits limits, boolean messages, TraceStats stats, TraceListener out) {
        this.linkWindow = limits.linkWindow().toMillis();
        this.reorderWindow = limits.reorderWindow().toMillis();
        this.maxPendingMessages = limits.maxPendingMessages();
        this.maxIndexed = 3 * limits.maxOpenTransactions();
        this.messages = messages;
        this.stats = stats;
        this.out = out;
    }

    record Key(String host, String queueId) {
    }

    /** A transaction as the linker sees it. */
    static final class Node {
        final Key key;
        final long startMillis;
        Client client;
        String messageId;
        boolean open = true;
        /** The latest SENT attempt to another host or a loopback relay, epoch millis (Message-ID fallback). */
        long lastRelayed = Long.MIN_VALUE;
        ArrayList<Link> next;
        Link prev;
        /** The finished record (messages only). */
        Transaction tx;
        // message graph
        Comp comp;
        Node hopParent;
        Link.Kind via;
        final ArrayList<Node> children = new ArrayList<>(1);
        Node bounceParent;
        boolean bounce;

        Node(Key key, long startMillis, Client client) {
            this.key = key;
            this.startMillis = startMillis;
            this.client = client;
        }

        Link next(String queueId) {
            if (next != null) {
                for (Link l : next) {
                    if (l.queueId().equals(queueId)) {
                        return l;
                    }
                }
            }
            return null;
        }

        void addNext(Link l) {
            if (next == null) {
                next = new ArrayList<>(1);
            }
            for (Link x : next) {
                if (x.queueId().equals(l.queueId()) && java.util.Objects.equals(x.host(), l.host())) {
                    return;
                }
            }
            next.add(l);
        }
    }

    /** A set of transactions of one e-mail (and its bounces). */
    static final class Comp {
        final ArrayList<Node> members = new ArrayList<>(2);
        int open;
        long lastActivity;
        long waitUntil = Long.MIN_VALUE;
        boolean done;
    }

    private record Handoff(Node from, Key fromKey, long time, String relay, Relays.Relay where, Link.Kind kind) {
    }

    /** An index entry to forget after {@code time} + link window; {@code eventTime} is its own time. */
    private record Expiry(long time, long eventTime, int index, String key, Object value) {
    }

    private record Ready(long at, Comp comp) {
    }

    private static final int STARTS = 0;
    private static final int HANDOFFS = 1;
    private static final int MESSAGE_IDS = 2;

    // ---------------------------------------------------------------- notifications

    void started(TxBuilder tx) {
        Key key = new Key(tx.host, tx.queueId);
        Node n = new Node(key, tx.startMillis, tx.client);
        tx.linkState = n;
        nodes.put(key, n);
        knownHosts.add(Relays.key(tx.host));
        if (messages) {
            Comp c = new Comp();
            c.members.add(n);
            c.open = 1;
            c.lastActivity = tx.startMillis;
            n.comp = c;
        }
        index(STARTS, starts, tx.queueId, n, tx.startMillis);
        List<Handoff> hs = handoffs.get(tx.queueId);
        if (hs != null) {
            Handoff best = null;
            int bestScore = -1;
            for (Handoff h : hs) {
                if (matches(h, n)) {
                    int s = score(h, n);
                    if (s > bestScore || s == bestScore && closer(h.time, best.time, n.startMillis)) {
                        best = h;
                        bestScore = s;
                    }
                }
            }
            if (best != null) {
                link(best, n);
            }
        }
    }

    /** The client became known after the start (its line came late). */
    void client(TxBuilder tx) {
        Node n = (Node) tx.linkState;
        if (n != null && n.client == null) {
            n.client = tx.client;
        }
    }

    void identified(TxBuilder tx) {
        Node n = (Node) tx.linkState;
        if (n == null || tx.messageId == null || tx.messageId.isEmpty()) {
            return;
        }
        n.messageId = tx.messageId;
        index(MESSAGE_IDS, byMessageId, tx.messageId, n, tx.startMillis);
    }

    /** A recipient was sent on: remembered for the Message-ID fallback. */
    void relayed(TxBuilder tx, long time, String relay) {
        Node n = (Node) tx.linkState;
        if (n != null && time > n.lastRelayed) {
            Relays.Place p = Relays.place(relay);
            if (p == Relays.Place.REMOTE || p == Relays.Place.LOOPBACK) {
                n.lastRelayed = time;
            }
        }
    }

    /**
     * The message was handed on as {@code queuedAs}: by a delivery attempt to {@code relay}, or
     * ({@code reinjection}) by a filter on the same host.
     */
    void handoff(TxBuilder tx, Instant time, String relay, String queuedAs, boolean reinjection) {
        Node from = (Node) tx.linkState;
        Relays.Relay where = reinjection ? new Relays.Relay(null, null, Relays.Place.LOOPBACK) : Relays.parse(relay);
        if (where.place() == Relays.Place.NONE) {
            return;
        }
        if (from != null && t(time) > from.lastRelayed && where.place() != Relays.Place.LOCAL) {
            from.lastRelayed = t(time);
        }
        Link.Kind kind = where.place() == Relays.Place.REMOTE ? Link.Kind.RELAY : Link.Kind.REINJECTION;
        long t = time.toEpochMilli();
        Handoff h = new Handoff(from, new Key(tx.host, tx.queueId), t, relay, where, kind);
        index(HANDOFFS, handoffs, queuedAs, h, t);
        List<Node> candidates = starts.get(queuedAs);
        Node best = null;
        if (candidates != null) {
            int bestScore = -1;
            for (Node n : candidates) {
                if (matches(h, n)) {
                    int s = score(h, n);
                    if (s > bestScore || s == bestScore && closer(n.startMillis, best.startMillis, t)) {
                        best = n;
                        bestScore = s;
                    }
                }
            }
        }
        if (best != null) {
            link(h, best);
        } else if (messages && from != null && internal(where)) {
            // the next hop is on a host in the logs: the message waits for it
            Comp c = find(from);
            c.waitUntil = Math.max(c.waitUntil, t + linkWindow);
        }
    }

    private static long t(Instant time) {
        return time.toEpochMilli();
    }

    /** The MTA named the queue id this message had before on the same host. */
    void previous(TxBuilder tx, String previousQueueId) {
        Node d = (Node) tx.linkState;
        Node t = nodes.get(new Key(tx.host, previousQueueId));
        Handoff h = new Handoff(t, new Key(tx.host, previousQueueId), tx.startMillis, null,
                new Relays.Relay(null, null, Relays.Place.LOOPBACK), Link.Kind.REINJECTION);
        if (d != null && (d.prev == null || !d.prev.queueId().equals(previousQueueId))) {
            link(h, d);
        }
    }

    /** Whether a relay is on a host whose logs we read (so its transaction will show up). */
    private boolean internal(Relays.Relay r) {
        if (r.place() == Relays.Place.LOOPBACK) {
            return true;
        }
        if (r.place() != Relays.Place.REMOTE) {
            return false;
        }
        return r.name() != null && knownHosts.contains(Relays.key(r.name()))
                || r.ip() != null && hostByIp.containsKey(r.ip());
    }

    /**
     * The rule: same queue id (by the index); on the same host for a loopback or socket relay or a
     * filter reinjection, on another host otherwise; starts within {@code link_window} of the hand-off;
     * not already linked to another transaction.
     */
    private boolean matches(Handoff h, Node n) {
        if (n == h.from || n.key.equals(h.fromKey)) {
            return false;
        }
        if (n.prev != null && !(n.prev.queueId().equals(h.fromKey.queueId()) && h.fromKey.host().equals(n.prev.host()))) {
            return false;
        }
        boolean sameHost = n.key.host().equals(h.fromKey.host());
        if (sameHost != (h.where.place() != Relays.Place.REMOTE)) {
            return false;
        }
        return Math.abs(n.startMillis - h.time) <= linkWindow;
    }

    /** Evidence beyond the queue id: the relay names the host, the next hop's client names the sender's host. */
    private int score(Handoff h, Node n) {
        int s = 0;
        if (h.where.place() == Relays.Place.REMOTE) {
            if (Relays.sameHost(h.where.name(), n.key.host())
                    || h.where.ip() != null && n.key.host().equals(hostByIp.get(h.where.ip()))) {
                s += 2;
            }
            if (n.client != null && (Relays.sameHost(n.client.hostname(), h.fromKey.host())
                    || n.client.ip() != null && h.fromKey.host().equals(hostByIp.get(n.client.ip())))) {
                s += 1;
            }
        }
        return s;
    }

    private static boolean closer(long a, long b, long target) {
        return Math.abs(a - target) < Math.abs(b - target);
    }

    private void link(Handoff h, Node d) {
        Node t = h.from;
        Link.Kind kind = h.kind;
        boolean known = d.prev != null;
        if (t != null && t.open) {
            t.addNext(new Link(d.key.host(), d.key.queueId(), h.relay, kind));
        } else if (!known) {
            stats.lateLinks++;
        }
        if (d.prev == null) {
            d.prev = new Link(h.fromKey.host(), h.fromKey.queueId(), h.relay, kind);
            stats.links[kind.ordinal()]++;
        }
        if (h.where.place() == Relays.Place.REMOTE) {
            if (h.where.ip() != null) {
                hostByIp.put(h.where.ip(), d.key.host());
            }
            if (d.client != null && d.client.ip() != null && !Relays.isLoopback(d.client.ip())) {
                hostByIp.put(d.client.ip(), h.fromKey.host());
            }
        }
        if (messages && t != null) {
            connect(t, d, kind);
        }
    }

    /**
     * A transaction ended: returns its record with the links found. Hand-offs to a socket or a local
     * transport (LMTP, local, virtual) are final deliveries and are only listed when a transaction
     * with that id exists on the host.
     */
    Transaction completed(TxBuilder tx) {
        Node n = (Node) tx.linkState;
        n.open = false;
        LinkedHashMap<String, Link> next = new LinkedHashMap<>();
        for (TxBuilder.RcptBuilder r : tx.rcpts) {
            for (DeliveryAttempt a : r.attempts) {
                String q = a.queuedAs();
                if (a.status() != DeliveryStatus.SENT || q == null || next.containsKey(q)) {
                    continue;
                }
                Link resolved = n.next(q);
                if (resolved != null) {
                    next.put(q, resolved);
                    continue;
                }
                Relays.Place where = Relays.place(a.relay());
                if (where == Relays.Place.REMOTE) {
                    next.put(q, new Link(null, q, a.relay(), Link.Kind.RELAY));
                    stats.unresolvedHandoffs++;
                } else if (where == Relays.Place.LOOPBACK) {
                    next.put(q, new Link(tx.host, q, a.relay(), Link.Kind.REINJECTION));
                    stats.unresolvedHandoffs++;
                }
            }
        }
        if (n.next != null) {
            for (Link l : n.next) {
                next.putIfAbsent(l.queueId(), l);
            }
        }
        if (n.prev == null && tx.bounceOf == null) {
            fallback(n, tx);
        }
        Transaction record = tx.build(new ArrayList<>(next.values()), n.prev);
        if (messages) {
            n.tx = record;
            if (tx.bounceOf != null) {
                bounce(nodes.get(new Key(tx.host, tx.bounceOf.queueId())), n);
            }
            if (tx.bounces != null) {
                for (Link b : tx.bounces) {
                    bounce(n, nodes.get(new Key(tx.host, b.queueId())));
                }
            }
            Comp c = find(n);
            c.open--;
            c.lastActivity = Math.max(c.lastActivity, clock);
            if (c.open == 0) {
                schedule(c);
            }
        } else if (nodes.get(n.key) == n) {
            nodes.remove(n.key);
        }
        return record;
    }

    /**
     * The Message-ID fallback, for a transaction nobody handed over: accepted from a client, it
     * joins the latest transaction with the same Message-ID that started before it (or in the same
     * millisecond, but not downstream of it) within
     * {@code link_window} on another host (or on this host when the client is a loopback address)
     * and that is still open or sent a recipient on within the window.
     */
    private void fallback(Node n, TxBuilder tx) {
        if (n.messageId == null || tx.client == null) {
            return;
        }
        List<Node> candidates = byMessageId.get(n.messageId);
        if (candidates == null) {
            return;
        }
        boolean loopbackClient = Relays.isLoopback(tx.client.ip()) || "localhost".equalsIgnoreCase(tx.client.hostname());
        Node best = null;
        for (Node c : candidates) {
            if (c == n || c.startMillis > n.startMillis
                    || n.startMillis - c.startMillis > linkWindow || descendsFrom(c, n)
                    || c.key.host().equals(n.key.host()) && !loopbackClient) {
                continue;
            }
            if (!c.open && (c.lastRelayed == Long.MIN_VALUE || Math.abs(c.lastRelayed - n.startMillis) > linkWindow)) {
                continue;
            }
            if (messages && c.comp != null && find(c) == find(n)) {
                continue;
            }
            if (best == null || c.startMillis > best.startMillis) {
                best = c;
            }
        }
        if (best == null) {
            return;
        }
        n.prev = new Link(best.key.host(), best.key.queueId(), null, Link.Kind.MESSAGE_ID);
        stats.links[Link.Kind.MESSAGE_ID.ordinal()]++;
        if (best.open) {
            best.addNext(new Link(n.key.host(), n.key.queueId(), null, Link.Kind.MESSAGE_ID));
        } else {
            stats.lateLinks++;
        }
        if (messages && nodes.containsKey(best.key) && best.comp != null) {
            connect(best, n, Link.Kind.MESSAGE_ID);
        }
    }

    /** Whether {@code c} was handed the message, directly or through other hops, by {@code n}. */
    private boolean descendsFrom(Node c, Node n) {
        Link p = c.prev;
        for (int i = 0; p != null && i < 32; i++) {
            if (p.host() != null && p.host().equals(n.key.host()) && p.queueId().equals(n.key.queueId())) {
                return true;
            }
            Node up = p.host() == null ? null : nodes.get(new Key(p.host(), p.queueId()));
            p = up == null ? null : up.prev;
        }
        return false;
    }

    // ---------------------------------------------------------------- indexes

    private <T> void index(int which, LinkIndex<T> index, String key, T value, long time) {
        index.add(key, value);
        expiries.add(new Expiry(Math.max(time, clock), time, which, key, value));
        if (expiries.size() > maxIndexed) {
            // time went back (files read out of order) or an extreme rate: forget the oldest
            forget(expiries.poll());
            stats.evictedLinks++;
        }
    }

    private void forget(Expiry e) {
        if (e.index == HANDOFFS) {
            handoffs.remove(e.key, (Handoff) e.value);
        } else {
            (e.index == STARTS ? starts : byMessageId).remove(e.key, (Node) e.value);
        }
    }

    /** Event time moved on (the latest time seen on any host). */
    void advance(long now) {
        if (now > clock) {
            clock = now;
            Expiry e;
            while ((e = expiries.peek()) != null && e.time + linkWindow < clock) {
                forget(expiries.poll());
            }
        }
        if (messages) {
            sweepMessages(false);
        }
    }

    /**
     * Time went back on every host (a replay, files read newest first): messages waiting for their
     * window are emitted, the recent starts, hand-offs and Message-IDs of the old time line are forgotten.
     */
    void restart(long now) {
        if (messages) {
            sweepMessages(true);
        }
        List<Expiry> keep = new ArrayList<>();
        for (Expiry e : expiries) {
            if (Math.abs(e.eventTime - now) <= linkWindow) {
                keep.add(new Expiry(e.eventTime, e.eventTime, e.index, e.key, e.value));
            } else {
                forget(e);
            }
        }
        keep.sort(Comparator.comparingLong(Expiry::time));
        expiries.clear();
        expiries.addAll(keep);
        clock = now;
    }

    // ---------------------------------------------------------------- messages

    private Comp find(Node n) {
        return n.comp;
    }

    private void connect(Node t, Node d, Link.Kind kind) {
        if (d.hopParent == null && d != t && !d.bounce) {
            d.hopParent = t;
            d.via = kind;
            t.children.add(d);
        }
        union(t, d);
    }

    private void bounce(Node original, Node dsn) {
        if (original == null || dsn == null || original == dsn || dsn.comp == null || original.comp == null) {
            return;
        }
        dsn.bounce = true;
        if (dsn.bounceParent == null) {
            dsn.bounceParent = original;
        }
        union(original, dsn);
    }

    private void union(Node a, Node b) {
        if (a.comp == null || b.comp == null) {
            return;
        }
        Comp x = a.comp;
        Comp y = b.comp;
        if (x == y || x.done || y.done) {
            return;
        }
        if (x.members.size() < y.members.size()) {
            Comp t = x;
            x = y;
            y = t;
        }
        for (Node m : y.members) {
            m.comp = x;
        }
        x.members.addAll(y.members);
        x.open += y.open;
        x.lastActivity = Math.max(Math.max(x.lastActivity, y.lastActivity), clock);
        x.waitUntil = Math.max(x.waitUntil, y.waitUntil);
        y.done = true;
        y.members.clear();
        if (x.open == 0) {
            schedule(x);
        }
    }

    private void schedule(Comp c) {
        ready.add(new Ready(Math.max(c.lastActivity + reorderWindow, c.waitUntil), c));
    }

    private void sweepMessages(boolean all) {
        Ready r;
        while ((r = ready.peek()) != null) {
            Comp c = r.comp;
            if (c.done || c.open > 0) {
                ready.poll();
                continue;
            }
            long at = Math.max(c.lastActivity + reorderWindow, c.waitUntil);
            if (all || at <= clock) {
                ready.poll();
                emit(c);
            } else if (ready.size() > maxPendingMessages) {
                ready.poll();
                stats.earlyMessages++;
                emit(c);
            } else if (at > r.at) {
                ready.poll();
                ready.add(new Ready(at, c));
            } else {
                break;
            }
        }
    }

    /** Emits every message left: at the end of input, after every transaction was finished. */
    void finish() {
        if (!messages) {
            return;
        }
        // Comps with members still open cannot exist here; emit the rest in start order.
        List<Comp> left = new ArrayList<>();
        IdentityHashMap<Comp, Boolean> seen = new IdentityHashMap<>();
        for (Node n : nodes.values()) {
            if (n.comp != null && !n.comp.done && seen.put(n.comp, Boolean.TRUE) == null) {
                left.add(n.comp);
            }
        }
        for (Ready r : ready) {
            if (!r.comp.done && seen.put(r.comp, Boolean.TRUE) == null) {
                left.add(r.comp);
            }
        }
        // by their earliest transaction; ties by its key, so that the order never depends on hashing
        Comparator<Node> byStart = Comparator.comparingLong((Node m) -> m.startMillis)
                .thenComparing(m -> m.key.host()).thenComparing(m -> m.key.queueId());
        left.sort(Comparator.comparing((Comp c) -> c.members.stream().min(byStart).orElseThrow(), byStart));
        for (Comp c : left) {
            emit(c);
        }
        ready.clear();
    }

    private void emit(Comp c) {
        c.done = true;
        for (Node m : c.members) {
            if (nodes.get(m.key) == m) {
                nodes.remove(m.key);
            }
        }
        // groups: the top of each node's hop chain
        LinkedHashMap<Node, List<Node>> groups = new LinkedHashMap<>();
        List<Node> members = new ArrayList<>(c.members);
        members.sort(Comparator.comparingLong((Node m) -> m.startMillis));
        for (Node m : members) {
            if (m.tx != null) {
                groups.computeIfAbsent(top(m), k -> new ArrayList<>()).add(m);
            }
        }
        boolean complete = c.open == 0;
        for (Map.Entry<Node, List<Node>> g : groups.entrySet()) {
            Node top = g.getKey();
            if (top.bounce && top.bounceParent != null && top.bounceParent.tx != null
                    && groups.containsKey(top(top.bounceParent))) {
                continue; // nested in its original's trace
            }
            MessageTrace trace = trace(g.getValue(), groups, complete, new HashSet<>());
            stats.messages++;
            if (!trace.complete()) {
                stats.incompleteMessages++;
            }
            out.record(trace);
        }
    }

    private static Node top(Node n) {
        Node t = n;
        int guard = 0;
        while (t.hopParent != null && guard++ < 1000) {
            t = t.hopParent;
        }
        return t;
    }

    private MessageTrace trace(List<Node> group, Map<Node, List<Node>> groups, boolean complete, Set<Node> seen) {
        seen.add(group.get(0));
        List<Hop> hops = new ArrayList<>(group.size());
        String messageId = null;
        String from = null;
        Instant start = null;
        Instant end = null;
        boolean allComplete = complete;
        Set<Node> inGroup = new HashSet<>(group);
        LinkedHashMap<String, RecipientOutcome> outcomes = new LinkedHashMap<>();
        for (Node n : group) {
            Transaction t = n.tx;
            hops.add(new Hop(t.host(), t.queueId(), t.start(), n == group.get(0) ? null : n.via));
            if (messageId == null && t.messageId() != null && !t.messageId().isEmpty()) {
                messageId = t.messageId();
            }
            if (from == null) {
                from = t.from();
            }
            start = start == null || t.start().isBefore(start) ? t.start() : start;
            end = end == null || t.end().isAfter(end) ? t.end() : end;
            allComplete &= t.complete();
            for (Recipient r : t.recipients()) {
                if (continued(n, r, inGroup)) {
                    continue;
                }
                DeliveryAttempt a = r.lastAttempt();
                MailboxResult m = mailbox(t, r);
                FilterResult blocked = m == null && r.status() == DeliveryStatus.SENT ? blocked(t, r) : null;
                RecipientOutcome o;
                if (m != null) {
                    o = new RecipientOutcome(r.to(), m.status(), m.host(), t.queueId(), a.time(), a.relay(), a.dsn(),
                            a.response(), r.attempts().size(), m.mailbox());
                } else if (blocked != null) {
                    // handed to the filter ("sent"), which stopped it there
                    o = new RecipientOutcome(r.to(), DeliveryStatus.DISCARDED, t.host(), t.queueId(), blocked.time(),
                            a.relay(), a.dsn(), "blocked by " + blocked.filter() + " (" + blocked.verdict() + ")",
                            r.attempts().size(), null);
                } else {
                    o = new RecipientOutcome(r.to(), r.status(), t.host(), t.queueId(), a.time(), a.relay(), a.dsn(),
                            a.response(), r.attempts().size(), null);
                }
                outcomes.put(r.to().toLowerCase(Locale.ROOT), o);
            }
        }
        // unresolved hand-offs to hosts in the logs make the trace incomplete
        for (Node n : group) {
            for (Link l : n.tx.next()) {
                if (l.host() != null && !containsKey(inGroup, l.host(), l.queueId())) {
                    allComplete = false;
                }
            }
        }
        List<MessageTrace> bounces = new ArrayList<>();
        for (Map.Entry<Node, List<Node>> g : groups.entrySet()) {
            Node top = g.getKey();
            if (top.bounce && top.bounceParent != null && inGroup.contains(top.bounceParent) && !seen.contains(top)) {
                bounces.add(trace(g.getValue(), groups, complete, seen));
            }
        }
        return new MessageTrace(messageId, from, start, end, hops, new ArrayList<>(outcomes.values()), bounces,
                allComplete);
    }

    /** The mailbox server's last word on recipient {@code r} of {@code t}, or null (a failure to store leaves the MTA's word). */
    private static MailboxResult mailbox(Transaction t, Recipient r) {
        MailboxResult last = null;
        for (MailboxResult m : t.deliveries()) {
            if (r.to().equals(m.to()) && m.status() != DeliveryStatus.DEFERRED && (last == null || !m.time().isBefore(last.time()))) {
                last = m;
            }
        }
        return last;
    }

    /** A filter verdict of {@code t} that stopped the message for recipient {@code r} (all recipients when it names none), or null. */
    private static FilterResult blocked(Transaction t, Recipient r) {
        for (FilterResult f : t.filters()) {
            if (f.disposition() == dev.mailtrace.event.FilterVerdict.Disposition.BLOCKED
                    && (f.recipients().isEmpty() || f.recipients().stream().anyMatch(x -> x.equalsIgnoreCase(r.to())))) {
                return f;
            }
        }
        return null;
    }

    private static boolean containsKey(Set<Node> group, String host, String queueId) {
        for (Node n : group) {
            if (n.key.host().equals(host) && n.key.queueId().equals(queueId)) {
                return true;
            }
        }
        return false;
    }

    /** Whether recipient {@code r} of {@code n} went on to a next hop in the group that has it. */
    private static boolean continued(Node n, Recipient r, Set<Node> group) {
        if (r.status() != DeliveryStatus.SENT) {
            return false;
        }
        for (Node d : n.children) {
            if (!group.contains(d) || d.tx == null) {
                continue;
            }
            for (Recipient x : d.tx.recipients()) {
                if (x.to().equalsIgnoreCase(r.to()) || x.origTo() != null && x.origTo().equalsIgnoreCase(r.to())) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- saved state

    /**
     * Writes everything the linker holds ({@link TraceAggregator#writeState}). Nodes, message groups and
     * hand-offs are shared by several indexes: each is written once, in an array, and referred to by
     * its position there; every collection keeps its order, so that ties are broken as before.
     *
     * @param open the aggregator's open transactions, whose nodes it refers to
     * @return the position of each node written
     */
    IdentityHashMap<Node, Integer> writeState(JsonGenerator g, Collection<TxBuilder> open) throws IOException {
        Numbering<Node> nodeIds = new Numbering<>();
        Numbering<Comp> compIds = new Numbering<>();
        Numbering<Handoff> handoffIds = new Numbering<>();
        for (TxBuilder tx : open) {
            nodeIds.id((Node) tx.linkState);
        }
        nodes.values().forEach(nodeIds::id);
        starts.forEachValue(nodeIds::id);
        byMessageId.forEachValue(nodeIds::id);
        handoffs.forEachValue(handoffIds::id);
        for (Expiry e : expiries) {
            if (e.value instanceof Handoff h) {
                handoffIds.id(h);
            } else {
                nodeIds.id((Node) e.value);
            }
        }
        handoffIds.list.forEach(h -> nodeIds.id(h.from));
        ready.forEach(r -> compIds.id(r.comp));
        for (int n = 0, c = 0; n < nodeIds.list.size() || c < compIds.list.size(); ) {
            if (n < nodeIds.list.size()) {
                Node x = nodeIds.list.get(n++);
                compIds.id(x.comp);
                nodeIds.id(x.hopParent);
                x.children.forEach(nodeIds::id);
                nodeIds.id(x.bounceParent);
            } else {
                compIds.list.get(c++).members.forEach(nodeIds::id);
            }
        }
        g.writeNumberField("clock", clock);
        g.writeArrayFieldStart("nodes");
        for (Node n : nodeIds.list) {
            g.writeStartObject();
            g.writeStringField("host", n.key.host());
            g.writeStringField("queue_id", n.key.queueId());
            g.writeNumberField("start", n.startMillis);
            StateCodec.client(g, "client", n.client);
            StateCodec.string(g, "message_id", n.messageId);
            g.writeBooleanField("open", n.open);
            g.writeNumberField("last_relayed", n.lastRelayed);
            StateCodec.links(g, "next", n.next);
            StateCodec.link(g, "prev", n.prev);
            StateCodec.transaction(g, "tx", n.tx);
            reference(g, "comp", compIds, n.comp);
            reference(g, "hop_parent", nodeIds, n.hopParent);
            StateCodec.enumValue(g, "via", n.via);
            g.writeArrayFieldStart("children");
            for (Node c : n.children) {
                g.writeNumber(nodeIds.id(c));
            }
            g.writeEndArray();
            reference(g, "bounce_parent", nodeIds, n.bounceParent);
            g.writeBooleanField("bounce", n.bounce);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("comps");
        for (Comp c : compIds.list) {
            g.writeStartObject();
            g.writeArrayFieldStart("members");
            for (Node m : c.members) {
                g.writeNumber(nodeIds.id(m));
            }
            g.writeEndArray();
            g.writeNumberField("open", c.open);
            g.writeNumberField("last_activity", c.lastActivity);
            g.writeNumberField("wait_until", c.waitUntil);
            g.writeBooleanField("done", c.done);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("handoffs");
        for (Handoff h : handoffIds.list) {
            g.writeStartObject();
            reference(g, "from", nodeIds, h.from);
            g.writeStringField("from_host", h.fromKey.host());
            g.writeStringField("from_queue_id", h.fromKey.queueId());
            g.writeNumberField("time", h.time);
            StateCodec.string(g, "relay", h.relay);
            StateCodec.string(g, "where_name", h.where.name());
            StateCodec.string(g, "where_ip", h.where.ip());
            StateCodec.enumValue(g, "where", h.where.place());
            StateCodec.enumValue(g, "kind", h.kind);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("nodes_by_key");
        for (Node n : nodes.values()) {
            g.writeNumber(nodeIds.id(n));
        }
        g.writeEndArray();
        index(g, "starts", starts, nodeIds);
        index(g, "handoffs_by_queue_id", handoffs, handoffIds);
        index(g, "by_message_id", byMessageId, nodeIds);
        g.writeArrayFieldStart("expiries");
        for (Expiry e : expiries) {
            g.writeStartArray();
            g.writeNumber(e.time);
            g.writeNumber(e.eventTime);
            g.writeNumber(e.index);
            g.writeString(e.key);
            g.writeNumber(e.value instanceof Handoff h ? handoffIds.id(h) : nodeIds.id((Node) e.value));
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("host_by_ip");
        for (Map.Entry<String, String> e : hostByIp.entrySet()) {
            g.writeStartArray();
            g.writeString(e.getKey());
            g.writeString(e.getValue());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("known_hosts");
        for (String h : knownHosts) {
            g.writeString(h);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ready");
        for (Ready r : ready) { // the heap's array order: added back in this order it is the same heap
            g.writeStartArray();
            g.writeNumber(r.at);
            g.writeNumber(compIds.id(r.comp));
            g.writeEndArray();
        }
        g.writeEndArray();
        return nodeIds.ids;
    }

    private static <T> void reference(JsonGenerator g, String name, Numbering<T> ids, T value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, ids.id(value));
        }
    }

    private static <T> void index(JsonGenerator g, String name, LinkIndex<T> index, Numbering<T> ids)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (String key : index.keys()) {
            g.writeStartObject();
            g.writeStringField("key", key);
            g.writeArrayFieldStart("values");
            for (T v : index.get(key)) {
                g.writeNumber(ids.id(v));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Positions for shared objects, by identity, in order of first sight. */
    private static final class Numbering<T> {
        final IdentityHashMap<T, Integer> ids = new IdentityHashMap<>();
        final ArrayList<T> list = new ArrayList<>();

        int id(T x) {
            if (x == null) {
                return -1;
            }
            Integer id = ids.get(x);
            if (id == null) {
                id = list.size();
                ids.put(x, id);
                list.add(x);
            }
            return id;
        }
    }

    /**
     * Reads what {@link #writeState} wrote into this new linker; the parser is on the start of its object.
     *
     * @return the nodes by position, for the aggregator's open transactions
     */
    List<Node> readState(StateCodec.Reader r) throws IOException {
        r.at(JsonToken.START_OBJECT);
        List<Node> nodeList = new ArrayList<>();
        List<int[]> nodeRefs = new ArrayList<>(); // comp, hop parent, bounce parent, children...
        List<Comp> compList = new ArrayList<>();
        List<Handoff> handoffList = new ArrayList<>();
        for (String f; (f = r.field()) != null; ) {
            switch (f) {
                case "clock" -> clock = r.longValue();
                case "nodes" -> {
                    r.array();
                    while (r.item()) {
                        nodeRefs.add(readNode(r, nodeList));
                    }
                }
                case "comps" -> {
                    r.array();
                    while (r.item()) {
                        compList.add(readComp(r, nodeList));
                    }
                }
                case "handoffs" -> {
                    r.array();
                    while (r.item()) {
                        handoffList.add(readHandoff(r, nodeList));
                    }
                }
                case "nodes_by_key" -> {
                    for (int id : ids(r)) {
                        Node n = ref(r, nodeList, id);
                        nodes.put(n.key, n);
                    }
                }
                case "starts" -> readIndex(r, starts, nodeList);
                case "handoffs_by_queue_id" -> readIndex(r, handoffs, handoffList);
                case "by_message_id" -> readIndex(r, byMessageId, nodeList);
                case "expiries" -> {
                    r.array();
                    while (r.item()) {
                        r.array();
                        long[] v = new long[3];
                        for (int i = 0; i < 3; i++) {
                            r.next(JsonToken.VALUE_NUMBER_INT);
                            v[i] = r.longValue();
                        }
                        r.next(JsonToken.VALUE_STRING);
                        String key = r.string();
                        r.next(JsonToken.VALUE_NUMBER_INT);
                        int id = r.intValue();
                        Object value = v[2] == HANDOFFS ? ref(r, handoffList, id) : ref(r, nodeList, id);
                        r.next(JsonToken.END_ARRAY);
                        expiries.add(new Expiry(v[0], v[1], (int) v[2], key, value));
                    }
                }
                case "host_by_ip" -> {
                    r.array();
                    while (r.item()) {
                        r.array();
                        r.next(JsonToken.VALUE_STRING);
                        String ip = r.string();
                        r.next(JsonToken.VALUE_STRING);
                        hostByIp.put(ip, r.string());
                        r.next(JsonToken.END_ARRAY);
                    }
                }
                case "known_hosts" -> {
                    r.array();
                    while (r.item()) {
                        knownHosts.add(r.string());
                    }
                }
                case "ready" -> {
                    r.array();
                    while (r.item()) {
                        r.array();
                        r.next(JsonToken.VALUE_NUMBER_INT);
                        long at = r.longValue();
                        r.next(JsonToken.VALUE_NUMBER_INT);
                        ready.add(new Ready(at, ref(r, compList, r.intValue())));
                        r.next(JsonToken.END_ARRAY);
                    }
                }
                default -> r.skip();
            }
        }
        for (int i = 0; i < nodeList.size(); i++) {
            Node n = nodeList.get(i);
            int[] refs = nodeRefs.get(i);
            n.comp = refs[0] < 0 ? null : ref(r, compList, refs[0]);
            n.hopParent = refs[1] < 0 ? null : ref(r, nodeList, refs[1]);
            n.bounceParent = refs[2] < 0 ? null : ref(r, nodeList, refs[2]);
            for (int c = 3; c < refs.length; c++) {
                n.children.add(ref(r, nodeList, refs[c]));
            }
            if (messages && n.comp == null) {
                throw r.error("node [" + n.key.host() + " " + n.key.queueId() + "] belongs to no message");
            }
        }
        return nodeList;
    }

    private static <T> T ref(StateCodec.Reader r, List<T> list, int id) throws TraceStateException {
        if (id < 0 || id >= list.size()) {
            throw r.error("reference [" + id + "] to nothing");
        }
        return list.get(id);
    }

    private static int[] ids(StateCodec.Reader r) throws IOException {
        r.array();
        int[] ids = new int[8];
        int n = 0;
        while (r.item()) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = r.intValue();
        }
        return Arrays.copyOf(ids, n);
    }

    private static int[] readNode(StateCodec.Reader r, List<Node> nodeList) throws IOException {
        r.at(JsonToken.START_OBJECT);
        String host = null;
        String queueId = null;
        long start = 0;
        Client client = null;
        String messageId = null;
        boolean open = false;
        long lastRelayed = Long.MIN_VALUE;
        ArrayList<Link> next = null;
        Link prev = null;
        Transaction tx = null;
        int comp = -1;
        int hopParent = -1;
        Link.Kind via = null;
        int[] children = new int[0];
        int bounceParent = -1;
        boolean bounce = false;
        for (String f; (f = r.field()) != null; ) {
            switch (f) {
                case "host" -> host = r.string();
                case "queue_id" -> queueId = r.string();
                case "start" -> start = r.longValue();
                case "client" -> client = r.client();
                case "message_id" -> messageId = r.string();
                case "open" -> open = r.bool();
                case "last_relayed" -> lastRelayed = r.longValue();
                case "next" -> next = r.links();
                case "prev" -> prev = r.link();
                case "tx" -> tx = r.transaction();
                case "comp" -> comp = r.intValue();
                case "hop_parent" -> hopParent = r.intValue();
                case "via" -> via = r.enumValue(Link.Kind.class);
                case "children" -> children = ids(r);
                case "bounce_parent" -> bounceParent = r.intValue();
                case "bounce" -> bounce = r.bool();
                default -> r.skip();
            }
        }
        Node n = new Node(new Key(r.require(host, "host"), r.require(queueId, "queue_id")), start, client);
        n.messageId = messageId;
        n.open = open;
        n.lastRelayed = lastRelayed;
        n.next = next;
        n.prev = prev;
        n.tx = tx;
        n.via = via;
        n.bounce = bounce;
        nodeList.add(n);
        int[] refs = new int[3 + children.length];
        refs[0] = comp;
        refs[1] = hopParent;
        refs[2] = bounceParent;
        System.arraycopy(children, 0, refs, 3, children.length);
        return refs;
    }

    private static Comp readComp(StateCodec.Reader r, List<Node> nodeList) throws IOException {
        r.at(JsonToken.START_OBJECT);
        Comp c = new Comp();
        for (String f; (f = r.field()) != null; ) {
            switch (f) {
                case "members" -> {
                    for (int id : ids(r)) {
                        c.members.add(ref(r, nodeList, id));
                    }
                }
                case "open" -> c.open = r.intValue();
                case "last_activity" -> c.lastActivity = r.longValue();
                case "wait_until" -> c.waitUntil = r.longValue();
                case "done" -> c.done = r.bool();
                default -> r.skip();
            }
        }
        return c;
    }

    private static Handoff readHandoff(StateCodec.Reader r, List<Node> nodeList) throws IOException {
        r.at(JsonToken.START_OBJECT);
        Node from = null;
        String fromHost = null;
        String fromQueueId = null;
        long time = 0;
        String relay = null;
        String whereName = null;
        String whereIp = null;
        Relays.Place place = null;
        Link.Kind kind = null;
        for (String f; (f = r.field()) != null; ) {
            switch (f) {
                case "from" -> from = ref(r, nodeList, r.intValue());
                case "from_host" -> fromHost = r.string();
                case "from_queue_id" -> fromQueueId = r.string();
                case "time" -> time = r.longValue();
                case "relay" -> relay = r.string();
                case "where_name" -> whereName = r.string();
                case "where_ip" -> whereIp = r.string();
                case "where" -> place = r.enumValue(Relays.Place.class);
                case "kind" -> kind = r.enumValue(Link.Kind.class);
                default -> r.skip();
            }
        }
        return new Handoff(from, new Key(r.require(fromHost, "from_host"), r.require(fromQueueId, "from_queue_id")),
                time, relay, new Relays.Relay(whereName, whereIp, r.require(place, "where")), r.require(kind, "kind"));
    }

    private static <T> void readIndex(StateCodec.Reader r, LinkIndex<T> index, List<T> values)
            throws IOException {
        r.array();
        while (r.item()) {
            r.at(JsonToken.START_OBJECT);
            String key = null;
            ArrayList<T> list = new ArrayList<>(1);
            for (String f; (f = r.field()) != null; ) {
                switch (f) {
                    case "key" -> key = r.string();
                    case "values" -> {
                        for (int id : ids(r)) {
                            list.add(ref(r, values, id));
                        }
                    }
                    default -> r.skip();
                }
            }
            index.put(r.require(key, "key"), list);
        }
    }

    /** The transaction whose latest recent hand-off was answered with {@code queuedAs}, or null. */
    Key handedOver(String queuedAs) {
        List<Handoff> hs = handoffs.get(queuedAs);
        return hs == null ? null : hs.get(hs.size() - 1).fromKey;
    }

    /** The open transaction with this Message-ID that started last, or null. */
    Key latestOpen(String messageId) {
        List<Node> ns = byMessageId.get(messageId);
        Node best = null;
        if (ns != null) {
            for (Node n : ns) {
                if (n.open && (best == null || n.startMillis >= best.startMillis)) {
                    best = n;
                }
            }
        }
        return best == null ? null : best.key;
    }

    /** Whether it assembles message traces. */
    boolean messages() {
        return messages;
    }

    /** Nodes held: open transactions plus finished ones waiting for their message. */
    int nodes() {
        return nodes.size();
    }
}
