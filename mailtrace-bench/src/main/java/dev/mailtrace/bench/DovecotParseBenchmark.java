package dev.mailtrace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@link DialectParseBenchmark} on dovecot: per session an {@code imap-login}/{@code pop3-login}
 * {@code Login}, the mail process's {@code Disconnected: Logged out} with its counters, an LMTP
 * {@code saved mail to INBOX} delivery, now and then an auth failure, as dovecot 2.3 writes them
 * through syslog ({@code dovecot: imap-login: ...}); every tenth line a real one from
 * {@code ../shared/corpora/fail2ban/dovecot}. Run from the checkout:
 *
 * <pre>
 * mvn -B -q -pl mailtrace-bench -am package -DskipTests
 * java -cp mailtrace-bench/target/benchmarks.jar org.openjdk.jmh.Main DovecotParseBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s -prof gc
 * </pre>
 */
public class DovecotParseBenchmark extends DialectParseBenchmark {

    private static final String SESSION = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    @Override
    DialectLog log(SharedData shared) {
        Random rnd = new Random(0x646f7665636f74L);
        return DialectLog.of(LINES, shared.dir().resolve("corpora/fail2ban/dovecot"), n -> {
            String t = String.format("Nov 24 %02d:%02d:%02d", n / 3600 % 24, n / 60 % 60, n % 60);
            String user = "user" + rnd.nextInt(20000) + "@example.org";
            String ip = "198.51." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
            String session = DialectLog.id(rnd, SESSION, 16);
            int pid = 1000 + rnd.nextInt(30000);
            boolean imap = n % 4 != 0;
            List<String> l = new ArrayList<>(4);
            l.add(t + " mbox1 dovecot: " + (imap ? "imap" : "pop3") + "-login: Login: user=<" + user + ">, method=PLAIN,"
                    + " rip=" + ip + ", lip=192.0.2.10, mpid=" + pid + ", TLS, session=<" + session + ">");
            l.add(imap
                    ? t + " mbox1 dovecot: imap(" + user + ")<" + pid + "><" + session + ">: Disconnected: Logged out in="
                            + rnd.nextInt(5000) + " out=" + rnd.nextInt(90000) + " deleted=0 expunged=" + rnd.nextInt(3)
                            + " trashed=0 hdr_count=" + rnd.nextInt(50) + " hdr_bytes=" + rnd.nextInt(60000)
                            + " body_count=" + rnd.nextInt(5) + " body_bytes=" + rnd.nextInt(90000)
                    : t + " mbox1 dovecot: pop3(" + user + ")<" + pid + "><" + session + ">: Disconnected: Logged out top=0/0,"
                            + " retr=1/" + rnd.nextInt(90000) + ", del=1/" + rnd.nextInt(90000) + ", size=" + rnd.nextInt(90000));
            l.add(t + " mbox1 dovecot: lmtp(" + user + ")<" + (pid + 1) + "><" + DialectLog.id(rnd, SESSION, 22)
                    + ">: msgid=<" + n + "." + session + "@mail.example.net>: saved mail to INBOX");
            if (n % 8 == 5) {
                l.add(t + " mbox1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<" + user
                        + ">, method=PLAIN, rip=" + ip + ", lip=192.0.2.10, TLS, session=<" + DialectLog.id(rnd, SESSION, 16) + ">");
            }
            return l;
        });
    }

    @Override
    String program() {
        return "dovecot";
    }
}
