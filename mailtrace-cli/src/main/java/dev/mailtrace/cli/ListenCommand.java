package dev.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.mailtrace.listen.Cidr;
import dev.mailtrace.listen.Endpoint;
import dev.mailtrace.listen.FsyncPolicy;
import dev.mailtrace.listen.Listener;
import dev.mailtrace.listen.Protocol;
import dev.mailtrace.sink.Sink;
import dev.mailtrace.sink.SinkRegistry;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.TraceLimits;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code mailtrace listen}: the live collector. Receives syslog over UDP, TCP and TLS, spools every
 * message before processing it, and writes transactions, rejects (and with {@code --messages} message
 * traces) as they complete. SIGTERM or SIGINT: stop receiving, drain, checkpoint, exit 0; the next
 * start resumes the open transactions.
 */
@Command(name = "listen",
        mixinStandardHelpOptions = true,
        description = {
            "Receive syslog from mail hosts (rsyslog: *.* @host:port for UDP, @@host:port for TCP) and write",
            "transactions and rejects live, as 'mailtrace trace --format json' writes them. Every message is",
            "written to the spool before it is processed; after a crash the next start replays from the",
            "checkpoint, so nothing is lost or written twice. Prints 'listening on PROTO ADDR:PORT' per socket.",
        },
        usageHelpAutoWidth = true)
final class ListenCommand implements java.util.concurrent.Callable<Integer> {

    /** The name of the Elasticsearch sink provider (issue 7). */
    static final String ES_SINK = "elasticsearch";

    @Spec
    CommandSpec spec;

    @Option(names = "--udp", paramLabel = "[ADDR:]PORT", description = "Receive UDP here (127.0.0.1 unless ADDR; port 0 picks one).")
    List<String> udp = new ArrayList<>();

    @Option(names = "--tcp", paramLabel = "[ADDR:]PORT", description = "Receive TCP here, octet-counted or LF/CRLF/NUL framing (RFC 6587).")
    List<String> tcp = new ArrayList<>();

    @Option(names = "--tls", paramLabel = "[ADDR:]PORT", description = "Receive TLS here (RFC 5425); needs --cert and --key.")
    List<String> tls = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "PEM", description = "Server certificate chain for --tls.")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "Private key (PKCS#8) for --tls.")
    Path key;

    @Option(names = "--client-ca", paramLabel = "PEM", description = "Require TLS clients to present a certificate signed by this CA.")
    Path clientCa;

    @Option(names = "--allow", paramLabel = "CIDR", description = "Accept senders in this network only (repeatable); others are refused and counted.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Append NDJSON records to FILE as they complete.")
    Path out;

    @Option(names = "--messages", description = "Also write end-to-end message traces.")
    boolean messages;

    /** {@code --es URL}: also index the records, as {@code mailtrace index} does, verified and authenticated as it is. */
    @Mixin
    EsOptions es;

    /** With {@code --es}: retention and bulk batching, as {@code mailtrace index}'s. */
    @Mixin
    EsWriteOptions write;

    @Option(names = "--spool", paramLabel = "DIR", description = "Spool directory (default: mailtrace/spool in the user's cache directory).")
    Path spool;

    @Option(names = "--spool-size", paramLabel = "BYTES", defaultValue = "1073741824",
            description = "Bytes received but not yet processed the spool absorbs before TCP reading pauses and UDP drops (default: ${DEFAULT-VALUE}).")
    long spoolSize;

    @Option(names = "--fsync", paramLabel = "always|interval|never", defaultValue = "interval",
            description = "When the spool and checkpoints are forced to disk: every batch, once a second, or left to the OS"
                    + " (default: ${DEFAULT-VALUE}; a power cut loses at most about a second).")
    String fsync;

    @Option(names = "--metrics", paramLabel = "[ADDR:]PORT", description = "Serve Prometheus metrics at http://ADDR:PORT/metrics.")
    String metrics;

    @Option(names = "--max-message-size", paramLabel = "BYTES", defaultValue = "65536",
            description = "Longer messages are cut, flagged and counted (default: ${DEFAULT-VALUE}).")
    int maxMessageSize;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Write a transaction idle this long (in log time) as incomplete (default: 1h).")
    Duration idleTimeout;

    @Option(names = "--tz", paramLabel = "ZONE", description = "Time zone of timestamps written without one. Default: the system zone.")
    String zone;

    /** The dialects; null for those on the class path (set by tests and embedding code). */
    DialectRegistry registry;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Listener.Builder b = Listener.builder(registry != null ? registry : DialectRegistry.load());
        try {
            udp.forEach(s -> b.endpoint(Endpoint.parse(Protocol.UDP, s)));
            tcp.forEach(s -> b.endpoint(Endpoint.parse(Protocol.TCP, s)));
            tls.forEach(s -> b.endpoint(Endpoint.parse(Protocol.TLS, s)));
            allow.forEach(s -> b.allow(Cidr.parse(s)));
            b.spoolSize(spoolSize).maxMessageSize(maxMessageSize).fsync(FsyncPolicy.parse(fsync));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (udp.isEmpty() && tcp.isEmpty() && tls.isEmpty()) {
            throw usage("nothing to listen on: give --udp, --tcp or --tls");
        }
        if (!tls.isEmpty() && (cert == null || key == null)) {
            throw usage("--tls needs --cert and --key");
        }
        if (tls.isEmpty() && (cert != null || key != null || clientCa != null)) {
            throw usage("--cert, --key and --client-ca only go with --tls");
        }
        if (out == null && es.url == null) {
            throw usage("nowhere to write: give --out FILE and/or --es URL");
        }
        if (cert != null) {
            b.tls(cert, key, clientCa);
        }
        if (out != null) {
            b.out(out);
        }
        Path spoolDir = spool != null ? spool : defaultSpool();
        ZoneId z = LogInputOptions.zone(zone);
        TraceLimits.Builder limits = TraceLimits.builder();
        if (idleTimeout != null) {
            if (idleTimeout.isZero()) {
                throw usage("--idle-timeout must be positive");
            }
            limits.idleTimeout(idleTimeout);
        }
        b.limits(limits.build()).zone(z).messages(messages).spool(spoolDir);
        Endpoint metricsAt = null;
        if (metrics != null) {
            try {
                metricsAt = Endpoint.parse(Protocol.TCP, metrics);
            } catch (IllegalArgumentException e) {
                throw usage("--metrics: " + e.getMessage());
            }
        }

        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (es.url != null) {
                Map<String, String> options = es.sinkOptions(write.retentionDays()); // checks the options first
                write.checked().addTo(options);
                options.put("url", es.urlOf(es.url));
                b.sink(ES_SINK, esSink(options, spoolDir));
            }
            return listen(b, metricsAt, stop, err);
        } finally {
            es.close(null); // leaves the embedded node, if it used one
        }
    }

    private int listen(Listener.Builder b, Endpoint metricsAt, CountDownLatch stop, PrintWriter err) throws IOException, InterruptedException {
        Listener listener;
        try {
            listener = b.start();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (IOException e) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, CliFailure.reason(e));
        }
        HTTPServer server = null;
        try {
            for (Endpoint e : listener.endpoints()) {
                err.println("listening on " + e);
            }
            if (metricsAt != null) {
                server = listener.metrics().serve(metricsAt.address());
                err.println("metrics on http://" + metricsAt.toString().substring(4).replaceFirst(":\\d+$", "")
                        + ":" + server.getPort() + "/metrics");
            }
            err.flush();
            long next = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!stop.await(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (listener.failure() != null) {
                    break;
                }
                next += TimeUnit.MINUTES.toNanos(1);
                err.println(spec.qualifiedName() + ": " + listener.metrics().summary() + ", spool lag " + listener.backlog()
                        + " bytes, " + listener.openTransactions() + " open transactions");
                err.flush();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            try {
                listener.close();
            } catch (IOException e) {
                throw new CliFailure(MailtraceCommand.EXIT_INPUT, CliFailure.reason(e));
            }
        }
        err.println(spec.qualifiedName() + ": stopped; " + listener.metrics().summary());
        err.flush();
        return 0;
    }

    /**
     * The Elasticsearch sink with {@code esOptions} (the cluster, its verification and credentials, the layout), documents it refuses for good kept in the spool directory;
     * a cluster away for longer than the sink's retries fails the sink, so that the listener replays from
     * its spool (with backoff, for as long as it takes) instead of dead-lettering.
     */
    private static Supplier<Sink> esSink(Map<String, String> esOptions, Path spoolDir) {
        SinkRegistry sinks = SinkRegistry.load();
        try {
            sinks.forName(ES_SINK);
        } catch (IllegalArgumentException e) {
            throw usage("--es: no Elasticsearch sink on the class path (available sinks: " + sinks.names()
                    + "); it comes with the Elasticsearch module (issue 7)");
        }
        Map<String, String> options = new LinkedHashMap<>(esOptions);
        options.put("dead_letter", spoolDir.resolve("es-dead-letter.ndjson").toString());
        options.put("on_unavailable", "fail");
        return () -> sinks.open(ES_SINK, options, java.io.OutputStream.nullOutputStream());
    }

    /** {@code $XDG_CACHE_HOME/mailtrace/spool}, else {@code ~/.cache/mailtrace/spool}. */
    static Path defaultSpool() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("mailtrace").resolve("spool");
    }

    private static CliFailure usage(String message) {
        return new CliFailure(MailtraceCommand.EXIT_USAGE, message);
    }
}
