package dev.mailtrace.listen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load over loopback, bounded in count: four TCP senders (octet-counted, LF, CRLF and NUL framing,
 * one each) and a UDP sender, 1,000,000 postfix messages in all, through parsing and aggregation to
 * NDJSON. Every TCP message arrives; UDP drops are counted, never silent. Prints the rate (a figure
 * for the README, not a pass/fail criterion).
 */
class ListenLoadTest {

    static final int TCP_SENDERS = 4;
    static final int PER_SENDER = 240_000;
    static final int UDP_MESSAGES = 40_000;

    @TempDir
    Path dir;

    /** One host's postfix lines: {@code n} messages, five per transaction, unique queue ids per host. */
    static byte[] stream(String host, int n, int framing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 150);
        for (int i = 0; i < n; i++) {
            int tx = i / 5;
            String q = String.format("%010X", 0x1000000L + tx);
            String t = String.format("Nov 24 %02d:%02d:%02d", 8 + tx / 3600 % 12, tx / 60 % 60, tx % 60);
            String msg = switch (i % 5) {
                case 0 -> t + " " + host + " postfix/smtpd[100]: " + q + ": client=c.example.org[192.0.2." + tx % 250 + "]";
                case 1 -> t + " " + host + " postfix/cleanup[101]: " + q + ": message-id=<" + tx + "@" + host + ">";
                case 2 -> t + " " + host + " postfix/qmgr[102]: " + q + ": from=<a@example.org>, size=" + tx + ", nrcpt=1 (queue active)";
                case 3 -> t + " " + host + " postfix/smtp[103]: " + q + ": to=<b@example.net>, relay=mx.example.net[198.51.100.2]:25,"
                        + " delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as X" + tx + ")";
                default -> t + " " + host + " postfix/qmgr[102]: " + q + ": removed";
            };
            Syslog.frame(out, ("<22>" + msg).getBytes(UTF_8), framing);
        }
        return out.toByteArray();
    }

    @Test
    void aMillionMessagesFromConcurrentTcpAndUdpSenders() throws Exception {
        byte[][] streams = new byte[TCP_SENDERS][];
        for (int s = 0; s < TCP_SENDERS; s++) {
            streams[s] = stream("mx" + s, PER_SENDER, s % 4);
        }
        List<String> udp = new ArrayList<>(UDP_MESSAGES);
        for (int i = 0; i < UDP_MESSAGES; i++) {
            udp.add("<22>Nov 24 08:00:00 udp1 postfix/anvil[9]: statistics: max connection rate 1/60s for (smtp:192.0.2." + i % 250 + ")");
        }
        Path out = dir.resolve("out.ndjson");
        ExecutorService pool = Executors.newFixedThreadPool(TCP_SENDERS + 1);
        long start;
        long tcpSent = (long) TCP_SENDERS * PER_SENDER;
        try (Listener l = Listener.builder(dev.mailtrace.spi.DialectRegistry.load()).zone(ListenerTest.UTC)
                .spool(dir.resolve("spool")).out(out).endpoint(Endpoint.parse(Protocol.TCP, "0"))
                .endpoint(Endpoint.parse(Protocol.UDP, "0")).start()) {
            InetSocketAddress tcp = ListenerTest.address(l, Protocol.TCP);
            InetSocketAddress udpAt = ListenerTest.address(l, Protocol.UDP);
            start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (byte[] s : streams) {
                sent.add(pool.submit(() -> {
                    try (Socket sock = new Socket(tcp.getAddress(), tcp.getPort())) {
                        OutputStream o = sock.getOutputStream();
                        for (int i = 0; i < s.length; i += 65536) {
                            o.write(s, i, Math.min(65536, s.length - i));
                        }
                    }
                    return null;
                }));
            }
            sent.add(pool.submit(() -> {
                Syslog.udp(udpAt, udp);
                return null;
            }));
            for (Future<?> f : sent) {
                f.get();
            }
            ListenerTest.waitFor(() -> l.metrics().received(Protocol.TCP) == tcpSent);
            long receivedNanos = System.nanoTime() - start;
            assertThat(l.awaitProcessed(Duration.ofSeconds(120))).isTrue();
            long nanos = System.nanoTime() - start;
            long udpReceived = l.metrics().received(Protocol.UDP);
            assertThat(udpReceived + l.metrics().udpDrops()).as("UDP received + counted drops <= sent").isLessThanOrEqualTo(UDP_MESSAGES);
            long total = tcpSent + udpReceived;
            System.out.printf(Locale.ROOT, "listen load: %d TCP + %d/%d UDP messages (UDP dropped and counted %d, lost in the"
                    + " kernel %d) received in %.2f s (%.0f/s), processed in %.2f s = %.0f messages/s%n", tcpSent, udpReceived, UDP_MESSAGES,
                    l.metrics().udpDrops(), UDP_MESSAGES - udpReceived - l.metrics().udpDrops(), receivedNanos / 1e9,
                    total / (receivedNanos / 1e9), nanos / 1e9, total / (nanos / 1e9));
        } finally {
            pool.shutdownNow();
        }
        assertThat(tcpSent + UDP_MESSAGES).isGreaterThanOrEqualTo(1_000_000);
        // every TCP transaction complete but the last few of each host, which wait for the reorder window
        long transactions = Files.lines(out).filter(s -> s.startsWith("{\"type\":\"transaction\"")).count();
        assertThat(transactions).isBetween(tcpSent / 5 - 100L * TCP_SENDERS, tcpSent / 5);
    }
}
