package dev.mailtrace.listen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.mailtrace.event.EventType;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TraceRecord;
import dev.mailtrace.trace.Transaction;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What the listener did, as Prometheus metrics (served by {@link #serve} at {@code /metrics}) and
 * as the totals of the one-line {@link #summary()}. Receiver threads and the processing thread
 * update it; counters are lock-free.
 */
public final class ListenMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter received;
    private final Counter refused;
    private final Counter dropped;
    private final Counter flagged;
    private final Counter records;
    private final Counter deliveries;
    private final Counter rejects;
    private final Counter sinkRetries;
    private final LongAdder[] receivedBy = new LongAdder[Protocol.values().length];
    private final LongAdder droppedTotal = new LongAdder();
    private final LongAdder refusedTotal = new LongAdder();
    private final LongAdder recordsTotal = new LongAdder();
    private final LongAdder processedTotal = new LongAdder();
    private final Map<String, CounterDataPoint> udpPeers = new ConcurrentHashMap<>();
    private volatile List<Integer> udpPorts = List.of();
    /** Parse results, copied from the processing thread's ParseStats at each checkpoint. */
    private volatile Map<EventType, Long> events = Map.of();
    private volatile Map<String, Map<String, Long>> unknown = Map.of();

    ListenMetrics() {
        for (int i = 0; i < receivedBy.length; i++) {
            receivedBy[i] = new LongAdder();
        }
        received = Counter.builder().name("mailtrace_listen_messages_received").help("Messages received and spooled")
                .labelNames("protocol", "peer").register(registry);
        refused = Counter.builder().name("mailtrace_listen_refused_peers").help("Connections or datagrams refused by --allow")
                .labelNames("protocol").register(registry);
        dropped = Counter.builder().name("mailtrace_listen_udp_dropped")
                .help("UDP messages dropped because the spool was full").register(registry);
        flagged = Counter.builder().name("mailtrace_listen_messages_flagged")
                .help("Messages kept with a flag: oversize (cut), incomplete (stream ended inside a frame), invalid_utf8")
                .labelNames("flag").register(registry);
        records = Counter.builder().name("mailtrace_listen_records_emitted").help("Records written to the sinks")
                .labelNames("type").register(registry);
        deliveries = Counter.builder().name("mailtrace_listen_deliveries")
                .help("Recipients of emitted transactions by final status, per host").labelNames("host", "status")
                .register(registry);
        rejects = Counter.builder().name("mailtrace_listen_rejects").help("Rejects by reason class, per host")
                .labelNames("host", "reason").register(registry);
        sinkRetries = Counter.builder().name("mailtrace_listen_sink_retries")
                .help("Times the sinks failed and processing restarted from the checkpoint").labelNames("sink")
                .register(registry);
        CounterWithCallback.builder().name("mailtrace_listen_messages_processed")
                .help("Messages read back from the spool and parsed (replays after a sink failure count again)")
                .callback(cb -> cb.call(processedTotal.sum())).register(registry);
        CounterWithCallback.builder().name("mailtrace_listen_parsed_events").help("Events parsed, per dialect and type")
                .labelNames("dialect", "event").callback(cb -> events.forEach((t, n) -> cb.call(n, t.dialect(), t.name())))
                .register(registry);
        CounterWithCallback.builder().name("mailtrace_listen_unknown_lines").help("Lines no dialect recognised")
                .labelNames("program", "reason")
                .callback(cb -> unknown.forEach((p, byReason) -> byReason.forEach((r, n) -> cb.call(n, p, r))))
                .register(registry);
    }

    /** Adds gauges read from the spool and the processing. */
    void gauges(LongSupplier spoolBytes, LongSupplier backlogBytes, LongSupplier openTransactions, LongSupplier spoolForces) {
        CounterWithCallback.builder().name("mailtrace_listen_spool_fsyncs")
                .help("Times the spool's segment files were forced to the device (--fsync)")
                .callback(cb -> cb.call(spoolForces.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("mailtrace_listen_spool_bytes").help("Bytes in spool segment files")
                .callback(cb -> cb.call(spoolBytes.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("mailtrace_listen_spool_lag_bytes").help("Bytes spooled but not yet processed")
                .callback(cb -> cb.call(backlogBytes.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("mailtrace_listen_open_transactions").help("Transactions open in the aggregator")
                .callback(cb -> cb.call(openTransactions.getAsLong())).register(registry);
    }

    /**
     * Adds the kernel's drops of the UDP sockets bound to these ports (receive buffer full, before the
     * listener could read them), read from {@code /proc/net/udp} and {@code udp6} at each scrape.
     */
    void udpKernelDrops(List<Integer> ports) {
        this.udpPorts = List.copyOf(ports);
        CounterWithCallback.builder().name("mailtrace_listen_udp_kernel_dropped")
                .help("UDP datagrams the kernel dropped because the socket's receive buffer was full (Linux /proc/net/udp drops)")
                .labelNames("port").callback(cb -> {
                    for (int port : udpPorts) {
                        long n = UdpKernelDrops.read(port);
                        if (n >= 0) {
                            cb.call(n, Integer.toString(port));
                        }
                    }
                }).register(registry);
    }

    /** The counter of one connection's messages, looked up once per connection. */
    CounterDataPoint receivedFrom(Protocol p, String peer) {
        return received.labelValues(p.label(), peer);
    }

    /** The counter of one UDP sender's messages. */
    CounterDataPoint receivedUdp(String peer) {
        return udpPeers.computeIfAbsent(peer, k -> received.labelValues(Protocol.UDP.label(), k));
    }

    void received(Protocol p, CounterDataPoint peer, int flags) {
        receivedBy[p.ordinal()].increment();
        peer.inc();
        if ((flags & Framer.OVERSIZE) != 0) {
            flagged.labelValues("oversize").inc();
        }
        if ((flags & Framer.INCOMPLETE) != 0) {
            flagged.labelValues("incomplete").inc();
        }
    }

    /** {@code n} messages read back from the spool and parsed (again, after a restart from the checkpoint). */
    void processed(int n) {
        processedTotal.add(n);
    }

    void invalidUtf8() {
        flagged.labelValues("invalid_utf8").inc();
    }

    void refused(Protocol p) {
        refusedTotal.increment();
        refused.labelValues(p.label()).inc();
    }

    void dropUdp() {
        droppedTotal.increment();
        dropped.inc();
    }

    void sinkRetry(String sink) {
        sinkRetries.labelValues(sink).inc();
    }

    /** One record went to the sinks: counts it and its mail figures. */
    void emitted(TraceRecord r) {
        recordsTotal.increment();
        if (r instanceof Transaction t) {
            records.labelValues("transaction").inc();
            for (Recipient rc : t.recipients()) {
                deliveries.labelValues(t.host(), rc.status().name().toLowerCase(Locale.ROOT)).inc();
            }
        } else if (r instanceof Reject j) {
            records.labelValues("reject").inc();
            rejects.labelValues(j.host() == null ? "" : j.host(), j.reason().name().toLowerCase(Locale.ROOT)).inc();
        } else if (r instanceof MessageTrace) {
            records.labelValues("message").inc();
        }
    }

    void parseResults(Map<EventType, Long> events, Map<String, Map<String, Long>> unknown) {
        this.events = events;
        this.unknown = unknown;
    }

    /** Messages received so far over {@code p}. */
    public long received(Protocol p) {
        return receivedBy[p.ordinal()].sum();
    }

    /** UDP messages dropped for lack of spool room. */
    public long udpDrops() {
        return droppedTotal.sum();
    }

    /** UDP datagrams the kernel dropped for the listener's sockets (their receive buffers were full); -1 where the system does not tell (not Linux). */
    public long udpKernelDrops() {
        long sum = -1;
        for (int port : udpPorts) {
            long n = UdpKernelDrops.read(port);
            if (n >= 0) {
                sum = Math.max(sum, 0) + n;
            }
        }
        return sum;
    }

    /** Messages parsed from the spool (those replayed after a sink failure count again). */
    public long processed() {
        return processedTotal.sum();
    }

    /** Connections and datagrams refused by the allow list. */
    public long refused() {
        return refusedTotal.sum();
    }

    /** Records written to the sinks. */
    public long recordsEmitted() {
        return recordsTotal.sum();
    }

    /** Times processing started over from the checkpoint because {@code sink} failed. */
    public long sinkRetries(String sink) {
        return (long) sinkRetries.labelValues(sink).get();
    }

    /** The registry, for embedding code that serves metrics its own way. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Serves the Prometheus text format at {@code http://address/metrics}; close the server to stop. */
    public HTTPServer serve(InetSocketAddress address) throws IOException {
        return HTTPServer.builder().hostname(address.getAddress().getHostAddress()).port(address.getPort())
                .registry(registry).buildAndStart();
    }

    /**
     * {@code received 1200 (udp 200, tcp 1000, tls 0), udp dropped 0, refused 0, records 310}; drops by
     * the kernel are added after the UDP drops when there are any.
     */
    public String summary() {
        long total = 0;
        StringBuilder by = new StringBuilder();
        for (Protocol p : Protocol.values()) {
            long n = received(p);
            total += n;
            by.append(by.length() == 0 ? "" : ", ").append(p.label()).append(' ').append(n);
        }
        long kernel = udpKernelDrops();
        return "received " + total + " (" + by + "), udp dropped " + udpDrops() + (kernel > 0 ? " (and " + kernel + " by the kernel)" : "")
                + ", refused " + refused()
                + ", records " + recordsEmitted();
    }
}
