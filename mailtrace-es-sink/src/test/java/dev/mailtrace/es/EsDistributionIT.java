package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * The first-use download of the distribution, from a local HTTP server playing Maven Central with
 * the real zip of the local repository: verified and unpacked with progress reported; a wrong
 * checksum or a truncated download is a clear error that leaves nothing behind.
 */
class EsDistributionIT {

    @TempDir
    Path tmp;
    private HttpServer central;
    private byte[] zip;
    /** Served paths (relative to the artifact's directory) and their bodies; absent: 404. */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** How many bytes of the zip are sent, without a length announced (-1: all, with the length). */
    private volatile int cutAfter = -1;
    /** After the bytes of {@link #cutAfter}, the server waits this long before it ends the response. */
    private volatile long stallMillis;

    @BeforeEach
    void serve() throws Exception {
        Path local = Path.of(System.getProperty("maven.repo.local", "none")).resolve(EsDistribution.artifactPath());
        assumeTrue(Files.isRegularFile(local), "no " + local + ": run through Maven (mvn verify), which puts it there");
        zip = Files.readAllBytes(local);
        files.put(".sha1", hex("SHA-1", zip));
        files.put(".sha512", hex("SHA-512", zip));
        central = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        central.createContext("/maven2/", ex -> {
            String path = ex.getRequestURI().getPath();
            String suffix = path.substring(path.indexOf(EsDistribution.fileName()) + EsDistribution.fileName().length());
            byte[] body = suffix.isEmpty() ? zip : files.get(suffix);
            if (!path.endsWith(EsDistribution.artifactPath() + suffix) || body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            boolean cut = suffix.isEmpty() && cutAfter >= 0;
            ex.sendResponseHeaders(200, cut ? 0 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body, 0, cut ? cutAfter : body.length);
                out.flush();
                if (cut && stallMillis > 0) {
                    try {
                        Thread.sleep(stallMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            } catch (IOException e) {
                // the client gave up first, as intended
            }
        });
        central.start();
    }

    @AfterEach
    void stop() {
        if (central != null) {
            central.stop(0);
        }
    }

    private Path install(List<long[]> progress) throws IOException {
        return EsDistribution.install(tmp.resolve("cache"), tmp.resolve("empty-local-repository"),
                URI.create("http://127.0.0.1:" + central.getAddress().getPort() + "/maven2/"),
                (bytes, total) -> progress.add(new long[] {bytes, total}));
    }

    @Test
    void aVerifiedDownloadIsUnpackedWithProgressReported() throws IOException {
        List<long[]> progress = new ArrayList<>();
        Path home = install(progress);
        assertThat(home).isEqualTo(tmp.resolve("cache/elasticsearch-" + EsDistribution.VERSION));
        assertThat(home.resolve("lib")).isDirectory();
        assertThat(home.resolve("config/jvm.options")).isRegularFile();
        assertThat(progress).hasSizeGreaterThan(10);
        assertThat(progress.get(progress.size() - 1)).containsExactly(zip.length, zip.length);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThan(progress.get(i - 1)[0]);
        }
        assertThat(list(tmp.resolve("cache"))).containsExactly("elasticsearch-" + EsDistribution.VERSION);
        // installed: the next use downloads nothing
        central.stop(0);
        assertThat(install(new ArrayList<>())).isEqualTo(home);
    }

    @Test
    void aWrongSha1IsAClearErrorAndLeavesNothing() throws Exception {
        files.put(".sha1", hex("SHA-1", "something else".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> install(new ArrayList<>())).isInstanceOf(IOException.class)
                .hasMessageContaining("does not match its published SHA-1 checksum").hasMessageContaining("nothing was kept");
        assertThat(list(tmp.resolve("cache"))).isEmpty();
    }

    @Test
    void aWrongSha512IsAClearErrorToo() throws Exception {
        files.put(".sha512", hex("SHA-512", "something else".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> install(new ArrayList<>())).hasMessageContaining("does not match its published SHA-512 checksum");
        assertThat(list(tmp.resolve("cache"))).isEmpty();
    }

    @Test
    void aTruncatedDownloadIsAClearErrorAndLeavesNothing() throws Exception {
        files.remove(".sha512"); // not published everywhere: the .sha1 alone is required
        cutAfter = zip.length / 2; // ended early, no length announced: only the checksum can tell
        assertThatThrownBy(() -> install(new ArrayList<>())).isInstanceOf(IOException.class)
                .hasMessageContaining("does not match its published SHA-1 checksum");
        assertThat(list(tmp.resolve("cache"))).isEmpty();
    }

    @Test
    void aDownloadThatStallsIsGivenUp() throws Exception {
        cutAfter = zip.length / 3;
        stallMillis = 5_000;
        URI uri = URI.create("http://127.0.0.1:" + central.getAddress().getPort() + "/maven2/" + EsDistribution.artifactPath());
        Files.createDirectories(tmp.resolve("cache"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> EsDistribution.download(uri, tmp.resolve("cache"), (b, t) -> { }, java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("broke off after").hasMessageContaining("nothing received for 1 s");
        assertThat((System.nanoTime() - t0) / 1e9).as("given up before the server went on").isLessThan(5);
        assertThat(list(tmp.resolve("cache"))).isEmpty();
    }

    @Test
    void aMissingChecksumIsRefused() {
        files.remove(".sha1");
        assertThatThrownBy(() -> install(new ArrayList<>())).hasMessageContaining("cannot read the checksum").hasMessageContaining("HTTP 404");
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static byte[] hex(String algorithm, byte[] data) throws Exception {
        return (HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data)) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
