package dev.mailtrace.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A generated postfix log of a small site, for end-to-end benchmarks: two edge MX hosts
 * ({@code mx1}, {@code mx2}) take mail from the internet and relay each recipient either to the
 * mailbox host {@code mbox1} (which delivers by LMTP to dovecot) or to other sites. About 300
 * sessions are open at any time and their lines interleave, as in a real log. Per message: connect,
 * TLS (most), client (some with SASL), message-id, from, disconnect, one to three recipients, then
 * removed. Per recipient: 60% relayed to {@code mbox1} (its own transaction there, linked by
 * {@code queued as}), 25% sent elsewhere, 8% deferred first and sent later, 7% bounced with a
 * non-delivery notification of its own. Between them: NOQUEUE rejects (greylisting, an RBL,
 * unknown users) and anvil statistics. RFC 3164 timestamps from 2026-11-24 00:00:00, 40 lines a
 * second.
 *
 * <p>Deterministic: the same seed and line count give the same bytes. From the command line, it
 * writes a log for timing the {@code mailtrace} command itself:
 * <pre>
 * java -cp mailtrace-bench/target/benchmarks.jar dev.mailtrace.bench.PostfixTraffic /tmp/postfix-3m.log 3000000
 * </pre>
 */
public final class PostfixTraffic {

    /** The seed of the logs the benchmarks run over. */
    public static final long DEFAULT_SEED = 0x7472616666696cL;

    private static final LocalDateTime EPOCH = LocalDateTime.of(2026, 11, 24, 0, 0);
    private static final DateTimeFormatter RFC3164 = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final int OPEN_SESSIONS = 300;
    private static final String[] EDGES = {"mx1", "mx2"};

    private final SplittableRandom rnd;
    private long ids;
    private long tick;
    private long stampSecond = -1;
    private String stamp;

    private PostfixTraffic(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** Exactly {@code lines} lines, each ending in {@code \n}, UTF-8. */
    public static byte[] generate(int lines, long seed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(lines * 150);
        try {
            new PostfixTraffic(seed).write(bytes, lines);
        } catch (IOException e) {
            throw new IllegalStateException(e); // not thrown by a ByteArrayOutputStream
        }
        return bytes.toByteArray();
    }

    /** Writes exactly {@code lines} lines to {@code file}. */
    public static void write(Path file, int lines, long seed) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            new PostfixTraffic(seed).write(os, lines);
        }
    }

    /** {@code PostfixTraffic FILE LINES [SEED]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PostfixTraffic FILE LINES [SEED]");
            System.exit(2);
        }
        long seed = args.length > 2 ? Long.decode(args[2]) : DEFAULT_SEED;
        write(Path.of(args[0]), Integer.parseInt(args[1]), seed);
    }

    private void write(OutputStream os, int lines) throws IOException {
        List<List<String>> open = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        long messages = 0;
        int written = 0;
        while (written < lines) {
            while (open.size() < OPEN_SESSIONS) {
                open.add(message(messages++));
                next.add(0);
            }
            String line;
            double noise = rnd.nextDouble();
            if (noise < 0.08) {
                line = reject();
            } else if (noise < 0.12) {
                line = EDGES[rnd.nextInt(2)] + " postfix/anvil[1187]: statistics: max connection rate "
                        + (1 + rnd.nextInt(9)) + "/60s for (smtp:" + internetIp() + ") at " + stamp();
            } else {
                int k = rnd.nextInt(open.size());
                List<String> script = open.get(k);
                int i = next.get(k);
                line = script.get(i);
                if (i + 1 == script.size()) {
                    int last = open.size() - 1;
                    open.set(k, open.get(last));
                    next.set(k, next.get(last));
                    open.remove(last);
                    next.remove(last);
                } else {
                    next.set(k, i + 1);
                }
            }
            tick++;
            os.write((stamp() + ' ' + line + '\n').getBytes(StandardCharsets.UTF_8));
            written++;
        }
    }

    /** The lines of one message, in the order they are logged. */
    private List<String> message(long n) {
        List<String> s = new ArrayList<>(24);
        String edge = EDGES[(int) (n & 1)];
        String q = queueId();
        String client = "mail" + rnd.nextInt(2000) + ".example" + rnd.nextInt(50) + ".org[" + internetIp() + "]";
        String from = "user" + rnd.nextInt(20_000) + "@example" + rnd.nextInt(50) + ".org";
        String msgid = Long.toHexString(n * 0x9E3779B97F4A7C15L) + "@mail.example.org";
        int size = 1_000 + rnd.nextInt(200_000);
        int rcpts = 1 + (rnd.nextInt(10) < 7 ? 0 : rnd.nextInt(3));
        int pid = 10_000 + rnd.nextInt(20_000);
        String smtpd = edge + " postfix/smtpd[" + pid + "]: ";
        s.add(smtpd + "connect from " + client);
        if (rnd.nextInt(10) < 7) {
            s.add(smtpd + "Anonymous TLS connection established from " + client
                    + ": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)");
        }
        s.add(smtpd + q + ": client=" + client
                + (rnd.nextInt(5) == 0 ? ", sasl_method=PLAIN, sasl_username=user" + rnd.nextInt(500) : ""));
        s.add(edge + " postfix/cleanup[" + (pid + 1) + "]: " + q + ": message-id=<" + msgid + ">");
        s.add(edge + " postfix/qmgr[1020]: " + q + ": from=<" + from + ">, size=" + size + ", nrcpt=" + rcpts
                + " (queue active)");
        s.add(smtpd + "disconnect from " + client + " ehlo=2 starttls=1 mail=1 rcpt=" + rcpts + " data=1 quit=1 commands="
                + (6 + rcpts));
        String smtp = edge + " postfix/smtp[" + (pid + 2) + "]: " + q + ": to=<";
        for (int r = 0; r < rcpts; r++) {
            int fate = rnd.nextInt(100);
            if (fate < 60) {
                String to = "staff" + rnd.nextInt(3_000) + "@corp.example.net";
                String d = queueId();
                int mpid = 40_000 + rnd.nextInt(20_000);
                s.add("mbox1 postfix/smtpd[" + mpid + "]: " + d + ": client=" + edge + ".corp.example.net[10.1.0."
                        + (edge.equals("mx1") ? 11 : 12) + "]");
                s.add("mbox1 postfix/cleanup[" + (mpid + 1) + "]: " + d + ": message-id=<" + msgid + ">");
                s.add("mbox1 postfix/qmgr[880]: " + d + ": from=<" + from + ">, size=" + (size + 412)
                        + ", nrcpt=1 (queue active)");
                s.add(smtp + to + ">, relay=mbox1.corp.example.net[10.1.0.20]:25, delay=0.41,"
                        + " delays=0.01/0.01/0.12/0.27, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " + d + ")");
                s.add("mbox1 postfix/lmtp[" + (mpid + 2) + "]: " + d + ": to=<" + to
                        + ">, relay=mbox1.corp.example.net[private/dovecot-lmtp], delay=0.09, delays=0.02/0.01/0.02/0.04,"
                        + " dsn=2.0.0, status=sent (250 2.0.0 <" + to + "> kJ4xBzQ0Q2feDAAAYr8sdw Saved)");
                s.add("mbox1 postfix/qmgr[880]: " + d + ": removed");
            } else {
                String to = "someone" + rnd.nextInt(50_000) + "@partner" + rnd.nextInt(400) + ".example";
                String mx = "mx.partner" + rnd.nextInt(400) + ".example[192.0.2." + (1 + rnd.nextInt(250)) + "]:25";
                if (fate < 85) {
                    s.add(smtp + to + ">, relay=" + mx + ", delay=1.2, delays=0.05/0.01/0.4/0.74, dsn=2.0.0,"
                            + " status=sent (250 2.0.0 Ok: queued as " + queueId() + ")");
                } else if (fate < 93) {
                    s.add(smtp + to + ">, relay=none, delay=30, delays=0.02/0/30/0, dsn=4.4.1, status=deferred"
                            + " (connect to " + mx.substring(0, mx.length() - 3) + ":25: Connection timed out)");
                    s.add(smtp + to + ">, relay=" + mx + ", delay=907, delays=877/0.01/0.33/0.2, dsn=2.0.0,"
                            + " status=sent (250 2.0.0 Ok: queued as " + queueId() + ")");
                } else {
                    s.add(smtp + to + ">, relay=" + mx + ", delay=0.9, delays=0.04/0.01/0.5/0.35, dsn=5.1.1,"
                            + " status=bounced (host " + mx.substring(0, mx.length() - 3) + " said: 550 5.1.1 <" + to
                            + ">: Recipient address rejected: User unknown (in reply to RCPT TO command))");
                    String b = queueId();
                    s.add(edge + " postfix/bounce[" + (pid + 3) + "]: " + q + ": sender non-delivery notification: " + b);
                    s.add(edge + " postfix/cleanup[" + (pid + 1) + "]: " + b + ": message-id=<" + Long.toHexString(ids)
                            + "@" + edge + ".corp.example.net>");
                    s.add(edge + " postfix/qmgr[1020]: " + b + ": from=<>, size=" + (3_000 + rnd.nextInt(2_000))
                            + ", nrcpt=1 (queue active)");
                    s.add(edge + " postfix/smtp[" + (pid + 4) + "]: " + b + ": to=<" + from + ">, relay=" + client + ":25, delay=0.3,"
                            + " delays=0/0.01/0.12/0.17, dsn=2.0.0, status=sent (250 OK id=1wLq9a-000" + rnd.nextInt(999) + ")");
                    s.add(edge + " postfix/qmgr[1020]: " + b + ": removed");
                }
            }
        }
        s.add(edge + " postfix/qmgr[1020]: " + q + ": removed");
        return s;
    }

    private String reject() {
        String ip = internetIp();
        String to = "staff" + rnd.nextInt(3_000) + "@corp.example.net";
        String from = "offer" + rnd.nextInt(1_000) + "@shop" + rnd.nextInt(100) + ".example";
        String head = EDGES[rnd.nextInt(2)] + " postfix/smtpd[" + (10_000 + rnd.nextInt(20_000))
                + "]: NOQUEUE: reject: RCPT from unknown[" + ip + "]: ";
        String tail = "; from=<" + from + "> to=<" + to + "> proto=ESMTP helo=<shop.example>";
        switch (rnd.nextInt(3)) {
            case 0:
                return head + "450 4.7.1 <" + to + ">: Recipient address rejected: Greylisted, see"
                        + " http://postgrey.schweikert.ch/help/corp.example.net.html" + tail;
            case 1:
                return head + "554 5.7.1 Service unavailable; Client host [" + ip + "] blocked using zen.spamhaus.org" + tail;
            default:
                return head + "550 5.1.1 <" + to + ">: Recipient address rejected: User unknown in virtual mailbox table"
                        + tail;
        }
    }

    /** A postfix short queue id: 10 upper-case hex digits, hardly ever repeated within a log. */
    private String queueId() {
        long v = (++ids * 0x9E3779B97F4A7C15L) >>> 24;
        return String.format(Locale.ROOT, "%010X", v & 0xFF_FFFF_FFFFL);
    }

    private String internetIp() {
        return (1 + rnd.nextInt(223)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }

    /** The timestamp of the current line: 40 lines a second. */
    private String stamp() {
        long second = tick / 40;
        if (second != stampSecond) {
            stampSecond = second;
            stamp = RFC3164.format(EPOCH.plusSeconds(second));
        }
        return stamp;
    }
}
