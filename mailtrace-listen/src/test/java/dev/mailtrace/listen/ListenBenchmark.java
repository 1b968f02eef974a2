package dev.mailtrace.listen;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.mailtrace.spi.DialectRegistry;

/**
 * The loopback benchmark of {@code mailtrace listen} (issue 11's Performance): postfix logs of
 * several mail hosts, one TCP connection each, octet-counted as rsyslog's {@code omfwd} sends them,
 * through the spool, parsing and aggregation to NDJSON on {@code /dev/null}; then UDP at the rate
 * TCP sustained without loss. Senders and listener share the machine. Not a test: run it with
 *
 * <pre>
 * mvn -B -q -pl mailtrace-listen -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp "mailtrace-listen/target/test-classes:mailtrace-listen/target/classes:$(cat mailtrace-listen/target/test.classpath)" \
 *      dev.mailtrace.listen.ListenBenchmark connections=4,8 messages=2000000 warmup=1 rounds=5 udp=200000
 * </pre>
 *
 * Each round starts a fresh listener over a new spool; the rates are messages over the time from
 * the first byte sent until every message was received (spooled), and until every message was
 * processed (parsed and aggregated, records written). It fails if a TCP message is lost:
 * received must equal sent and processed must equal received. Medians over the rounds.
 */
public final class ListenBenchmark {

    private ListenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Arrays.stream(args).map(a -> a.split("=", 2))
                .collect(Collectors.toMap(a -> a[0], a -> a.length > 1 ? a[1] : ""));
        int[] connections = Arrays.stream(opt.getOrDefault("connections", "4,8").split(",")).mapToInt(Integer::parseInt).toArray();
        int messages = Integer.parseInt(opt.getOrDefault("messages", "2000000"));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
        int udp = Integer.parseInt(opt.getOrDefault("udp", "200000"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "1"));
        System.out.printf(Locale.ROOT, "listen loopback benchmark: %,d postfix messages per round, octet-counted TCP, %d rounds,"
                + " %d cores, %s%n", messages, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        for (int c : connections) {
            byte[][] streams = new byte[c][];
            for (int h = 0; h < c; h++) {
                streams[h] = PostfixTraffic.octetCounted(PostfixTraffic.host("mx" + h, messages / c, 20261124L + h));
            }
            long sent = (long) (messages / c) * c;
            for (int r = 0; r < warmup; r++) {
                double[] rates = tcpRound(streams, sent);
                System.out.printf(Locale.ROOT, "  %d connections, warm-up %d: received %,.0f msg/s, processed %,.0f msg/s%n", c, r + 1,
                        rates[0], rates[1]);
            }
            double[] received = new double[rounds];
            double[] processed = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double[] rates = tcpRound(streams, sent);
                received[r] = rates[0];
                processed[r] = rates[1];
                System.out.printf(Locale.ROOT, "  %d connections, round %d: received %,.0f msg/s, processed %,.0f msg/s, lost 0%n", c,
                        r + 1, rates[0], rates[1]);
            }
            double processedMedian = median(processed);
            System.out.printf(Locale.ROOT, "%d connections: received %,.0f msg/s, processed %,.0f msg/s (medians of %d; processed"
                    + " range %,.0f-%,.0f), TCP messages lost: 0%n", c, median(received), processedMedian, rounds,
                    Arrays.stream(processed).min().orElse(0), Arrays.stream(processed).max().orElse(0));
            if (udp > 0) {
                udpRound(udp, processedMedian);
            }
        }
    }

    /** One listener, one connection per stream; returns {received/s, processed/s}. */
    static double[] tcpRound(byte[][] streams, long sent) throws Exception {
        Path dir = Files.createTempDirectory("mailtrace-listen-bench");
        ExecutorService pool = Executors.newFixedThreadPool(streams.length);
        try (Listener l = Listener.builder(DialectRegistry.load()).zone(ZoneOffset.UTC).spool(dir.resolve("spool"))
                .out(Path.of("/dev/null")).endpoint(Endpoint.parse(Protocol.TCP, "0")).start()) {
            InetSocketAddress at = l.endpoints().get(0).address();
            long start = System.nanoTime();
            List<Future<?>> senders = new ArrayList<>();
            for (byte[] s : streams) {
                senders.add(pool.submit(() -> {
                    try (Socket sock = new Socket(at.getAddress(), at.getPort())) {
                        OutputStream o = sock.getOutputStream();
                        for (int i = 0; i < s.length; i += 65536) {
                            o.write(s, i, Math.min(65536, s.length - i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : senders) {
                f.get();
            }
            while (l.metrics().received(Protocol.TCP) < sent && l.failure() == null) {
                LockSupport.parkNanos(100_000);
            }
            long receivedNanos = System.nanoTime() - start;
            if (!l.awaitProcessed(Duration.ofMinutes(10))) {
                throw new IllegalStateException("not processed within 10 minutes", l.failure());
            }
            long processedNanos = System.nanoTime() - start;
            long received = l.metrics().received(Protocol.TCP);
            long processed = l.metrics().processed();
            if (received != sent || processed != received) {
                throw new IllegalStateException("TCP messages lost: sent " + sent + ", received " + received + ", processed " + processed);
            }
            return new double[] {sent / (receivedNanos / 1e9), sent / (processedNanos / 1e9)};
        } finally {
            pool.shutdownNow();
            deleteTree(dir);
        }
    }

    /** UDP datagrams paced at {@code rate} per second; prints what arrived and where the rest went. */
    static void udpRound(int count, double rate) throws Exception {
        List<byte[]> datagrams = PostfixTraffic.host("udp1", count, 7L);
        Path dir = Files.createTempDirectory("mailtrace-listen-bench");
        try (Listener l = Listener.builder(DialectRegistry.load()).zone(ZoneOffset.UTC).spool(dir.resolve("spool"))
                .out(Path.of("/dev/null")).endpoint(Endpoint.parse(Protocol.UDP, "0")).start();
                DatagramChannel ch = DatagramChannel.open()) {
            InetSocketAddress at = l.endpoints().get(0).address();
            ch.connect(at);
            long start = System.nanoTime();
            double nanosPerDatagram = 1e9 / rate;
            ByteBuffer b = ByteBuffer.allocate(65536);
            for (int i = 0; i < count; i++) {
                long due = start + (long) (i * nanosPerDatagram);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                b.clear();
                b.put(datagrams.get(i)).flip();
                ch.write(b);
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long last = -1;
            while (l.metrics().received(Protocol.UDP) + l.metrics().udpDrops() != last) { // until nothing more arrives
                last = l.metrics().received(Protocol.UDP) + l.metrics().udpDrops();
                Thread.sleep(200);
            }
            l.awaitProcessed(Duration.ofMinutes(5));
            long received = l.metrics().received(Protocol.UDP);
            long kernel = l.metrics().udpKernelDrops();
            System.out.printf(Locale.ROOT, "  UDP at %,.0f datagrams/s (sent at %,.0f/s): %,d sent, %,d received and processed %,d,"
                    + " %,d dropped for lack of spool room, %,d dropped by the kernel (receive buffer full): loss %.2f%%%n", rate,
                    count / sendSeconds, count, received, l.metrics().processed(), l.metrics().udpDrops(), kernel,
                    100.0 * (count - received) / count);
        } finally {
            deleteTree(dir);
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A mail host's postfix log as rsyslog forwards it: many SMTP sessions at once, their lines
     * interleaved as the daemons write them (smtpd, cleanup, qmgr, smtp or lmtp for one to three
     * recipients, some deferred or bounced, removal), and one session in ten refused (NOQUEUE
     * reject). RFC 3164 with {@code <PRI>}, as rsyslog's default forwarding template.
     */
    static final class PostfixTraffic {

        /** Sessions in progress at once on a host. */
        static final int CONCURRENT = 64;

        private PostfixTraffic() {
        }

        /** {@code n} messages of host {@code host}, each without framing. */
        static List<byte[]> host(String host, int n, long seed) {
            Random rnd = new Random(seed);
            List<byte[]> out = new ArrayList<>(n);
            List<List<String>> active = new ArrayList<>();
            long[] queue = {0x1000000L};
            while (out.size() < n) {
                while (active.size() < CONCURRENT) {
                    active.add(session(host, rnd, queue));
                }
                int i = rnd.nextInt(active.size());
                List<String> s = active.get(i);
                int t = out.size() / 400; // about 400 lines a second per host
                String stamp = String.format(Locale.ROOT, "<22>Nov 24 %02d:%02d:%02d %s ", 8 + t / 3600 % 12, t / 60 % 60, t % 60, host);
                out.add((stamp + s.remove(0)).getBytes(UTF_8));
                if (s.isEmpty()) {
                    active.remove(i);
                }
            }
            return out;
        }

        /** The lines of one SMTP session, without timestamp and host. */
        private static List<String> session(String host, Random rnd, long[] queue) {
            List<String> l = new ArrayList<>();
            int smtpd = 2000 + rnd.nextInt(5000);
            String ip = "198.51." + rnd.nextInt(256) + "." + rnd.nextInt(256);
            String client = "mail" + rnd.nextInt(1000) + ".example.org[" + ip + "]";
            l.add("postfix/smtpd[" + smtpd + "]: connect from " + client);
            if (rnd.nextInt(10) == 0) {
                l.add("postfix/smtpd[" + smtpd + "]: NOQUEUE: reject: RCPT from " + client + ": 450 4.7.1 <u" + rnd.nextInt(100000)
                        + "@corp.example.net>: Recipient address rejected: Greylisted; from=<s@example.org> to=<u@corp.example.net>"
                        + " proto=ESMTP helo=<mail.example.org>");
                l.add("postfix/smtpd[" + smtpd + "]: disconnect from " + client + " ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
                return l;
            }
            String q = String.format(Locale.ROOT, "%010X", queue[0]++);
            int rcpts = 1 + rnd.nextInt(3);
            l.add("postfix/smtpd[" + smtpd + "]: " + q + ": client=" + client);
            l.add("postfix/cleanup[" + (smtpd + 1) + "]: " + q + ": message-id=<" + q + "." + rnd.nextInt(1 << 30) + "@example.org>");
            l.add("postfix/qmgr[1020]: " + q + ": from=<sender" + rnd.nextInt(5000) + "@example.org>, size=" + (1000 + rnd.nextInt(90000))
                    + ", nrcpt=" + rcpts + " (queue active)");
            l.add("postfix/smtpd[" + smtpd + "]: disconnect from " + client + " ehlo=1 mail=1 rcpt=" + rcpts + " data=1 quit=1 commands="
                    + (4 + rcpts));
            for (int r = 0; r < rcpts; r++) {
                int outcome = rnd.nextInt(20);
                String to = "to=<user" + rnd.nextInt(100000) + "@" + (outcome < 10 ? "corp.example.net" : "far.example") + ">";
                if (outcome < 10) {
                    l.add("postfix/lmtp[" + (smtpd + 2) + "]: " + q + ": " + to + ", relay=mbox1.corp.example.net[private/dovecot-lmtp],"
                            + " delay=0.09, delays=0.02/0.01/0.02/0.04, dsn=2.0.0, status=sent (250 2.0.0 <u@corp.example.net>"
                            + " kJ4xBzQ0Q2feDAAAYr8sdw Saved)");
                } else if (outcome < 19) {
                    l.add("postfix/smtp[" + (smtpd + 3) + "]: " + q + ": " + to + ", relay=mx.far.example[203.0.113." + rnd.nextInt(256)
                            + "]:25, delay=1.2, delays=0.1/0.01/0.5/0.59, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as "
                            + String.format(Locale.ROOT, "%08X", rnd.nextInt()) + ")");
                } else {
                    l.add("postfix/smtp[" + (smtpd + 3) + "]: " + q + ": " + to + ", relay=mx.far.example[203.0.113.9]:25, delay=0.8,"
                            + " delays=0.1/0/0.4/0.3, dsn=5.1.1, status=bounced (host mx.far.example[203.0.113.9] said: 550 5.1.1"
                            + " <u@far.example>: Recipient address rejected: User unknown (in reply to RCPT TO command))");
                }
            }
            l.add("postfix/qmgr[1020]: " + q + ": removed");
            return l;
        }

        /** The messages framed as RFC 6587 octet-counted, one stream. */
        static byte[] octetCounted(List<byte[]> messages) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(messages.size() * 180);
            for (byte[] m : messages) {
                out.writeBytes((m.length + " ").getBytes(UTF_8));
                out.writeBytes(m);
            }
            return out.toByteArray();
        }
    }
}
