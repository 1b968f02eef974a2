package dev.mailtrace.es;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch distribution an {@link EmbeddedElasticsearch} runs: the Maven artifact
 * {@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:VERSION:zip} (no JDK inside),
 * taken from the local Maven repository when it is there, else downloaded from a Maven repository
 * (Maven Central) and checked against the repository's {@code .sha1} and, where published,
 * {@code .sha512}. It is unpacked into a temporary directory and moved into place in one step, so a
 * failed download or unpacking never leaves a half tree behind.
 */
final class EsDistribution {

    /** The version mailtrace is built and tested against (the parent pom's {@code elasticsearch.server.version}). */
    static final String VERSION = version();
    /** Maven Central. */
    static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");
    private static final String ARTIFACT_PATH = "org/elasticsearch/distribution/integ-test-zip/elasticsearch/";
    /** A download that receives nothing for this long is given up (the HTTP client has no read timeout). */
    static final Duration STALL = Duration.ofSeconds(60);

    private EsDistribution() {
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = EsDistribution.class.getResourceAsStream("elasticsearch.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the jar lacks dev/mailtrace/es/elasticsearch.properties", e);
        }
        return p.getProperty("version");
    }

    /** {@code elasticsearch-VERSION.zip}. */
    static String fileName() {
        return "elasticsearch-" + VERSION + ".zip";
    }

    /** The artifact's path in a Maven repository. */
    static String artifactPath() {
        return ARTIFACT_PATH + VERSION + "/" + fileName();
    }

    /**
     * The unpacked distribution under {@code cacheDir} ({@code elasticsearch-VERSION}), unpacked
     * first from {@code localRepository} or downloaded from {@code repository} if it is not there.
     *
     * @throws IOException when the download fails, is truncated or does not match its checksums
     */
    static Path install(Path cacheDir, Path localRepository, URI repository, EmbeddedElasticsearch.DownloadProgress progress)
            throws IOException {
        Path home = cacheDir.resolve("elasticsearch-" + VERSION);
        if (Files.isDirectory(home.resolve("lib"))) {
            return home;
        }
        Files.createDirectories(cacheDir);
        Path local = localRepository.resolve(artifactPath());
        if (Files.isRegularFile(local)) {
            unpack(local, cacheDir, home);
            return home;
        }
        Path zip = download(repository.resolve(artifactPath()), cacheDir, progress, STALL);
        try {
            unpack(zip, cacheDir, home);
        } finally {
            Files.deleteIfExists(zip);
        }
        return home;
    }

    /**
     * Downloads {@code uri} into a temporary file in {@code dir}, verified; deleted again on any
     * failure, also when nothing arrives for {@code stall}.
     */
    static Path download(URI uri, Path dir, EmbeddedElasticsearch.DownloadProgress progress, Duration stall) throws IOException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
        String sha1 = checksum(http, URI.create(uri + ".sha1"), true);
        String sha512 = checksum(http, URI.create(uri + ".sha512"), false);
        Path tmp = Files.createTempFile(dir, ".download-", ".zip");
        long received = 0;
        try {
            HttpResponse<InputStream> r = send(http, uri, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new IOException("cannot download [" + uri + "]: HTTP " + r.statusCode());
            }
            long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest d1 = digest("SHA-1");
            MessageDigest d512 = digest("SHA-512");
            AtomicLong lastData = new AtomicLong(System.nanoTime());
            AtomicBoolean stalled = new AtomicBoolean();
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(t -> {
                Thread w = new Thread(t, "mailtrace-download-watchdog");
                w.setDaemon(true);
                return w;
            });
            InputStream body = r.body();
            watchdog.scheduleWithFixedDelay(() -> {
                if (System.nanoTime() - lastData.get() > stall.toNanos() && !stalled.getAndSet(true)) {
                    try {
                        body.close(); // ends the blocked read
                    } catch (IOException e) {
                        // the read fails either way
                    }
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            try (InputStream in = body; OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) >= 0;) {
                    lastData.set(System.nanoTime());
                    out.write(buf, 0, n);
                    d1.update(buf, 0, n);
                    d512.update(buf, 0, n);
                    received += n;
                    progress.downloaded(received, total);
                }
            } catch (IOException e) {
                throw new IOException("download of [" + uri + "] broke off after " + received + " bytes: " + (stalled.get()
                        ? "nothing received for " + stall.toSeconds() + " s" : e.getMessage()), e);
            } finally {
                watchdog.shutdownNow();
            }
            if (stalled.get()) {
                throw new IOException("download of [" + uri + "] broke off after " + received + " bytes: nothing received for "
                        + stall.toSeconds() + " s");
            }
            if (total >= 0 && received != total) {
                throw new IOException("download of [" + uri + "] is truncated: " + received + " of " + total + " bytes");
            }
            verify(uri, "SHA-1", sha1, d1);
            if (sha512 != null) {
                verify(uri, "SHA-512", sha512, d512);
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static void verify(URI uri, String algorithm, String expected, MessageDigest d) throws IOException {
        String actual = HexFormat.of().formatHex(d.digest());
        if (!actual.equals(expected)) {
            throw new IOException("download of [" + uri + "] does not match its published " + algorithm + " checksum: expected ["
                    + expected + "], got [" + actual + "]; nothing was kept, try again");
        }
    }

    /** The hex digest in {@code uri} (its first word), or null when it is absent and not {@code required}. */
    private static String checksum(HttpClient http, URI uri, boolean required) throws IOException {
        HttpResponse<String> r = send(http, uri, HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        if (r.statusCode() == 404 && !required) {
            return null;
        }
        String[] words = r.body().trim().split("\\s+");
        if (r.statusCode() != 200 || !words[0].matches("[0-9a-fA-F]{40,128}")) {
            throw new IOException("cannot read the checksum [" + uri + "]: HTTP " + r.statusCode());
        }
        return words[0].toLowerCase(Locale.ROOT);
    }

    private static <T> HttpResponse<T> send(HttpClient http, URI uri, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).build(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading [" + uri + "]");
        } catch (IOException e) {
            throw new IOException("cannot download [" + uri + "]: " + e, e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }

    /** Unpacks the zip's top directory into a temporary directory beside {@code home}, then moves it to {@code home}. */
    private static void unpack(Path zip, Path cacheDir, Path home) throws IOException {
        Path tmp = Files.createTempDirectory(cacheDir, ".unpack-");
        try {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                    Path target = tmp.resolve(e.getName()).normalize();
                    if (!target.startsWith(tmp)) {
                        throw new IOException("[" + zip + "] has an entry outside its directory: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                    }
                }
            }
            Path top = tmp.resolve("elasticsearch-" + VERSION);
            if (!Files.isDirectory(top.resolve("lib"))) {
                throw new IOException("[" + zip + "] is not an Elasticsearch " + VERSION + " distribution (no elasticsearch-" + VERSION
                        + "/lib)");
            }
            try {
                Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another process unpacked it meanwhile: theirs is as good
            }
        } finally {
            deleteTree(tmp);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
