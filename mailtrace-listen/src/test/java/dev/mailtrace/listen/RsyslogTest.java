package dev.mailtrace.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import dev.mailtrace.spi.DialectRegistry;

/**
 * A real rsyslogd as the client, as at a mail site: a private instance (its own configuration, pid
 * file and work directory, no system sockets) reads a log file with {@code imfile} and forwards each
 * line with {@code omfwd}. Every line arrives once and the transactions are those of
 * {@code mailtrace trace}. Skipped where rsyslogd is not installed (Debian package {@code rsyslog}).
 */
class RsyslogTest {

    static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"tcp, octet-counted", "tcp, traditional", "udp, traditional"})
    void rsyslogForwardsTheExampleLog(String protocol, String framing) throws Exception {
        assumeTrue(Files.isExecutable(RSYSLOGD), "rsyslogd not installed (apt-get install rsyslog)");
        List<String> lines = ListenerTest.exampleLines();
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.ndjson");
        Path work = Files.createDirectories(dir.resolve("work"));
        Protocol p = protocol.equals("udp") ? Protocol.UDP : Protocol.TCP;
        try (Listener l = Listener.builder(DialectRegistry.load()).zone(ListenerTest.UTC).spool(dir.resolve("spool")).out(out)
                .endpoint(Endpoint.parse(p, "0")).start()) {
            int port = ListenerTest.address(l, p).getPort();
            Path conf = dir.resolve("rsyslog.conf");
            Files.writeString(conf, String.join("\n",
                    "global(workDirectory=\"" + work + "\")",
                    "module(load=\"imfile\" mode=\"polling\" PollingInterval=\"1\")",
                    "template(name=\"raw\" type=\"string\" string=\"%msg%\")",
                    "input(type=\"imfile\" file=\"" + in + "\" tag=\"maillog\" freshStartTail=\"off\")",
                    "action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + port + "\" protocol=\"" + protocol + "\""
                            + (p == Protocol.TCP ? " TCP_Framing=\"" + framing + "\"" : "") + " template=\"raw\")",
                    ""));
            Files.write(in, lines);
            Process rsyslogd = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", conf.toString(), "-i",
                    dir.resolve("rsyslogd.pid").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
            try {
                ListenerTest.waitFor(() -> l.metrics().received(p) >= lines.size(),
                        () -> "received " + l.metrics().received(p) + "; rsyslogd said: " + read(dir.resolve("rsyslogd.out")));
                Thread.sleep(500); // nothing more arrives: every line once
                assertThat(l.metrics().received(p)).isEqualTo(lines.size());
                assertThat(l.awaitProcessed(Duration.ofSeconds(20))).isTrue();
            } finally {
                rsyslogd.destroy();
                rsyslogd.waitFor(20, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.readString(out)).isEqualTo(ListenerTest.traceJson(lines, false));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
