package dev.mailtrace.listen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.sink.Sink;
import dev.mailtrace.sink.SinkException;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.TraceRecord;

/** A sink that stalls makes TCP wait and UDP drop (counted); a sink that fails is retried from the checkpoint. */
class SlowAndFailingSinkTest {

    @TempDir
    Path dir;

    /** Postfix lines, five per transaction, each transaction complete. */
    static List<String> lines(int transactions) {
        List<String> l = new ArrayList<>();
        for (int tx = 0; tx < transactions; tx++) {
            String q = String.format("%010X", 0x1000000L + tx);
            String t = String.format("Nov 24 %02d:%02d:%02d", 8 + tx / 3600 % 12, tx / 60 % 60, tx % 60);
            l.add(t + " mx1 postfix/smtpd[100]: " + q + ": client=c.example.org[192.0.2." + tx % 250 + "]");
            l.add(t + " mx1 postfix/cleanup[101]: " + q + ": message-id=<" + tx + "@example.org>");
            l.add(t + " mx1 postfix/qmgr[102]: " + q + ": from=<a@example.org>, size=" + tx + ", nrcpt=1 (queue active)");
            l.add(t + " mx1 postfix/smtp[103]: " + q + ": to=<b@example.net>, relay=mx.example.net[198.51.100.2]:25, delay=1,"
                    + " delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok)");
            l.add(t + " mx1 postfix/qmgr[102]: " + q + ": removed");
        }
        return l;
    }

    /** A sink that takes records only while its gate is open. */
    static final class GatedSink implements Sink {
        final CountDownLatch gate;

        GatedSink(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void accept(TraceRecord record) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aStalledSinkPausesTcpAndDropsUdpCountedThenEverythingArrives() throws Exception {
        List<String> lines = lines(40_000); // 200,000 messages, ~27 MB: far more than the 1 MiB spool
        byte[] stream = Syslog.mixedFraming(lines, new java.util.Random(7));
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Listener l = Listener.builder(DialectRegistry.load()).zone(ListenerTest.UTC).spool(dir.resolve("spool"))
                .spoolSize(1 << 20).sink("gated", () -> new GatedSink(gate))
                .endpoint(Endpoint.parse(Protocol.TCP, "0")).endpoint(Endpoint.parse(Protocol.UDP, "0")).start()) {
            try {
                stalled(l, gate, stream, lines.size(), pool);
            } finally {
                gate.countDown(); // never leave the processor blocked: close() waits for it
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void stalled(Listener l, CountDownLatch gate, byte[] stream, int messages, ExecutorService pool)
            throws Exception {
        InetSocketAddress tcp = ListenerTest.address(l, Protocol.TCP);
        Future<?> sending = pool.submit(() -> {
            try (Socket s = new Socket(tcp.getAddress(), tcp.getPort())) {
                OutputStream o = s.getOutputStream();
                o.write(stream);
            }
            return null;
        });
        // the spool fills, then reading stops: the count stays put well below what was sent
        ListenerTest.waitFor(() -> l.backlog() > 1 << 20, () -> "backlog " + l.backlog() + ", received "
                + l.metrics().received(Protocol.TCP) + ", failure " + l.failure() + ", sender done " + sending.isDone());
        long paused;
        do { // a read under way when the spool filled up still delivers its frames
            paused = l.metrics().received(Protocol.TCP);
            Thread.sleep(300);
        } while (l.metrics().received(Protocol.TCP) != paused);
        Thread.sleep(300);
        assertThat(l.metrics().received(Protocol.TCP)).as("TCP paused").isEqualTo(paused).isLessThan(messages / 10);
        assertThat(sending.isDone()).as("the sender waits").isFalse();
        Syslog.udp(ListenerTest.address(l, Protocol.UDP), List.of("<13>Nov 24 10:00:00 h p: x", "<13>Nov 24 10:00:00 h p: y"));
        ListenerTest.waitFor(() -> l.metrics().udpDrops() == 2);
        assertThat(l.metrics().received(Protocol.UDP)).isZero();

        gate.countDown();
        sending.get();
        ListenerTest.waitFor(() -> l.metrics().received(Protocol.TCP) == messages);
        assertThat(l.awaitProcessed(Duration.ofSeconds(60))).isTrue();
    }

    /** Fails its first flushes, then works: each failure makes the processor start over from the checkpoint. */
    static final class FlakySink implements Sink {
        static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

        @Override
        public void accept(TraceRecord record) {
        }

        @Override
        public void flush() {
            if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SinkException("flaky", "injected failure (429)", null);
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFailingSinkIsRetriedFromTheCheckpointWithoutLossOrDuplicates() throws Exception {
        List<String> lines = ListenerTest.exampleLines();
        List<String> more = lines(2_000);
        List<String> all = new ArrayList<>(lines);
        all.addAll(more);
        FlakySink.FAILURES_LEFT.set(3);
        Path out = dir.resolve("out.ndjson");
        try (Listener l = Listener.builder(DialectRegistry.load()).zone(ListenerTest.UTC).spool(dir.resolve("spool")).out(out)
                .sink("flaky", FlakySink::new).endpoint(Endpoint.parse(Protocol.TCP, "0")).start()) {
            Syslog.tcp(ListenerTest.address(l, Protocol.TCP), Syslog.mixedFraming(all, new java.util.Random(5)),
                    new java.util.Random(6));
            ListenerTest.waitFor(() -> l.metrics().received(Protocol.TCP) == all.size());
            ListenerTest.waitFor(() -> FlakySink.FAILURES_LEFT.get() == 0);
        }
        assertThat(Files.readString(out, UTF_8)).isEqualTo(ListenerTest.traceJson(all, false));
    }

    @Test
    void aStopWhileASinkCannotBeOpenedEndsAndLeavesTheMessagesInTheSpool() throws Exception {
        List<String> all = lines(500);
        Path out = dir.resolve("out.ndjson");
        java.util.concurrent.atomic.AtomicBoolean refuse = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.function.Supplier<Sink> es = () -> {
            if (refuse.get()) {
                throw new SinkException("es", "refused the credentials of user [mailtrace]", null); // as a wrong password, for good
            }
            return new FlakySink();
        };
        Listener l = Listener.builder(DialectRegistry.load()).zone(ListenerTest.UTC).spool(dir.resolve("spool")).out(out)
                .sink("es", es).endpoint(Endpoint.parse(Protocol.TCP, "0")).start();
        Syslog.tcp(ListenerTest.address(l, Protocol.TCP), Syslog.mixedFraming(all, new java.util.Random(7)), new java.util.Random(8));
        ListenerTest.waitFor(() -> l.metrics().received(Protocol.TCP) == all.size());
        ListenerTest.waitFor(() -> l.metrics().sinkRetries("es") >= 2); // in its backoff
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), l::close, "a stop ends the retries");

        refuse.set(false);
        try (Listener again = Listener.builder(DialectRegistry.load()).zone(ListenerTest.UTC).spool(dir.resolve("spool")).out(out)
                .sink("es", es).endpoint(Endpoint.parse(Protocol.TCP, "0")).start()) {
            assertThat(again.awaitProcessed(Duration.ofSeconds(60))).isTrue();
        }
        assertThat(Files.readString(out, UTF_8)).isEqualTo(ListenerTest.traceJson(all, false));
    }
}
