package dev.mailtrace.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mailtrace listen --tcp 0 --metrics 0 ARGS} as a real child JVM: its TCP and metrics ports
 * read from the lines it prints, messages sent over TCP, the received count read from its metrics.
 */
final class ListenProcess {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    final Process process;
    final int port;
    final int metricsPort;
    /** What it printed on stderr so far. */
    private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());

    ListenProcess(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), MailtraceCommand.class.getName(), "listen", "--tcp", "0", "--metrics", "0"));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF_8));
        int p = -1;
        int m = -1;
        String line;
        while ((p < 0 || m < 0) && (line = err.readLine()) != null) {
            stderr.add(line);
            Matcher lm = LISTENING.matcher(line);
            Matcher mm = METRICS.matcher(line);
            if (lm.find()) {
                p = Integer.parseInt(lm.group(1));
            } else if (mm.find()) {
                m = Integer.parseInt(mm.group(1));
            }
        }
        assertThat(p).as("listening line in %s", stderr).isPositive();
        assertThat(m).as("metrics line in %s", stderr).isPositive();
        port = p;
        metricsPort = m;
        Thread drain = new Thread(() -> {
            try {
                err.lines().forEach(stderr::add);
            } catch (java.io.UncheckedIOException e) {
                // the process was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /** Sends {@code lines} over one TCP connection, octet-counted and LF-terminated alternately. */
    void send(List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            sb.append(i % 2 == 0 ? l.getBytes(UTF_8).length + " " + l : l + "\n");
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream o = s.getOutputStream();
            o.write(sb.toString().getBytes(UTF_8));
            o.flush();
        }
    }

    long received() throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        long sum = 0;
        for (String l : body.split("\n")) {
            if (l.startsWith("mailtrace_listen_messages_received_total{")) {
                sum += (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Waits until {@code n} messages in all were received (60 s at most). */
    void awaitReceived(long n) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received() < n) {
            assertThat(System.nanoTime()).as("received %d within 60 s", n).isLessThan(end);
            Thread.sleep(10);
        }
    }

    /** SIGTERM, and its exit status once it has drained (within {@code timeout}). */
    int term(Duration timeout) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).as("exited within %s; stderr: %s", timeout, stderr).isTrue();
        return process.exitValue();
    }

    /** Its stderr so far, one line each. */
    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }
}
