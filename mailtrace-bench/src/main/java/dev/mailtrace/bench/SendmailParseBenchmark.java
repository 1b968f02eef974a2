package dev.mailtrace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@link DialectParseBenchmark} on sendmail: per message the STARTTLS line, {@code from=}, one or two
 * {@code to=} deliveries (relay, some local with {@code ctladdr=}, some deferred), now and then a
 * {@code ruleset=check_rcpt} reject, as sm-mta writes them; every tenth line a real one from
 * {@code ../shared/corpora/fail2ban/sendmail-reject}. Run from the checkout:
 *
 * <pre>
 * mvn -B -q -pl mailtrace-bench -am package -DskipTests
 * java -cp mailtrace-bench/target/benchmarks.jar org.openjdk.jmh.Main SendmailParseBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s -prof gc
 * </pre>
 */
public class SendmailParseBenchmark extends DialectParseBenchmark {

    private static final String QID = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXabcdefghijklmnopqrstuvwx";

    @Override
    DialectLog log(SharedData shared) {
        Random rnd = new Random(0x73656e646d61696cL);
        return DialectLog.of(LINES, shared.dir().resolve("corpora/fail2ban/sendmail-reject"), n -> {
            String t = String.format("Nov 24 %02d:%02d:%02d", n / 3600 % 24, n / 60 % 60, n % 60);
            String qid = qid(rnd);
            String host = "mail" + rnd.nextInt(5000) + ".example.org";
            String ip = "198.51." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
            int pid = 1000 + rnd.nextInt(30000);
            List<String> l = new ArrayList<>(5);
            l.add(t + " mx1 sm-mta[" + pid + "]: STARTTLS=server, relay=" + host + " [" + ip + "], version=TLSv1.3,"
                    + " verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256");
            l.add(t + " mx1 sm-mta[" + pid + "]: " + qid + ": from=<user" + rnd.nextInt(20000) + "@example.org>, size="
                    + (500 + rnd.nextInt(90000)) + ", class=0, nrcpts=1, msgid=<" + n + "." + qid + "@" + host
                    + ">, bodytype=8BITMIME, proto=ESMTPS, daemon=MTA, relay=" + host + " [" + ip + "]");
            String rcpt = "rcpt" + rnd.nextInt(3000) + "@corp.example.net";
            int kind = n % 10;
            if (kind == 3) {
                l.add(t + " mx1 sm-mta[" + (pid + 1) + "]: " + qid + ": to=<" + rcpt + ">, delay=00:00:15, xdelay=00:00:15,"
                        + " mailer=esmtp, pri=120" + rnd.nextInt(1000) + ", relay=mx.partner.example, dsn=4.4.1,"
                        + " stat=Deferred: Connection refused by mx.partner.example");
            } else if (kind == 7) {
                l.add(t + " mx1 sm-mta[" + (pid + 1) + "]: " + qid + ": to=<" + rcpt + ">, ctladdr=<user@example.org>"
                        + " (1000/1000), delay=00:00:00, xdelay=00:00:00, mailer=local, pri=30447, dsn=2.0.0, stat=Sent");
            } else {
                l.add(t + " mx1 sm-mta[" + (pid + 1) + "]: " + qid + ": to=<" + rcpt + ">, delay=00:00:01, xdelay=00:00:01,"
                        + " mailer=esmtp, pri=120" + rnd.nextInt(1000) + ", relay=mbox.corp.example.net. [10.1.0.20],"
                        + " dsn=2.0.0, stat=Sent (" + qid(rnd) + " Message accepted for delivery)");
            }
            if (kind == 5) {
                String spam = "spam" + rnd.nextInt(9000) + "@corp.example.net";
                l.add(t + " mx1 sm-mta[" + pid + "]: " + qid(rnd) + ": ruleset=check_rcpt, arg1=<"
                        + spam + ">, relay=" + host + " [" + ip + "], reject=550 5.7.1 <" + spam + ">... Relaying denied");
            }
            return l;
        });
    }

    /** A sendmail queue id: eight base-60 digits of time and sequence, then the six-digit process id. */
    private static String qid(Random rnd) {
        return DialectLog.id(rnd, QID, 8) + String.format("%06d", rnd.nextInt(1_000_000));
    }

    @Override
    String program() {
        return "sm-mta";
    }
}
