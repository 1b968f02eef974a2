package dev.mailtrace.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.Client;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.FilterVerdict;
import dev.mailtrace.event.ImplicitCompletion;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.MailboxDelivery;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageExpired;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MessageRemoved;
import dev.mailtrace.event.MultiRecipientAttempt;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.event.TlsEstablished;
import dev.mailtrace.parse.EventListener;
import dev.mailtrace.parse.ParsedLine;

/**
 * Turns a stream of events into {@link Transaction}s, {@link Reject}s and (optionally)
 * {@link MessageTrace}s, emitting each record as soon as it is finished. It reads only the generic
 * event interfaces of {@link dev.mailtrace.event}, so any dialect implementing them gets
 * transactions and traces without code here.
 *
 * <pre>{@code
 * TraceAggregator agg = TraceAggregator.builder()
 *         .messages(true)                                   // also assemble end-to-end traces
 *         .listener(record -> sink.accept(record))
 *         .build();
 * parser.parse(reader, agg);                                // it is an EventListener
 * agg.finish();                                             // flush what is still open, marked incomplete
 * }</pre>
 *
 * <h2>Transactions</h2>
 * <ul>
 *   <li>Key: (host, queue id) — never the queue id alone. Lines without host use {@code ""}.</li>
 *   <li>A transaction starts with its first event: normally a {@link MessageAccepted} ({@code client=},
 *       {@code pickup}), but logs that begin mid-way or bounces (whose first line is cleanup's
 *       {@code message-id=}) start with whatever comes first.</li>
 *   <li>It ends with {@link MessageRemoved}, or with a {@link Rejection} that names its queue id at
 *       stage {@code DATA}, {@code BDAT} or {@code END-OF-MESSAGE} (header checks, milters: the message
 *       is refused and never removed). It is then emitted after {@code reorder_window} of event time
 *       on its host, so that lines slightly out of order still join it.</li>
 *   <li>Queue ids are reused: an event that can only begin a message — a {@link MessageAccepted}, or a
 *       {@link MessageIdentified} / {@link EnvelopeSender} naming a different Message-ID / sender than
 *       the transaction has — starts a new transaction when the old one has ended, and closes the old
 *       one as {@link ClosedBy#REUSED} when its end was never seen. (A {@code MessageAccepted} within
 *       {@code reorder_window} of an open transaction's start that had none is that transaction's own,
 *       late line.)</li>
 *   <li>Recipients are keyed by (to, orig_to); every attempt is kept in time order and the final status is
 *       the latest attempt's, so deferred-then-sent is one recipient with two attempts and status
 *       {@code sent}; a {@link MessageExpired} turns recipients still deferred into {@code expired}.</li>
 *   <li>A {@link TlsEstablished} with a client is attached to the next {@link MessageAccepted} of the
 *       same host, program and pid from the same client address (one connection per process at a
 *       time, as postfix smtpd and sendmail work).</li>
 *   <li>Other {@link QueueEvent}s (milter and header-check actions, delivery errors, ...) are kept as
 *       {@link Action}s with all their fields.</li>
 *   <li>Timeouts run on event time, per host (each host's clock is the latest timestamp it logged, so
 *       per-host files read one after another work too): a transaction with no line for
 *       {@code idle_timeout} ({@code deferred_idle_timeout} while a recipient is deferred) is emitted
 *       incomplete ({@link ClosedBy#TIMEOUT}). Beyond {@code max_open_transactions}, the least recently
 *       active one is emitted incomplete ({@link ClosedBy#EVICTED}). {@link #finish()} emits the rest
 *       ({@link ClosedBy#END_OF_INPUT}). When a host's time goes back by more than {@code idle_timeout} for
 *       {@value #RESET_AFTER} events in a row (its files read newest first, a replay), its clock follows the new
 *       time line; single stray lines change nothing.</li>
 * </ul>
 *
 * <h2>Links</h2>
 * Dialect-independent, from the generic events only; a link names the other transaction's host and
 * queue id and how it was found ({@link Link.Kind}):
 * <ol>
 *   <li><b>Relay</b> — a {@link RecipientAttempt} with status {@code sent} whose reply names the next
 *       hop's queue id ({@code queuedAs()}, postfix {@code 250 2.0.0 Ok: queued as 7A3C31A0F21}) links to
 *       the transaction with that queue id on <em>another</em> host that started within
 *       {@code link_window} of the attempt (before or after it: clocks and log order differ). When
 *       several match, the one with most evidence wins: the relay's name is the host
 *       ({@code mbox1.corp.example.net} names syslog host {@code mbox1}: equal, or equal first labels)
 *       or the relay's address was learned for it from an earlier link (+2); the next hop's client
 *       names the sending host the same way (+1); then the closest in time. A single candidate is
 *       linked on the queue id and time alone. Hand-offs whose next hop is not found stay in
 *       {@code next} with the relay and no host: a relay outside the logs.</li>
 *   <li><b>Reinjection</b> — the same on the <em>same</em> host when the relay is a loopback address
 *       or {@code localhost} (a content filter: amavis on 127.0.0.1:10024 hands back through :10025),
 *       and a {@link MessageAccepted} naming {@code previousQueueId()}.</li>
 *   <li><b>Final hops</b> — a relay that is a socket or a local transport
 *       ({@code mbox1[private/dovecot-lmtp]}, {@code local}, {@code virtual}) is a delivery into a
 *       mailbox: the recipient ends there; its {@code queued as} (LMTP session ids) links only if a
 *       transaction with that id exists on the host.</li>
 *   <li><b>Bounces</b> — a {@link BounceCreated} links the transaction to its notification's
 *       transaction on the same host both ways ({@code bounces} / {@code bounce_of}).</li>
 *   <li><b>Message-ID fallback</b> — a transaction accepted from a client and not handed over by any of
 *       the above joins the latest transaction with the same Message-ID that started within
 *       {@code link_window} before it (not after it, and not one it handed the message to) on another
 *       host (or on the same host when the client is a
 *       loopback address) and is still open or sent a recipient on within the window.</li>
 * </ol>
 * Links are found when the later of the two notifications arrives (a start, a hand-off); a
 * transaction lists the links known when it is emitted, so with time-ordered input both sides carry
 * them. Input must be roughly ordered in time across hosts (within {@code link_window}) for links;
 * per-host order is all transactions need.
 *
 * <h2>Message traces</h2>
 * With {@link Builder#messages(boolean)}, linked transactions form one {@link MessageTrace}: hops
 * ordered by start, each recipient's outcome where it ended (a recipient sent to a next hop that has
 * it — as {@code to} or {@code orig_to} — continues there), and bounces as nested traces. A trace is
 * emitted when all its transactions have ended and nothing happened to it for {@code reorder_window}
 * (longer, up to {@code link_window}, while a hand-off to a host in the logs waits for its next hop).
 *
 * <h2>Runs in parts</h2>
 * {@link #writeState} saves everything open at the end of a run (or as a checkpoint at any time) and
 * {@link #readState} restores it into the aggregator of the next run: the runs together emit exactly
 * the records of one run over the whole input.
 *
 * <p><b>Threads:</b> not thread-safe; feed it from one thread, in log order per host. Parse on many
 * threads and aggregate on one with {@link TracePipeline}.
 */
public final class TraceAggregator implements EventListener {

    private static final Logger LOG = LoggerFactory.getLogger(TraceAggregator.class);
    /** Consecutive events of a host more than the idle timeout behind its clock that start a new time line. */
    static final int RESET_AFTER = 64;

    private final TraceLimits limits;
    private final TraceListener listener;
    private final TraceLinker linker;
    private final TraceStats stats = new TraceStats();
    private final long idleMs;
    private final long deferredIdleMs;
    private final long reorderMs;
    private final HashMap<String, HostState> hosts = new HashMap<>();
    private HostState lastHost;
    private long open;
    private long seq;
    private long globalClock = Long.MIN_VALUE;
    private boolean evictionLogged;
    private final LinkedHashMap<ProcessKey, PendingTls> tlsByProcess = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ProcessKey, PendingTls> eldest) {
            return size() > 10_000;
        }
    };
    private final FieldCapture capture = new FieldCapture();
    /** Mailbox deliveries by session id whose LMTP reply has not been logged yet; the oldest are dropped. */
    private final LinkedHashMap<String, List<MailboxResult>> waitingDeliveries = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<MailboxResult>> eldest) {
            if (size() > 10_000) {
                stats.unattachedDeliveries += eldest.getValue().size();
                return true;
            }
            return false;
        }
    };

    private record PendingTls(String ip, TlsInfo tls, long time) {
    }

    /**
     * The process that logged a TLS session and then the client line of its transaction: a record
     * rather than a joined string, since it is looked up for every message. Saved states write its
     * parts as fields of their own: host and program names are bytes from the log, NUL included.
     */
    private record ProcessKey(String host, String program, long pid) {
        /**
         * A key as states written before 0.1 joined it, {@code host NUL program NUL pid}: the host up to
         * the first NUL, the pid after the last, the program between (a NUL in a host name is read
         * into the program).
         */
        static ProcessKey parseJoined(String text) throws TraceStateException {
            int first = text.indexOf('\u0000');
            int last = text.lastIndexOf('\u0000');
            try {
                String program = text.substring(first + 1, last);
                // a process without program name was written as "null"
                return new ProcessKey(text.substring(0, first), program.equals("null") ? null : program,
                        Long.parseLong(text.substring(last + 1)));
            } catch (RuntimeException e) {
                throw new TraceStateException("not a process: " + text.replace('\u0000', ' '));
            }
        }
    }

    private TraceAggregator(Builder b) {
        this.limits = b.limits;
        this.listener = b.listener;
        this.linker = new TraceLinker(b.limits, b.messages, stats, b.listener);
        this.idleMs = limits.idleTimeout().toMillis();
        this.deferredIdleMs = limits.deferredIdleTimeout().toMillis();
        this.reorderMs = limits.reorderWindow().toMillis();
    }

    /** A builder: {@link Builder#listener} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the aggregator reads this kind of event at all (others are ignored): for filtering early. */
    public static boolean accepts(LogEvent event) {
        return event instanceof QueueEvent || event instanceof Rejection || event instanceof TlsEstablished
                || event instanceof FilterVerdict || event instanceof MailboxDelivery;
    }

    /** What it did so far. */
    public TraceStats stats() {
        return stats;
    }

    /** The limits in force. */
    public TraceLimits limits() {
        return limits;
    }

    /** Transactions open now. */
    public long openTransactions() {
        return open;
    }

    /** One event with the line it came from. */
    @Override
    public void event(ParsedLine line, LogEvent event) {
        if (accepts(event)) {
            accept(line.host(), line.instant(), line.program(), line.pid(), event);
        }
    }

    /**
     * One event.
     *
     * @param host the host that logged it, or null
     * @param time its timestamp, or null (then the host's latest)
     * @param program the program that logged it, or null (only used to attach TLS sessions)
     * @param pid the process id, or -1 (likewise)
     * @param event the event; ignored unless {@link #accepts(LogEvent)}
     */
    public void accept(String host, Instant time, String program, long pid, LogEvent event) {
        if (!accepts(event)) {
            return;
        }
        stats.events++;
        HostState hs = hostState(host == null ? "" : host);
        if (time == null) {
            if (hs.clockInstant == null) {
                stats.untimedEvents++;
                return;
            }
            time = hs.clockInstant;
        }
        long t = time.toEpochMilli();
        if (event instanceof Rejection r) {
            rejection(hs, time, t, r);
        } else if (event instanceof FilterVerdict v) {
            verdict(hs, time, t, v);
        } else if (event instanceof MailboxDelivery d) {
            delivery(hs, time, d);
        } else if (event instanceof QueueEvent q) {
            queueEvent(hs, time, t, q, program, pid);
        } else if (event instanceof TlsEstablished tls && tls.client() != null) {
            tlsByProcess.put(new ProcessKey(hs.name, program, pid), new PendingTls(tls.client().ip(),
                    new TlsInfo(tls.version(), tls.cipher(), tls.cipherBits()), t));
        }
        advance(hs, time, t);
    }

    /**
     * Ends the input: emits every transaction still waiting for late lines (complete), then every
     * open one, in order of start, marked {@link ClosedBy#END_OF_INPUT}, then every message trace.
     */
    public void finish() {
        List<TxBuilder> left = new ArrayList<>();
        for (HostState hs : hosts.values()) {
            left.addAll(hs.open.values());
        }
        left.sort(Comparator.comparing((TxBuilder x) -> x.start).thenComparing(x -> x.host).thenComparing(x -> x.queueId));
        for (TxBuilder tx : left) {
            if (tx.closedBy == null) {
                tx.closedBy = ClosedBy.END_OF_INPUT;
            }
            emit(tx);
        }
        linker.finish();
    }

    // ------------------------------------------------------------------ saved state

    /**
     * Writes everything the aggregator holds — open transactions and those waiting for late lines,
     * each host's clock, pending TLS sessions, the linker's recent starts, hand-offs and Message-IDs,
     * message traces not yet emitted — so that {@link #readState} in a new aggregator (the next run,
     * after a restart) carries on exactly where this one stands: feeding the rest of the input there
     * gives exactly the records this aggregator would have emitted. Call it instead of
     * {@link #finish()} at the end of a run over part of a log (a cron job over the lines added since
     * the last run), or at any time as a checkpoint: it changes nothing, and this aggregator can go on.
     *
     * <p>The format is JSON (jackson-core), versioned ({@code "format":"mailtrace-trace-state","version":1});
     * a newer version is refused by older readers. Its size is proportional to what is open. The
     * stream is not closed. Write to a temporary file and rename it over the previous state, so that a
     * crash while writing leaves the previous state intact.
     *
     * @throws IOException if writing failed
     */
    public void writeState(OutputStream out) throws IOException {
        try (JsonGenerator g = StateCodec.JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", StateCodec.FORMAT);
            g.writeNumberField("version", StateCodec.VERSION);
            g.writeBooleanField("messages", linker.messages());
            List<TxBuilder> txs = new ArrayList<>();
            for (HostState hs : hosts.values()) {
                for (int list = TxBuilder.ACTIVE; list <= TxBuilder.CLOSING; list++) {
                    for (TxBuilder x = hs.heads[list]; x != null; x = x.next) {
                        txs.add(x);
                    }
                }
            }
            g.writeObjectFieldStart("linker");
            IdentityHashMap<TraceLinker.Node, Integer> nodeIds = linker.writeState(g, txs);
            g.writeEndObject();
            g.writeNumberField("seq", seq);
            g.writeNumberField("global_clock", globalClock);
            g.writeArrayFieldStart("hosts");
            for (HostState hs : hosts.values()) { // in the map's order: read back into a new map, it iterates alike
                g.writeStartObject();
                g.writeStringField("name", hs.name);
                g.writeNumberField("clock", hs.clock);
                StateCodec.instant(g, "clock_instant", hs.clockInstant);
                g.writeNumberField("behind", hs.behind);
                g.writeArrayFieldStart("lists"); // active, deferred, closing: each by last activity
                for (int list = TxBuilder.ACTIVE; list <= TxBuilder.CLOSING; list++) {
                    g.writeStartArray();
                    for (TxBuilder x = hs.heads[list]; x != null; x = x.next) {
                        x.writeState(g, nodeIds.get((TraceLinker.Node) x.linkState));
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tls_by_process"); // least recently used first
            for (Map.Entry<ProcessKey, PendingTls> e : tlsByProcess.entrySet()) {
                PendingTls p = e.getValue();
                g.writeStartObject();
                g.writeStringField("host", e.getKey().host());
                StateCodec.string(g, "program", e.getKey().program());
                g.writeNumberField("pid", e.getKey().pid());
                StateCodec.string(g, "ip", p.ip);
                StateCodec.tls(g, "tls", p.tls);
                g.writeNumberField("time", p.time);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("waiting_deliveries"); // oldest first
            for (List<MailboxResult> waiting : waitingDeliveries.values()) {
                for (MailboxResult m : waiting) {
                    g.writeStartObject();
                    g.writeFieldName("delivery");
                    StateCodec.delivery(g, m);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * Restores what {@link #writeState} wrote, into this aggregator before its first event. It must be
     * built with the same {@link Builder#messages(boolean) messages} setting; limits may differ (new ones
     * apply from the next event on). {@link #stats()} count this run only, apart from the open
     * transactions. The stream is read to the end of the state and not closed.
     *
     * @throws TraceStateException if the input is not a trace state, is damaged, was written by a newer
     *     format version or with another {@code messages} setting
     * @throws IOException if reading failed
     * @throws IllegalStateException if this aggregator has seen events or restored a state already
     */
    public void readState(InputStream in) throws IOException {
        if (stats.events > 0 || !hosts.isEmpty()) {
            throw new IllegalStateException("a state can only be read into a new aggregator, before its first event");
        }
        try (JsonParser p = StateCodec.JSON.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            StateCodec.Reader r = new StateCodec.Reader(p);
            try {
                r.next(JsonToken.START_OBJECT);
            } catch (JsonProcessingException e) {
                throw new TraceStateException("not a trace state: " + e.getOriginalMessage(), e);
            }
            List<TraceLinker.Node> nodes = null;
            boolean header = false;
            try {
                for (String f; (f = r.field()) != null; ) {
                    if (!header && !f.equals("format")) {
                        throw new TraceStateException("not a trace state: it does not begin with [\"format\":\""
                                + StateCodec.FORMAT + "\"]");
                    }
                    switch (f) {
                        case "format" -> {
                            String format = r.string();
                            if (!StateCodec.FORMAT.equals(format)) {
                                throw new TraceStateException("not a trace state: format [" + format + "], expected ["
                                        + StateCodec.FORMAT + "]");
                            }
                            header = true;
                        }
                        case "version" -> {
                            int version = r.intValue();
                            if (version != StateCodec.VERSION) {
                                throw new TraceStateException("trace state version [" + version + "]; this mailtrace reads"
                                        + " version [" + StateCodec.VERSION + "]");
                            }
                        }
                        case "messages" -> {
                            boolean messages = r.bool();
                            if (messages != linker.messages()) {
                                throw new TraceStateException("trace state written with messages [" + messages
                                        + "], this aggregator has messages [" + linker.messages() + "]: build it with"
                                        + " .messages(" + messages + ")");
                            }
                        }
                        case "linker" -> nodes = linker.readState(r);
                        case "seq" -> seq = r.longValue();
                        case "global_clock" -> globalClock = r.longValue();
                        case "hosts" -> {
                            r.array();
                            while (r.item()) {
                                readHost(r, r.require(nodes, "linker"));
                            }
                        }
                        case "waiting_deliveries" -> {
                            r.array();
                            while (r.item()) {
                                r.at(JsonToken.START_OBJECT);
                                for (String g; (g = r.field()) != null; ) {
                                    if (g.equals("delivery")) {
                                        MailboxResult m = r.delivery();
                                        waitingDeliveries.computeIfAbsent(r.require(m.sessionId(), "session_id"),
                                                k -> new ArrayList<>(1)).add(m);
                                    } else {
                                        r.skip();
                                    }
                                }
                            }
                        }
                        case "tls_by_process" -> {
                            r.array();
                            while (r.item()) {
                                readTls(r);
                            }
                        }
                        default -> r.skip();
                    }
                }
            } catch (JsonProcessingException e) {
                throw new TraceStateException("damaged trace state: " + e.getOriginalMessage(), e);
            }
            if (nodes == null) {
                throw new TraceStateException("damaged trace state: [linker] is missing");
            }
        }
        stats.openTransactions = open;
        stats.peakOpenTransactions = Math.max(stats.peakOpenTransactions, open);
    }

    private void readHost(StateCodec.Reader r, List<TraceLinker.Node> nodes) throws IOException {
        r.at(JsonToken.START_OBJECT);
        HostState hs = null;
        for (String f; (f = r.field()) != null; ) {
            if (hs == null && !f.equals("name")) {
                throw r.error("a host must begin with its [name]");
            }
            switch (f) {
                case "name" -> {
                    hs = new HostState(r.require(r.string(), "name"));
                    hosts.put(hs.name, hs);
                }
                case "clock" -> hs.clock = r.longValue();
                case "clock_instant" -> hs.clockInstant = r.instant();
                case "behind" -> hs.behind = r.intValue();
                case "lists" -> {
                    r.array();
                    for (int list = TxBuilder.ACTIVE; r.item(); list++) {
                        if (list > TxBuilder.CLOSING) {
                            throw r.error("more than three transaction lists");
                        }
                        r.array();
                        while (r.item()) {
                            TxBuilder tx = TxBuilder.readState(r, hs, nodes);
                            hs.open.put(tx.queueId, tx);
                            hs.append(tx, list);
                            open++;
                        }
                    }
                }
                default -> r.skip();
            }
        }
    }

    private void readTls(StateCodec.Reader r) throws IOException {
        r.at(JsonToken.START_OBJECT);
        String joined = null;
        String host = null;
        String program = null;
        long pid = -1;
        String ip = null;
        TlsInfo tls = null;
        long time = 0;
        for (String f; (f = r.field()) != null; ) {
            switch (f) {
                case "host" -> host = r.string();
                case "program" -> program = r.string();
                case "pid" -> pid = r.longValue();
                case "process" -> joined = r.string();
                case "ip" -> ip = r.string();
                case "tls" -> tls = r.tls();
                case "time" -> time = r.longValue();
                default -> r.skip();
            }
        }
        ProcessKey key = joined != null ? ProcessKey.parseJoined(joined) : new ProcessKey(r.require(host, "host"), program, pid);
        tlsByProcess.put(key, new PendingTls(ip, r.require(tls, "tls"), time));
    }

    // ------------------------------------------------------------------ events

    private void rejection(HostState hs, Instant time, long t, Rejection r) {
        Reject rec = new Reject(time, hs.name, r.queueId(), r.client(), r.stage(), r.code(), r.dsn(), r.sender(),
                r.recipient(), r.helo(), r.reason(), r.reasonText());
        String qid = r.queueId();
        if (qid != null && !qid.isEmpty()) {
            TxBuilder tx = txFor(hs, qid, time, t);
            tx.addReject(rec, limits.maxActions(), stats);
            tx.touch(time);
            String stage = r.stage();
            if (tx.closedBy == null && ("DATA".equalsIgnoreCase(stage) || "END-OF-MESSAGE".equalsIgnoreCase(stage)
                    || "BDAT".equalsIgnoreCase(stage))) {
                close(tx, ClosedBy.REJECTED, t);
            } else {
                activity(tx, t);
            }
        }
        stats.rejects++;
        listener.record(rec);
    }

    /** A filter's verdict joins the transaction it names; a re-injection it names links like a hand-off. */
    private void verdict(HostState hs, Instant time, long t, FilterVerdict v) {
        String qid = v.queueId();
        if (qid == null || qid.isEmpty()) {
            stats.unattachedVerdicts++;
            return;
        }
        TxBuilder tx = txFor(hs, qid, time, t);
        tx.addFilter(new FilterResult(time, v.filter(), v.verdict(), v.disposition(), v.score(), v.delay(),
                v.recipients(), v.queuedAs()), limits.maxActions(), stats);
        if (tx.messageId == null && v.messageId() != null && !v.messageId().isEmpty()) {
            tx.messageId = v.messageId();
            linker.identified(tx);
        }
        for (String q : v.queuedAs()) {
            if (!q.isEmpty() && !q.equals(qid)) {
                linker.handoff(tx, time, null, q, true);
            }
        }
        tx.touch(time);
        activity(tx, t);
    }

    /**
     * A mailbox server's delivery joins the transaction that handed the message over: the one whose
     * LMTP reply named the delivery's session id, else the latest open one with its Message-ID. The
     * mailbox server usually logs before the MTA logs the reply; a delivery with a session id and no
     * transaction yet waits for the reply that names it.
     */
    private void delivery(HostState hs, Instant time, MailboxDelivery d) {
        MailboxResult result = new MailboxResult(time, hs.name, null, d.recipient(), d.mailbox(), d.status(),
                d.forwardedTo(), d.sessionId(), d.reason());
        TxBuilder tx = null;
        String session = d.sessionId();
        if (session != null && !session.isEmpty()) {
            tx = open(linker.handedOver(session));
        }
        if (tx == null && d.messageId() != null && !d.messageId().isEmpty()) {
            tx = open(linker.latestOpen(d.messageId()));
        }
        if (tx != null) {
            tx.addDelivery(result, limits.maxActions(), stats);
            stats.deliveries++;
        } else if (session != null && !session.isEmpty()) {
            waitingDeliveries.computeIfAbsent(session, k -> new ArrayList<>(1)).add(result);
        } else {
            stats.unattachedDeliveries++;
        }
    }

    /** The open transaction with this key, or null. */
    private TxBuilder open(TraceLinker.Key key) {
        if (key == null) {
            return null;
        }
        HostState hs = hosts.get(key.host());
        return hs == null ? null : hs.open.get(key.queueId());
    }

    private void queueEvent(HostState hs, Instant time, long t, QueueEvent e, String program, long pid) {
        String qid = e.queueId();
        if (qid == null || qid.isEmpty()) {
            return;
        }
        TxBuilder tx;
        if (e instanceof MessageAccepted a) {
            tx = accepted(hs, time, t, a);
            if (tx.client == null && a.client() != null) {
                tx.client = a.client();
                linker.client(tx);
            }
            if (tx.saslMethod == null) {
                tx.saslMethod = a.saslMethod();
            }
            if (tx.saslUsername == null) {
                tx.saslUsername = a.saslUsername();
            }
            if (tx.tls == null && !tlsByProcess.isEmpty() && a.client() != null) {
                PendingTls p = tlsByProcess.get(new ProcessKey(hs.name, program, pid));
                if (p != null && (p.ip == null || a.client().ip() == null || p.ip.equals(a.client().ip()))
                        && t - p.time <= idleMs) {
                    tx.tls = p.tls;
                }
            }
            String previous = a.previousQueueId();
            if (previous != null && !previous.isEmpty() && !previous.equals(qid)) {
                linker.previous(tx, previous);
            }
        } else if (e instanceof MessageIdentified m) {
            tx = hs.open.get(qid);
            if (tx != null && tx.messageId != null && m.messageId() != null && !tx.messageId.equals(m.messageId())) {
                tx = restart(hs, tx, time, t);
            }
            if (tx == null) {
                tx = create(hs, qid, time, t);
            }
            if (tx.messageId == null && m.messageId() != null) {
                tx.messageId = m.messageId();
                linker.identified(tx);
            }
        } else if (e instanceof EnvelopeSender s) {
            tx = hs.open.get(qid);
            if (tx != null && tx.from != null && s.sender() != null && !tx.from.equals(s.sender())) {
                tx = restart(hs, tx, time, t);
            }
            if (tx == null) {
                tx = create(hs, qid, time, t);
            }
            if (tx.from == null) {
                tx.from = s.sender();
            }
            if (tx.size < 0) {
                tx.size = s.size();
            }
            if (tx.nrcpt < 0) {
                tx.nrcpt = s.recipientCount();
            }
        } else if (e instanceof RecipientAttempt a) {
            tx = txFor(hs, qid, time, t);
            attempt(tx, time, t, a);
        } else if (e instanceof MessageRemoved) {
            tx = txFor(hs, qid, time, t);
            tx.touch(time);
            if (tx.closedBy == null) {
                close(tx, ClosedBy.REMOVED, t);
            }
            return;
        } else if (e instanceof BounceCreated b) {
            tx = txFor(hs, qid, time, t);
            String bq = b.bounceQueueId();
            if (bq != null && !bq.isEmpty() && !bq.equals(qid)) {
                tx.addBounce(new Link(hs.name, bq, null, Link.Kind.BOUNCE));
                TxBuilder dsn = txFor(hs, bq, time, t);
                if (dsn.bounceOf == null) {
                    dsn.bounceOf = new Link(hs.name, qid, null, Link.Kind.BOUNCE);
                }
                dsn.touch(time);
                activity(dsn, t);
            }
        } else if (e instanceof MessageExpired x) {
            tx = txFor(hs, qid, time, t);
            tx.expired = true;
            if (tx.from == null) {
                tx.from = x.sender();
            }
        } else {
            tx = txFor(hs, qid, time, t);
            tx.addAction(capture.action(time, e), limits.maxActions(), stats);
        }
        alsoApply(tx, e);
        if (e instanceof ImplicitCompletion ic) {
            tx.implicitCompletion = true;
            tx.expectedRecipients = Math.max(tx.expectedRecipients, ic.expectedRecipients());
        }
        tx.touch(time);
        if (tx.implicitCompletion && tx.closedBy == null && implicitlyDone(tx)) {
            // Closed into the reorder window like a removal: the DSN line that follows a failed
            // attempt still joins it (ImplicitCompletion's rule).
            close(tx, ClosedBy.COMPLETED, t);
        }
        activity(tx, t);
    }

    /** ImplicitCompletion's rule: the announced recipients are known and every one is final. */
    private static boolean implicitlyDone(TxBuilder tx) {
        if (tx.expectedRecipients == 0) {
            return true;
        }
        if (tx.rcpts.size() < Math.max(1, tx.expectedRecipients)) {
            return false;
        }
        for (TxBuilder.RcptBuilder r : tx.rcpts) {
            boolean done = r.last != null
                    && (r.last.isFinal() || tx.expired && TxBuilder.RcptBuilder.pending(r.last));
            if (!done) {
                return false;
            }
        }
        return true;
    }

    /**
     * One line may say several things at once (sendmail's {@code from=} line: accepted, envelope
     * sender and message-id; its expiry DSN: bounce and expiry). The branch above handled the
     * first; these fill in what the others carry, never overwriting.
     */
    private void alsoApply(TxBuilder tx, QueueEvent e) {
        if (e instanceof MessageIdentified m && tx.messageId == null && m.messageId() != null) {
            tx.messageId = m.messageId();
            linker.identified(tx);
        }
        if (e instanceof EnvelopeSender s) {
            if (tx.from == null) {
                tx.from = s.sender();
            }
            if (tx.size < 0) {
                tx.size = s.size();
            }
            if (tx.nrcpt < 0) {
                tx.nrcpt = s.recipientCount();
            }
        }
        if (e instanceof MessageExpired x) {
            tx.expired = true;
            if (tx.from == null) {
                tx.from = x.sender();
            }
        }
    }

    private TxBuilder accepted(HostState hs, Instant time, long t, MessageAccepted a) {
        TxBuilder tx = hs.open.get(a.queueId());
        if (tx != null) {
            boolean own = !tx.accepted && tx.closedBy == null && Math.abs(t - tx.startMillis) <= reorderMs;
            if (!own) {
                tx = restart(hs, tx, time, t);
            }
        }
        if (tx == null) {
            tx = create(hs, a.queueId(), time, t);
        }
        tx.accepted = true;
        return tx;
    }

    private void attempt(TxBuilder tx, Instant time, long t, RecipientAttempt a) {
        String relay = a.relay(); // dialects may build it on each call
        DeliveryAttempt d = new DeliveryAttempt(time, relay, a.delay(), a.delays(), a.dsn(), a.status(),
                a.response(), a.queuedAs());
        boolean recorded;
        if (a instanceof MultiRecipientAttempt m && m.recipients().size() > 1) {
            // One line, several recipients (sendmail's to=a,b): the same attempt for each; the
            // original address, if logged, belongs to the first.
            recorded = false;
            for (int i = 0; i < m.recipients().size(); i++) {
                recorded |= record(tx, m.recipients().get(i), i == 0 ? a.originalRecipient() : null, d);
            }
        } else {
            recorded = record(tx, a.recipient(), a.originalRecipient(), d);
        }
        if (!recorded) {
            return;
        }
        if (d.status() == dev.mailtrace.event.DeliveryStatus.SENT) {
            String q = d.queuedAs();
            if (q != null && !q.isEmpty()) {
                List<MailboxResult> waiting = waitingDeliveries.isEmpty() ? null : waitingDeliveries.remove(q);
                if (waiting != null) {
                    for (MailboxResult m : waiting) {
                        tx.addDelivery(m, limits.maxActions(), stats);
                        stats.deliveries++;
                    }
                }
                linker.handoff(tx, time, relay, q, false);
            } else {
                linker.relayed(tx, t, relay);
            }
        }
    }

    /** Adds the attempt to the recipient; false if the recipient limit left it out. */
    private boolean record(TxBuilder tx, String recipient, String originalRecipient, DeliveryAttempt d) {
        TxBuilder.RcptBuilder r = tx.recipient(recipient == null ? "" : recipient, originalRecipient,
                limits.maxRecipients(), stats);
        if (r == null) {
            return false;
        }
        boolean wasPending = r.last != null && TxBuilder.RcptBuilder.pending(r.last);
        if (r.add(d, limits.maxAttempts(), stats)) {
            tx.pending += (TxBuilder.RcptBuilder.pending(r.last) ? 1 : 0) - (wasPending ? 1 : 0);
        }
        return true;
    }

    // ------------------------------------------------------------------ bookkeeping

    private HostState hostState(String host) {
        HostState hs = lastHost;
        if (hs != null && (hs.name == host || hs.name.equals(host))) {
            return hs;
        }
        hs = hosts.get(host);
        if (hs == null) {
            hs = new HostState(host);
            hosts.put(host, hs);
        }
        lastHost = hs;
        return hs;
    }

    /** The transaction for a queue id, created if none is open. */
    private TxBuilder txFor(HostState hs, String qid, Instant time, long t) {
        TxBuilder tx = hs.open.get(qid);
        return tx != null ? tx : create(hs, qid, time, t);
    }

    /** A beginning event for a queue id whose transaction exists: that one ends (if not yet), a new one starts. */
    private TxBuilder restart(HostState hs, TxBuilder old, Instant time, long t) {
        if (old.closedBy == null) {
            old.closedBy = ClosedBy.REUSED;
        }
        emit(old);
        return create(hs, old.queueId, time, t);
    }

    private TxBuilder create(HostState hs, String qid, Instant time, long t) {
        TxBuilder tx = new TxBuilder(hs, qid, time);
        hs.open.put(qid, tx);
        hs.append(tx, TxBuilder.ACTIVE);
        tx.lastMillis = t;
        tx.seq = ++seq;
        open++;
        stats.openTransactions = open;
        if (open > stats.peakOpenTransactions) {
            stats.peakOpenTransactions = open;
        }
        linker.started(tx);
        while (open > limits.maxOpenTransactions()) {
            evictOne(tx);
        }
        return tx;
    }

    private void activity(TxBuilder tx, long t) {
        if (t > tx.lastMillis) {
            tx.lastMillis = t;
        }
        tx.seq = ++seq;
        if (tx.closedBy == null) {
            tx.hostState.moveToTail(tx, tx.pending > 0 ? TxBuilder.DEFERRED : TxBuilder.ACTIVE);
        }
    }

    private void close(TxBuilder tx, ClosedBy why, long t) {
        tx.closedBy = why;
        tx.closedAtMillis = t;
        if (reorderMs == 0) {
            emit(tx);
        } else {
            tx.hostState.moveToTail(tx, TxBuilder.CLOSING);
        }
    }

    private void emit(TxBuilder tx) {
        HostState hs = tx.hostState;
        hs.unlink(tx);
        hs.open.remove(tx.queueId, tx);
        open--;
        stats.openTransactions = open;
        stats.transactions++;
        stats.closedBy[tx.closedBy.ordinal()]++;
        listener.record(linker.completed(tx));
    }

    private void advance(HostState hs, Instant time, long t) {
        if (hs.clock != Long.MIN_VALUE && t < hs.clock - idleMs) {
            // The host's time went back by more than the idle timeout. One stray line changes nothing;
            // a run of them is another time line: a file of the host read after a later one, a replay.
            if (++hs.behind < RESET_AFTER) {
                if (t > globalClock) {
                    globalClock = t;
                }
                linker.advance(globalClock);
                return;
            }
            resetClock(hs, time, t);
        }
        hs.behind = 0;
        if (t > hs.clock) {
            hs.clock = t;
            hs.clockInstant = time;
            TxBuilder x;
            while ((x = hs.heads[TxBuilder.CLOSING]) != null && x.closedAtMillis + reorderMs <= t) {
                emit(x);
            }
            while ((x = hs.heads[TxBuilder.ACTIVE]) != null && x.lastMillis + idleMs < t) {
                x.closedBy = ClosedBy.TIMEOUT;
                emit(x);
            }
            while ((x = hs.heads[TxBuilder.DEFERRED]) != null && x.lastMillis + deferredIdleMs < t) {
                x.closedBy = ClosedBy.TIMEOUT;
                emit(x);
            }
        }
        if (t > globalClock) {
            globalClock = t;
        }
        linker.advance(globalClock);
    }

    /**
     * Starts a new time line on a host: finished transactions are emitted, and so are open ones whose last
     * line lies beyond the idle timeout in the new time line's future (they cannot get more lines from it).
     */
    private void resetClock(HostState hs, Instant time, long t) {
        TxBuilder x;
        while ((x = hs.heads[TxBuilder.CLOSING]) != null) {
            emit(x);
        }
        List<TxBuilder> stale = new ArrayList<>();
        for (int list = TxBuilder.ACTIVE; list <= TxBuilder.DEFERRED; list++) {
            for (x = hs.heads[list]; x != null; x = x.next) {
                if (x.lastMillis > t + idleMs) {
                    stale.add(x);
                }
            }
        }
        for (TxBuilder s : stale) {
            s.closedBy = ClosedBy.TIMEOUT;
            emit(s);
        }
        hs.clock = t;
        hs.clockInstant = time;
        hs.behind = 0;
        stats.clockResets++;
        long latest = Long.MIN_VALUE;
        for (HostState h : hosts.values()) {
            latest = Math.max(latest, h.clock);
        }
        if (latest < globalClock - idleMs) {
            // every host is on a new time line: so are the links
            globalClock = latest;
            linker.restart(latest);
        }
    }

    /** Over {@code max_open_transactions}: emit a finished one if any waits, else the least recently active. */
    private void evictOne(TxBuilder keep) {
        TxBuilder victim = null;
        for (HostState hs : hosts.values()) {
            TxBuilder c = hs.heads[TxBuilder.CLOSING];
            if (c != null && c != keep) {
                victim = c;
                break;
            }
        }
        if (victim == null) {
            for (HostState hs : hosts.values()) {
                for (int list = TxBuilder.ACTIVE; list <= TxBuilder.DEFERRED; list++) {
                    TxBuilder c = hs.heads[list];
                    if (c == keep) {
                        c = c.next;
                    }
                    if (c != null && (victim == null || c.seq < victim.seq)) {
                        victim = c;
                    }
                }
            }
            if (victim == null) {
                return;
            }
            victim.closedBy = ClosedBy.EVICTED;
            if (!evictionLogged) {
                evictionLogged = true;
                LOG.warn("limit [max_open_transactions] of [{}] reached: the least recently active transactions are"
                        + " emitted incomplete (closed_by=evicted); raise the limit if the logs really have that many"
                        + " messages in flight", limits.maxOpenTransactions());
            }
        }
        emit(victim);
    }

    /** Collects an event's fields into an {@link Action}. */
    private static final class FieldCapture implements FieldWriter {
        private LinkedHashMap<String, Object> fields;

        Action action(Instant time, LogEvent e) {
            fields = new LinkedHashMap<>();
            e.writeFields(this);
            fields.remove("queue_id");
            return new Action(time, e.type().dialect() + "/" + e.type().name(), fields);
        }

        @Override
        public void string(String name, String value) {
            if (value != null) {
                fields.put(name, value);
            }
        }

        @Override
        public void number(String name, long value) {
            fields.put(name, value);
        }

        @Override
        public void decimal(String name, double value) {
            fields.put(name, value);
        }

        @Override
        public void bool(String name, boolean value) {
            fields.put(name, value);
        }
    }

    /** Configures a {@link TraceAggregator}. */
    public static final class Builder {
        private TraceLimits limits = TraceLimits.DEFAULTS;
        private boolean messages;
        private TraceListener listener;

        private Builder() {
        }

        /** The limits; default {@link TraceLimits#DEFAULTS}. */
        public Builder limits(TraceLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Whether to assemble {@link MessageTrace}s too (default false: transactions and rejects only). */
        public Builder messages(boolean messages) {
            this.messages = messages;
            return this;
        }

        /** Where the records go (required). */
        public Builder listener(TraceListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The aggregator. */
        public TraceAggregator build() {
            if (listener == null) {
                throw new IllegalStateException("a listener is required: TraceAggregator.builder().listener(...)");
            }
            return new TraceAggregator(this);
        }
    }
}
