package dev.mailtrace.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.spi.DialectRegistry;

/**
 * {@code mailtrace listen} as a real child JVM ({@link ListenProcess}): killed with SIGKILL in the middle of a stream and
 * started again over the same spool, its output equals that of a run that was never interrupted;
 * SIGTERM ends it with status 0. The received counts are read from its {@code --metrics} endpoint.
 */
class ListenCrashTest {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    @BeforeAll
    static void postfix() {
        assumeTrue(DialectRegistry.load().names().contains("postfix"), "the postfix dialect is not on the class path");
    }

    /** {@code n} postfix transactions of five lines, eight open at a time, one second apart. */
    static List<String> postfixLines(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n + 8; i++) {
            String t = String.format("Nov 24 %02d:%02d:%02d", 8 + i / 3600, i / 60 % 60, i % 60);
            if (i < n) {
                String q = String.format("%010X", 0x1000000L + i);
                lines.add(t + " mx1 postfix/smtpd[100]: " + q + ": client=c" + i + ".example.org[192.0.2." + i % 250 + "]");
                lines.add(t + " mx1 postfix/cleanup[101]: " + q + ": message-id=<" + i + "@example.org>");
                lines.add(t + " mx1 postfix/qmgr[102]: " + q + ": from=<a" + i + "@example.org>, size=" + (1000 + i)
                        + ", nrcpt=1 (queue active)");
            }
            if (i >= 8) {
                String q = String.format("%010X", 0x1000000L + i - 8);
                lines.add(t + " mx1 postfix/smtp[103]: " + q + ": to=<b" + (i - 8) + "@example.net>, relay=mx.example.net"
                        + "[198.51.100.2]:25, delay=8, delays=0.1/0/0.5/7.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as "
                        + String.format("%010X", 0x2000000L + i) + ")");
                lines.add(t + " mx1 postfix/qmgr[102]: " + q + ": removed");
            }
        }
        return lines;
    }

    private static ListenProcess child(Path spool, Path out) throws IOException {
        return new ListenProcess("--spool", spool.toString(), "--out", out.toString(), "--tz", "UTC");
    }

    @Test
    void killedMidStreamAndRestartedGivesTheOutputOfAnUninterruptedRun() throws Exception {
        List<String> lines = postfixLines(20_000);
        int half = lines.size() / 2;
        List<String> first = lines.subList(0, half);
        List<String> second = lines.subList(half, lines.size());

        Path refOut = dir.resolve("ref.ndjson");
        ListenProcess ref = child(dir.resolve("ref-spool"), refOut);
        ref.send(first);
        ref.awaitReceived(first.size()); // two connections one after the other, as below: the same order
        ref.send(second);
        ref.awaitReceived(lines.size());
        assertThat(ref.term(Duration.ofSeconds(60))).as("exit status after SIGTERM").isZero();
        String expected = Files.readString(refOut);
        assertThat(expected.lines().count()).as("transactions complete before the stop").isGreaterThan(19_000);

        Path out = dir.resolve("out.ndjson");
        ListenProcess a = child(dir.resolve("spool"), out);
        a.send(first);
        a.awaitReceived(first.size());
        Thread.sleep(50); // the spool's flusher writes what arrived within milliseconds
        a.process.destroyForcibly(); // SIGKILL: no drain, no checkpoint
        assertThat(a.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long atKill = Files.exists(out) ? Files.size(out) : 0;

        ListenProcess b = child(dir.resolve("spool"), out);
        b.send(second);
        b.awaitReceived(second.size());
        assertThat(b.term(Duration.ofSeconds(60))).isZero();
        assertThat(atKill).as("killed before the end of the output").isLessThan(expected.length());
        List<String> got = Files.readAllLines(out, UTF_8);
        assertThat(got).as("no record lost or written twice").hasSameSizeAs(expected.lines().toList());
        assertThat(got).containsExactlyElementsOf(expected.lines().toList());
    }
}
