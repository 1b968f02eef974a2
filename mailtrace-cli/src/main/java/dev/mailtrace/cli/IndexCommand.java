package dev.mailtrace.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.es.EsSink;
import dev.mailtrace.es.EsSinkStats;
import dev.mailtrace.es.IndexLayout;
import dev.mailtrace.es.RawLogSource;
import dev.mailtrace.io.LogReader;
import dev.mailtrace.parse.ParseStats;
import dev.mailtrace.sink.SinkException;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TracePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace index}: logs into Elasticsearch, incrementally. Each run reads only what was
 * added to the logs since the last one ({@link LogCheckpoint}), and carries the transactions still
 * open at its end over to the next run ({@link TraceAggregator#writeState}), so that cron every 15
 * minutes gives the same documents as one run over the whole log. The checkpoint (positions and
 * open state, one file) is replaced only after Elasticsearch acknowledged every record, so a run
 * that dies half-way is simply repeated by the next (ids are stable: the same documents again).
 */
@Command(name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Index mail logs into Elasticsearch: transactions, end-to-end messages and rejects, one document each, in daily",
            "indices PREFIX-YYYY.MM.dd created through mailtrace's index template (with a delete-after-N-days ILM policy",
            "where the cluster has ILM; else run 'mailtrace prune'). Run it from cron: each run reads only the lines added",
            "since the last run (following rotation, compression and truncation) and finishes the transactions the last run",
            "left open, so nothing is indexed twice or split in two.",
        },
        usageHelpAutoWidth = true)
final class IndexCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "mailtrace-index-checkpoint";
    private static final Pattern DAYS = Pattern.compile("(\\d+)\\s*(d|w)");

    @Spec
    CommandSpec spec;

    @Mixin
    EsOptions es;

    @Mixin
    EsWriteOptions write;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Log files to follow (the live file: maillog, not its rotated copies, which are found as needed).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--from-es", paramLabel = "URL",
            description = "Read raw syslog messages another pipeline (Graylog, Logstash, Filebeat) stored in this Elasticsearch"
                    + " instead of files (same --es-ca/--es-credentials/environment credentials).")
    String fromEs;

    @Option(names = "--source-index", paramLabel = "PATTERN", description = "With --from-es: the indices of the raw messages (graylog_*).")
    String sourceIndex;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "60m", converter = DurationConverter.class,
            description = "With --from-es: read the messages of the last DURATION (default: ${DEFAULT-VALUE}), or from where"
                    + " the last run stopped when the checkpoint knows it.")
    java.time.Duration window;

    @Option(names = {"-d", "--since"}, paramLabel = "T", description = "With --from-es: from T (as in 'mailtrace trace').")
    String since;

    @Option(names = {"-D", "--until"}, paramLabel = "T", description = "With --from-es: until T, exclusive (default: now).")
    String until;

    @Option(names = "--message-field", paramLabel = "F", defaultValue = "message",
            description = "With --from-es: the field with the syslog message (default: ${DEFAULT-VALUE}).")
    String messageField;

    @Option(names = "--host-field", paramLabel = "F", defaultValue = "host.name",
            description = "With --from-es: the field with the host (default: ${DEFAULT-VALUE}; Graylog: source).")
    String hostField;

    @Option(names = "--timestamp-field", paramLabel = "F", defaultValue = "@timestamp",
            description = "With --from-es: the date field of the message (default: ${DEFAULT-VALUE}; Graylog: timestamp).")
    String timestampField;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where positions and open transactions are kept between runs (default:"
                    + " $XDG_STATE_HOME/mailtrace/index-PREFIX.checkpoint, else ~/.local/state/...).")
    Path checkpoint;

    @Option(names = "--finish",
            description = "The logs end here: write out the transactions still open instead of carrying them to the next run.")
    boolean finish;

    @Option(names = "--dead-letter", paramLabel = "FILE",
            description = "Where documents Elasticsearch refuses for good are appended (default: beside the checkpoint).")
    Path deadLetter;

    @Option(names = "--tz", paramLabel = "ZONE", description = "Time zone of timestamps written without one (default: the system zone).")
    String zone;

    @Option(names = "--year", paramLabel = "Y", description = "Year of RFC 3164 timestamps (default: the current one, rolling over at New Year).")
    Integer year;

    @Option(names = "--charset", paramLabel = "CS", defaultValue = "UTF-8", description = "Charset of the logs (default: UTF-8).")
    String charset;

    /** The dialects to read the logs with; null for those on the class path (set by tests). */
    DialectRegistry registry;

    @Override
    public Integer call() throws IOException {
        ZoneId z = zone();
        IndexLayout layout = es.layout(write.retentionDays());
        write.checked();
        Path cp = checkpoint != null ? checkpoint : defaultCheckpoint(layout.prefix());
        Files.createDirectories(cp.toAbsolutePath().getParent());
        Path dead = deadLetter != null ? deadLetter : cp.resolveSibling(cp.getFileName() + ".dead-letter.ndjson");
        PrintWriter err = spec.commandLine().getErr();
        try (FileChannel lockFile = FileChannel.open(cp.resolveSibling(cp.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new CliFailure(MailtraceCommand.EXIT_INPUT, "another 'mailtrace index' is running with checkpoint [" + cp + "]");
            }
            return run(layout, cp, dead, z, err);
        } finally {
            es.close(null); // the sink closed the client
        }
    }

    private int run(IndexLayout layout, Path cp, Path dead, ZoneId z, PrintWriter err) throws IOException {
        Map<String, LogCheckpoint> previous = new LinkedHashMap<>();
        TraceAggregator.Builder ab = TraceAggregator.builder().messages(true);
        Instant[] sourceUntil = new Instant[1];
        byte[] state = readCheckpoint(cp, previous, sourceUntil);

        List<LogReader> readers = new ArrayList<>();
        Map<String, LogCheckpoint> next = new LinkedHashMap<>(previous);
        int unreadable = 0;
        ElasticsearchClient source = null;
        if (fromEs != null) {
            if (!files.isEmpty() || sourceIndex == null) {
                throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--from-es needs --source-index and no FILE");
            }
            Instant now = Instant.now();
            Instant from = since != null ? TimeBound.parse("--since", since, z, false, now)
                    : sourceUntil[0] != null ? sourceUntil[0] : now.minus(window);
            Instant to = until != null ? TimeBound.parse("--until", until, z, true, now) : now;
            source = es.connect(fromEs);
            try {
                readers.add(reader("es:" + sourceIndex, new RawLogSource(source, sourceIndex, messageField, hostField, timestampField)
                        .open(from, to)));
            } catch (IOException | RuntimeException e) {
                EsOptions.closeClient(source);
                throw new CliFailure(MailtraceCommand.EXIT_INPUT, "cannot read [" + sourceIndex + "] at " + fromEs + ": " + e.getMessage());
            }
            sourceUntil[0] = to;
        } else if (files.isEmpty()) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "no FILE and no --from-es: nothing to index");
        }
        for (Path f : files) {
            String key = f.toAbsolutePath().normalize().toString();
            try {
                LogCheckpoint.Plan plan = LogCheckpoint.plan(f, previous.get(key), m -> warn(err, m));
                readers.add(reader(f.toString(), plan.input()));
                next.put(key, plan.next());
            } catch (IOException e) {
                warn(err, "cannot read [" + f + "]: " + CliFailure.reason(e));
                unreadable++;
            }
        }
        if (readers.isEmpty()) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, null);
        }

        ElasticsearchClient client = es.connect();
        EsSink sink;
        try {
            layout.install(client);
            sink = write.applyTo(EsSink.builder(client, layout)).deadLetter(dead).closeClient(true).build();
        } catch (IOException | RuntimeException e) {
            EsOptions.closeClient(client);
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "cannot install index template [" + layout.prefix() + "]: " + e.getMessage());
        }
        TraceAggregator aggregator = ab.listener(sink::accept).build();
        if (state != null) {
            aggregator.readState(new java.io.ByteArrayInputStream(state));
        }
        TracePipeline.Builder pb = TracePipeline.builder(registry != null ? registry : DialectRegistry.load()).zone(z);
        if (year != null) {
            pb.year(year);
        }
        ParseStats stats;
        java.io.ByteArrayOutputStream newState = new java.io.ByteArrayOutputStream();
        long start = System.nanoTime();
        try {
            try {
                stats = pb.build().run(readers, aggregator);
            } finally {
                for (LogReader r : readers) {
                    r.close();
                }
            }
            if (finish) {
                aggregator.finish();
            } else {
                aggregator.writeState(newState);
            }
            sink.close();
        } catch (SinkException | java.io.UncheckedIOException e) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, e.getMessage() + "; the checkpoint is unchanged, the next run repeats this one");
        } finally {
            if (source != null) {
                EsOptions.closeClient(source);
            }
        }
        EsSinkStats s = sink.stats();
        writeCheckpoint(cp, next, sourceUntil[0], finish ? null : newState.toByteArray());
        double secs = (System.nanoTime() - start) / 1e9;
        err.printf(Locale.ROOT, "mailtrace index: %d lines from %d files in %.1f s; %d documents indexed, %d retried, %d failed%s;"
                + " %d transactions open%s%n", stats.lines(), readers.size(), secs, s.indexed(), s.retried(), s.failed(),
                s.failed() > 0 ? " (kept in " + dead + ")" : "", aggregator.openTransactions(),
                finish ? "" : ", carried to the next run");
        err.flush();
        return s.failed() > 0 || unreadable > 0 ? MailtraceCommand.EXIT_INPUT : 0;
    }

    private LogReader reader(String name, InputStream in) {
        LogReader.Builder b = LogReader.builder();
        try {
            b.charset(Charset.forName(charset));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--charset " + CliFailure.reason(e));
        }
        return b.open(name, in);
    }

    /** Reads the positions into {@code positions} and where a raw-log source stopped; returns the aggregator state, or null. */
    private static byte[] readCheckpoint(Path cp, Map<String, LogCheckpoint> positions, Instant[] sourceUntil) throws IOException {
        if (!Files.exists(cp)) {
            return null;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(cp))) {
            java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
            for (int b; (b = in.read()) != '\n';) {
                if (b < 0) {
                    throw new CliFailure(MailtraceCommand.EXIT_INPUT, "checkpoint [" + cp + "] is damaged (no header line)");
                }
                header.write(b);
            }
            JsonNode h = JSON.readTree(header.toByteArray());
            if (!FORMAT.equals(h.path("format").asText()) || h.path("version").asInt() != 1) {
                throw new CliFailure(MailtraceCommand.EXIT_INPUT, "[" + cp + "] is not a mailtrace index checkpoint of version 1");
            }
            for (JsonNode f : h.path("files")) {
                positions.put(f.path("path").asText(), new LogCheckpoint(f.path("path").asText(), f.path("file_key").asText(),
                        f.path("offset").asLong(), f.path("head_length").asInt(), f.path("head_digest").asText()));
            }
            if (h.hasNonNull("source_until")) {
                sourceUntil[0] = Instant.parse(h.get("source_until").asText());
            }
            byte[] state = in.readAllBytes();
            return state.length == 0 ? null : state;
        }
    }

    /** Replaces the checkpoint atomically: positions, then the aggregator state. */
    private static void writeCheckpoint(Path cp, Map<String, LogCheckpoint> positions, Instant sourceUntil, byte[] state)
            throws IOException {
        ObjectNode h = JSON.createObjectNode().put("format", FORMAT).put("version", 1);
        if (sourceUntil != null) {
            h.put("source_until", sourceUntil.toString());
        }
        ArrayNode files = h.putArray("files");
        positions.forEach((key, p) -> files.addObject().put("path", key).put("file_key", p.fileKey()).put("offset", p.offset())
                .put("head_length", p.headLength()).put("head_digest", p.headDigest()));
        Path tmp = cp.resolveSibling(cp.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            out.write(JSON.writeValueAsBytes(h));
            out.write('\n');
            if (state != null) {
                out.write(state);
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, cp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path defaultCheckpoint(String prefix) {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("mailtrace").resolve("index-" + prefix + ".checkpoint");
    }

    static int days(String age) {
        Matcher m = DAYS.matcher(age.trim());
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "invalid age [" + age + "]; expected days or weeks, at least 1: 90d, 13w");
        }
        return Integer.parseInt(m.group(1)) * (m.group(2).equals("w") ? 7 : 1);
    }

    private ZoneId zone() {
        try {
            return zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--tz: unknown time zone [" + zone + "]");
        }
    }

    private static void warn(PrintWriter err, String message) {
        err.println("mailtrace index: " + CliFailure.oneLine(message));
        err.flush();
    }
}
