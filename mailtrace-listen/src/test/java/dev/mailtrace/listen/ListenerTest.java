package dev.mailtrace.listen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.io.LogReader;
import dev.mailtrace.sink.NdjsonSink;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.syslog.YearInference;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TracePipeline;

/** The listener end to end over loopback sockets, with the real postfix dialect. */
class ListenerTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final Path EXAMPLE = Path.of("../examples/logs/mail.log");

    @TempDir
    Path dir;

    static List<String> exampleLines() throws IOException {
        return Files.readAllLines(EXAMPLE, UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    /** The corpus of a real postfix server, or a skip. */
    static List<String> corpusLines() throws IOException {
        Path p = Path.of(System.getProperty("mailtrace.shared.dir", "../../shared"), "corpora/postfix_log_analysis/mail.log");
        assumeTrue(Files.isReadable(p), "real postfix corpus not found at " + p + " (set -Dmailtrace.shared.dir)");
        return Files.readAllLines(p, UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    Listener.Builder listener(Path spool, Path out, boolean messages) {
        return Listener.builder(DialectRegistry.load()).zone(UTC).spool(spool).out(out).messages(messages)
                .endpoint(Endpoint.parse(Protocol.TCP, "0")).endpoint(Endpoint.parse(Protocol.UDP, "0"));
    }

    static InetSocketAddress address(Listener l, Protocol p) {
        return l.endpoints().stream().filter(e -> e.protocol() == p).findFirst().orElseThrow().address();
    }

    /**
     * What {@code mailtrace trace --format json} writes for these lines (RFC 3164, year as the
     * listener infers it from the receive time), without the records only the end of input emits.
     */
    static String traceJson(List<String> lines, boolean messages) throws IOException {
        Path f = Files.createTempFile("trace", ".log");
        try {
            Files.write(f, lines, UTF_8);
            int month = java.time.Month.valueOf(lines.get(0).substring(0, 3).toUpperCase(java.util.Locale.ROOT)
                    .replace("OCT", "OCTOBER").replace("NOV", "NOVEMBER")).getValue();
            int year = YearInference.relativeTo(Instant.now(), UTC).year(month, 1, 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            NdjsonSink sink = NdjsonSink.builder(out).zone(UTC).build();
            TraceAggregator agg = TraceAggregator.builder().messages(messages)
                    .listener(r -> {
                        if (messages || !(r instanceof MessageTrace)) {
                            sink.accept(r);
                        }
                    }).build();
            try (LogReader in = LogReader.builder().open(List.of(f))) {
                TracePipeline.builder(DialectRegistry.load()).zone(UTC).year(year).build().run(in, agg);
            }
            sink.close();
            return out.toString(UTF_8);
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void oneTcpConnectionWithMixedFramingGivesWhatTraceGives() throws Exception {
        List<String> lines = exampleLines();
        Path out = dir.resolve("out.ndjson");
        try (Listener l = listener(dir.resolve("spool"), out, true).start()) {
            Syslog.tcp(address(l, Protocol.TCP), Syslog.mixedFraming(lines, new Random(1)), new Random(2));
            assertThat(l.awaitProcessed(Duration.ofSeconds(20))).isTrue();
            waitFor(() -> l.metrics().received(Protocol.TCP) == lines.size());
        }
        String expected = traceJson(lines, true);
        assertThat(expected).contains("\"type\":\"transaction\"", "\"type\":\"reject\"");
        assertThat(Files.readString(out)).isEqualTo(expected);
    }

    @Test
    void realCorpusOverTcpAndResumedAcrossARestartIsNotSplit() throws Exception {
        List<String> lines = corpusLines();
        Path out = dir.resolve("out.ndjson");
        Path spool = dir.resolve("spool");
        int half = lines.size() / 2;
        for (List<String> part : List.of(lines.subList(0, half), lines.subList(half, lines.size()))) {
            try (Listener l = listener(spool, out, false).start()) {
                Syslog.tcp(address(l, Protocol.TCP), Syslog.mixedFraming(part, new Random(part.size())), new Random(3));
                waitFor(() -> l.metrics().received(Protocol.TCP) == part.size());
                if (part.size() == half) {
                    l.awaitProcessed(Duration.ofSeconds(20));
                    assertThat(l.openTransactions()).as("open at the stop, resumed by the next start").isPositive();
                }
            }
        }
        assertThat(Files.readString(out)).isEqualTo(traceJson(lines, false));
    }

    @Test
    void udpDatagramsAreMessages() throws Exception {
        List<String> lines = exampleLines();
        Path out = dir.resolve("out.ndjson");
        try (Listener l = listener(dir.resolve("spool"), out, false).start()) {
            // one at a time, each waited for: loopback UDP keeps order then
            for (String line : lines) {
                long before = l.metrics().received(Protocol.UDP);
                Syslog.udp(address(l, Protocol.UDP), List.of(line + "\n"));
                waitFor(() -> l.metrics().received(Protocol.UDP) == before + 1);
            }
        }
        assertThat(Files.readString(out)).isEqualTo(traceJson(lines, false));
    }

    @Test
    void sendersOutsideTheAllowListAreRefusedAndCounted() throws Exception {
        try (Listener l = listener(dir.resolve("spool"), dir.resolve("out"), false).allow(Cidr.parse("10.0.0.0/8")).start()) {
            try (Socket s = new Socket(address(l, Protocol.TCP).getAddress(), address(l, Protocol.TCP).getPort())) {
                s.getOutputStream().write("<13>Nov 24 10:04:01 h p: refused\n".getBytes(UTF_8));
                assertThat(s.getInputStream().read()).as("closed by the listener").isEqualTo(-1);
            }
            Syslog.udp(address(l, Protocol.UDP), List.of("<13>Nov 24 10:04:01 h p: refused"));
            waitFor(() -> l.metrics().refused() == 2);
            assertThat(l.metrics().received(Protocol.TCP) + l.metrics().received(Protocol.UDP)).isZero();
        }
    }

    @Test
    void boundToLoopbackByDefaultAndTheRealPortIsReported() throws Exception {
        try (Listener l = listener(dir.resolve("spool"), dir.resolve("out"), false).start()) {
            for (Endpoint e : l.endpoints()) {
                assertThat(e.address().getAddress().isLoopbackAddress()).isTrue();
                assertThat(e.address().getPort()).isPositive();
                assertThat(e.toString()).matches("(tcp|udp) 127\\.0\\.0\\.1:[1-9][0-9]*");
            }
        }
    }

    @Test
    void aSecondProcessCannotUseTheSameSpool() throws Exception {
        try (Listener l = listener(dir.resolve("spool"), dir.resolve("out"), false).start()) {
            assertThatThrownBy(() -> listener(dir.resolve("spool"), dir.resolve("out2"), false).start())
                    .isInstanceOf(IOException.class).hasMessageContaining("in use by another process");
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        waitFor(condition, () -> "");
    }

    /** Waits up to 30 s for {@code condition}; the failure says {@code state}. */
    static void waitFor(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 30 s " + state.get());
            }
            Thread.sleep(2);
        }
    }

    static List<String> numbered(String prefix, int n) {
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(prefix + i);
        }
        return l;
    }
}
