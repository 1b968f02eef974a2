package dev.mailtrace.trace;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.DeliveryStatus;

/** An open transaction: mutable, owned by the aggregator's thread. */
final class TxBuilder {

    static final int ACTIVE = 0;
    static final int DEFERRED = 1;
    static final int CLOSING = 2;

    final String host;
    final String queueId;
    Instant start;
    Instant end;
    long startMillis;
    boolean accepted;
    Client client;
    String saslMethod;
    String saslUsername;
    TlsInfo tls;
    String from;
    long size = -1;
    int nrcpt = -1;
    String messageId;
    final ArrayList<RcptBuilder> rcpts = new ArrayList<>(2);
    private HashMap<String, RcptBuilder> rcptIndex;
    ArrayList<Reject> rejects;
    ArrayList<Action> actions;
    ArrayList<FilterResult> filters;
    ArrayList<MailboxResult> deliveries;
    ArrayList<Link> bounces;
    Link bounceOf;
    boolean expired;
    /** Seen an ImplicitCompletion event: ends when its recipients are done, with no removal line. */
    boolean implicitCompletion;
    /** The largest recipient count an ImplicitCompletion event announced, or -1. */
    int expectedRecipients = -1;
    ClosedBy closedBy;
    long closedAtMillis;
    /** Recipients whose last attempt is deferred or held. */
    int pending;

    // aggregator bookkeeping: the host's lists, ordered by last activity
    final HostState hostState;
    TxBuilder prev;
    TxBuilder next;
    int list = -1;
    long lastMillis;
    long seq;
    /** The linker's view of this transaction. */
    Object linkState;

    TxBuilder(HostState hostState, String queueId, Instant time) {
        this.hostState = hostState;
        this.host = hostState.name;
        this.queueId = queueId;
        this.start = time;
        this.end = time;
        this.startMillis = time.toEpochMilli();
    }

    void touch(Instant time) {
        if (time.isBefore(start)) {
            start = time;
            startMillis = time.toEpochMilli();
        }
        if (time.isAfter(end)) {
            end = time;
        }
    }

    /** The recipient for (to, orig_to), created if new; null if {@code max_recipients} is reached. */
    RcptBuilder recipient(String to, String origTo, int max, TraceStats stats) {
        String key = origTo == null ? to : to + '\u0000' + origTo;
        if (rcptIndex != null) {
            RcptBuilder r = rcptIndex.get(key);
            if (r != null) {
                return r;
            }
        } else {
            for (int i = 0, n = rcpts.size(); i < n; i++) {
                RcptBuilder r = rcpts.get(i);
                if (r.to.equals(to) && (origTo == null ? r.origTo == null : origTo.equals(r.origTo))) {
                    return r;
                }
            }
        }
        if (rcpts.size() >= max) {
            stats.droppedRecipients++;
            return null;
        }
        RcptBuilder r = new RcptBuilder(to, origTo);
        rcpts.add(r);
        if (rcptIndex != null) {
            rcptIndex.put(key, r);
        } else if (rcpts.size() > 8) {
            rcptIndex = new HashMap<>();
            for (RcptBuilder x : rcpts) {
                rcptIndex.put(x.origTo == null ? x.to : x.to + '\u0000' + x.origTo, x);
            }
        }
        return r;
    }

    boolean add(List<?> list, int max, TraceStats stats) {
        if (list.size() >= max) {
            stats.droppedActions++;
            return false;
        }
        return true;
    }

    void addReject(Reject r, int max, TraceStats stats) {
        if (rejects == null) {
            rejects = new ArrayList<>(1);
        }
        if (add(rejects, max, stats)) {
            rejects.add(r);
        }
    }

    void addAction(Action a, int max, TraceStats stats) {
        if (actions == null) {
            actions = new ArrayList<>(2);
        }
        if (add(actions, max, stats)) {
            actions.add(a);
        }
    }

    void addFilter(FilterResult f, int max, TraceStats stats) {
        if (filters == null) {
            filters = new ArrayList<>(2);
        }
        if (add(filters, max, stats)) {
            filters.add(f);
        }
    }

    void addDelivery(MailboxResult d, int max, TraceStats stats) {
        if (deliveries == null) {
            deliveries = new ArrayList<>(1);
        }
        if (add(deliveries, max, stats)) {
            deliveries.add(d);
        }
    }

    void addBounce(Link l) {
        if (bounces == null) {
            bounces = new ArrayList<>(1);
        }
        for (Link b : bounces) {
            if (b.queueId().equals(l.queueId())) {
                return;
            }
        }
        bounces.add(l);
    }

    Transaction build(List<Link> next, Link prev) {
        List<Recipient> recipients = new ArrayList<>(rcpts.size());
        for (RcptBuilder r : rcpts) {
            recipients.add(r.build(expired));
        }
        return new Transaction(host, queueId, start, end, client, saslMethod, saslUsername, tls, from, size, nrcpt,
                messageId, recipients, rejects == null ? List.of() : rejects, actions == null ? List.of() : actions,
                next, prev, bounceOf, bounces == null ? List.of() : bounces, closedBy.complete(), closedBy,
                filters == null ? List.of() : filters, deliveries == null ? List.of() : matched(recipients));
    }

    /**
     * The mailbox deliveries with the recipient each belongs to: the one whose LMTP reply named the
     * delivery's session id, else the one with the mailbox owner's address as {@code to} or
     * {@code orig_to} (ignoring case), else with its local part, else the only recipient delivered
     * to a socket or local transport.
     */
    private List<MailboxResult> matched(List<Recipient> recipients) {
        List<MailboxResult> out = new ArrayList<>(deliveries.size());
        for (MailboxResult d : deliveries) {
            Recipient r = bySession(recipients, d.sessionId());
            if (r == null && d.user() != null) {
                r = byAddress(recipients, d.user(), false);
                if (r == null) {
                    r = byAddress(recipients, d.user(), true);
                }
            }
            if (r == null) {
                r = onlyLocal(recipients);
            }
            out.add(r == null ? d : d.to(r.to()));
        }
        return out;
    }

    private static Recipient bySession(List<Recipient> recipients, String session) {
        if (session != null) {
            for (Recipient r : recipients) {
                for (DeliveryAttempt a : r.attempts()) {
                    if (session.equals(a.queuedAs())) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    private static Recipient byAddress(List<Recipient> recipients, String user, boolean localPart) {
        String u = localPart ? localPart(user) : user;
        for (Recipient r : recipients) {
            String to = localPart ? localPart(r.to()) : r.to();
            String orig = r.origTo() == null ? null : localPart ? localPart(r.origTo()) : r.origTo();
            if (to.equalsIgnoreCase(u) || orig != null && orig.equalsIgnoreCase(u)) {
                return r;
            }
        }
        return null;
    }

    private static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    private static Recipient onlyLocal(List<Recipient> recipients) {
        Recipient only = null;
        for (Recipient r : recipients) {
            if (Relays.place(r.lastAttempt().relay()) == Relays.Place.LOCAL) {
                if (only != null) {
                    return null;
                }
                only = r;
            }
        }
        return only != null ? only : recipients.size() == 1 ? recipients.get(0) : null;
    }

    /** Writes this open transaction for {@link TraceAggregator#writeState}; its node by position. */
    void writeState(JsonGenerator g, Integer node) throws IOException {
        g.writeStartObject();
        g.writeStringField("queue_id", queueId);
        StateCodec.instant(g, "start", start);
        StateCodec.instant(g, "end", end);
        g.writeBooleanField("accepted", accepted);
        StateCodec.client(g, "client", client);
        StateCodec.string(g, "sasl_method", saslMethod);
        StateCodec.string(g, "sasl_username", saslUsername);
        StateCodec.tls(g, "tls", tls);
        StateCodec.string(g, "from", from);
        g.writeNumberField("size", size);
        g.writeNumberField("nrcpt", nrcpt);
        StateCodec.string(g, "message_id", messageId);
        g.writeArrayFieldStart("recipients");
        for (RcptBuilder r : rcpts) {
            g.writeStartObject();
            g.writeStringField("to", r.to);
            StateCodec.string(g, "orig_to", r.origTo);
            StateCodec.attempts(g, r.attempts);
            StateCodec.enumValue(g, "last", r.last);
            StateCodec.instant(g, "last_time", r.lastTime);
            g.writeEndObject();
        }
        g.writeEndArray();
        StateCodec.rejects(g, rejects);
        StateCodec.actions(g, actions);
        StateCodec.filters(g, filters);
        StateCodec.deliveries(g, deliveries);
        StateCodec.links(g, "bounces", bounces);
        StateCodec.link(g, "bounce_of", bounceOf);
        g.writeBooleanField("expired", expired);
        g.writeBooleanField("implicit_completion", implicitCompletion);
        g.writeNumberField("expected_recipients", expectedRecipients);
        StateCodec.enumValue(g, "closed_by", closedBy);
        g.writeNumberField("closed_at", closedAtMillis);
        g.writeNumberField("pending", pending);
        g.writeNumberField("last_activity", lastMillis);
        g.writeNumberField("seq", seq);
        if (node != null) {
            g.writeNumberField("node", node);
        }
        g.writeEndObject();
    }

    /** Reads what {@link #writeState} wrote; the caller puts it in its host's map and list. */
    static TxBuilder readState(StateCodec.Reader r, HostState hs, List<TraceLinker.Node> nodes) throws IOException {
        r.at(JsonToken.START_OBJECT);
        String queueId = null;
        Instant start = null;
        TxBuilder tx = null;
        for (String f; (f = r.field()) != null; ) {
            if (tx == null && !f.equals("queue_id") && !f.equals("start")) {
                throw r.error("a transaction must begin with [queue_id] and [start]");
            }
            switch (f) {
                case "queue_id" -> queueId = r.string();
                case "start" -> start = r.instant();
                case "end" -> tx.end = r.require(r.instant(), "end");
                case "accepted" -> tx.accepted = r.bool();
                case "client" -> tx.client = r.client();
                case "sasl_method" -> tx.saslMethod = r.string();
                case "sasl_username" -> tx.saslUsername = r.string();
                case "tls" -> tx.tls = r.tls();
                case "from" -> tx.from = r.string();
                case "size" -> tx.size = r.longValue();
                case "nrcpt" -> tx.nrcpt = r.intValue();
                case "message_id" -> tx.messageId = r.string();
                case "recipients" -> {
                    r.array();
                    while (r.item()) {
                        tx.rcpts.add(RcptBuilder.readState(r));
                    }
                    if (tx.rcpts.size() > 8) {
                        tx.rcptIndex = new HashMap<>();
                        for (RcptBuilder x : tx.rcpts) {
                            tx.rcptIndex.put(x.origTo == null ? x.to : x.to + '\u0000' + x.origTo, x);
                        }
                    }
                }
                case "rejects" -> tx.rejects = r.rejects();
                case "actions" -> tx.actions = r.actions();
                case "filters" -> tx.filters = r.filters();
                case "deliveries" -> tx.deliveries = r.deliveries();
                case "bounces" -> tx.bounces = r.links();
                case "bounce_of" -> tx.bounceOf = r.link();
                case "expired" -> tx.expired = r.bool();
                case "implicit_completion" -> tx.implicitCompletion = r.bool();
                case "expected_recipients" -> tx.expectedRecipients = r.intValue();
                case "closed_by" -> tx.closedBy = r.enumValue(ClosedBy.class);
                case "closed_at" -> tx.closedAtMillis = r.longValue();
                case "pending" -> tx.pending = r.intValue();
                case "last_activity" -> tx.lastMillis = r.longValue();
                case "seq" -> tx.seq = r.longValue();
                case "node" -> {
                    int id = r.intValue();
                    if (id < 0 || id >= nodes.size()) {
                        throw r.error("reference [" + id + "] to nothing");
                    }
                    tx.linkState = nodes.get(id);
                }
                default -> r.skip();
            }
            if (tx == null && queueId != null && start != null) {
                tx = new TxBuilder(hs, queueId, start);
            }
        }
        if (tx == null) {
            throw r.error("a transaction without [queue_id] or [start]");
        }
        if (tx.linkState == null) {
            throw r.error("transaction [" + hs.name + " " + queueId + "] without its [node]");
        }
        return tx;
    }

    /** One recipient's attempts. */
    static final class RcptBuilder {
        final String to;
        final String origTo;
        final ArrayList<DeliveryAttempt> attempts = new ArrayList<>(1);
        /** The status of the attempt latest in event time. */
        DeliveryStatus last;
        Instant lastTime;

        RcptBuilder(String to, String origTo) {
            this.to = to;
            this.origTo = origTo;
        }

        /** Adds an attempt; returns whether it is now the latest. */
        boolean add(DeliveryAttempt a, int max, TraceStats stats) {
            if (attempts.size() >= max) {
                // keep the first and the latest ones: drop the second
                attempts.remove(1);
                stats.droppedAttempts++;
            }
            attempts.add(a);
            if (lastTime == null || !a.time().isBefore(lastTime)) {
                last = a.status();
                lastTime = a.time();
                return true;
            }
            return false;
        }

        static RcptBuilder readState(StateCodec.Reader r) throws IOException {
            r.at(JsonToken.START_OBJECT);
            String to = null;
            String origTo = null;
            List<DeliveryAttempt> attempts = List.of();
            DeliveryStatus last = null;
            Instant lastTime = null;
            for (String f; (f = r.field()) != null; ) {
                switch (f) {
                    case "to" -> to = r.string();
                    case "orig_to" -> origTo = r.string();
                    case "attempts" -> attempts = r.attempts();
                    case "last" -> last = r.enumValue(DeliveryStatus.class);
                    case "last_time" -> lastTime = r.instant();
                    default -> r.skip();
                }
            }
            RcptBuilder b = new RcptBuilder(r.require(to, "to"), origTo);
            b.attempts.addAll(attempts);
            b.last = last;
            b.lastTime = lastTime;
            return b;
        }

        static boolean pending(DeliveryStatus s) {
            return s == DeliveryStatus.DEFERRED || s == DeliveryStatus.HELD;
        }

        Recipient build(boolean expired) {
            List<DeliveryAttempt> sorted = attempts;
            for (int i = 1; i < attempts.size(); i++) {
                if (attempts.get(i).time().isBefore(attempts.get(i - 1).time())) {
                    sorted = new ArrayList<>(attempts);
                    sorted.sort((a, b) -> a.time().compareTo(b.time())); // stable: ties keep log order
                    break;
                }
            }
            DeliveryStatus status = last;
            if (expired && pending(status)) {
                status = DeliveryStatus.EXPIRED;
            }
            return new Recipient(to, origTo, status, sorted);
        }
    }
}
