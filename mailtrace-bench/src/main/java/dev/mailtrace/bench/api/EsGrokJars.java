package dev.mailtrace.bench.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

import dev.mailtrace.bench.es.EsGrokEngine;

/**
 * Where Elasticsearch's grok comes from for the {@code es-grok} engine: three jars
 * ({@code elasticsearch-grok} and the joni and jcodings it was built with, versions pinned by our
 * build) in a cache directory, {@code ~/.cache/mailtrace/es-grok/VERSION} (or under
 * {@code $XDG_CACHE_HOME}). A jar missing there is copied from the local Maven repository if it
 * is there, else downloaded from Maven Central, with progress, and checked against the SHA-1 that
 * Central publishes beside it. The jars are never part of our own jars.
 *
 * <p>{@code -Dmailtrace.esgrok.dir=DIR} uses a directory holding the three jars as it is (the
 * bench build's {@code target/es-grok}).
 */
public final class EsGrokJars {

    /** Maven Central. */
    public static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");

    private static final String[][] ARTIFACTS = {
        {"org.elasticsearch", "elasticsearch-grok", "elasticsearch.grok.version"},
        {"org.jruby.joni", "joni", "elasticsearch.grok.joni.version"},
        {"org.jruby.jcodings", "jcodings", "elasticsearch.grok.jcodings.version"},
    };

    private final Path cache;
    private final Path localRepository;
    private final URI repository;
    private final Consumer<String> progress;

    /**
     * @param cache the directory the jars are kept in
     * @param localRepository a Maven local repository to copy from, or null
     * @param repository the remote Maven repository to download from
     * @param progress receives a line now and then while downloading (a progress bar), or null
     */
    public EsGrokJars(Path cache, Path localRepository, URI repository, Consumer<String> progress) {
        this.cache = cache;
        this.localRepository = localRepository;
        this.repository = repository;
        this.progress = progress == null ? s -> { } : progress;
    }

    /** The defaults: the user's cache directory, {@code ~/.m2/repository}, Maven Central. */
    public static EsGrokJars defaults(Consumer<String> progress) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path home = Path.of(System.getProperty("user.home"));
        Path cacheRoot = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache");
        String local = System.getProperty("maven.repo.local");
        Path repo = local != null ? Path.of(local) : home.resolve(".m2").resolve("repository");
        return new EsGrokJars(cacheRoot.resolve("mailtrace").resolve("es-grok").resolve(version(0)), repo, CENTRAL,
                progress);
    }

    /** The pinned version of artifact {@code i} (0 grok, 1 joni, 2 jcodings), from our build. */
    static String version(int i) {
        Properties p = new Properties();
        try (InputStream in = EsGrokJars.class.getResourceAsStream("es-grok.properties")) {
            if (in == null) {
                throw new IllegalStateException("es-grok.properties missing from mailtrace-bench");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty(ARTIFACTS[i][2]);
    }

    /**
     * The directory holding the three jars, filling it first if needed.
     *
     * @throws IOException if a jar can be neither found nor downloaded, or its checksum is wrong
     */
    public Path directory() throws IOException {
        String configured = System.getProperty(EsGrokEngine.DIR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Files.createDirectories(cache);
        for (int i = 0; i < ARTIFACTS.length; i++) {
            String group = ARTIFACTS[i][0];
            String artifact = ARTIFACTS[i][1];
            String version = version(i);
            String file = artifact + "-" + version + ".jar";
            Path target = cache.resolve(file);
            if (Files.isRegularFile(target)) {
                continue;
            }
            String relative = group.replace('.', '/') + "/" + artifact + "/" + version + "/" + file;
            Path local = localRepository == null ? null : localRepository.resolve(relative);
            if (local != null && Files.isRegularFile(local)) {
                Path tmp = Files.createTempFile(cache, file, ".part");
                Files.copy(local, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                download(repository.resolve(relative), target);
            }
        }
        return cache;
    }

    /** Downloads {@code uri} to {@code target}, checking the SHA-1 published at {@code uri.sha1}. */
    void download(URI uri, Path target) throws IOException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        String expected = new String(get(http, URI.create(uri + ".sha1")).readAllBytes(), StandardCharsets.US_ASCII)
                .trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            HttpResponse<InputStream> response = send(http, uri);
            long total = response.headers().firstValueAsLong("content-length").orElse(-1);
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            try (InputStream in = new DigestInputStream(response.body(), sha1); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[64 * 1024];
                long done = 0;
                int lastShown = -1;
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    done += n;
                    int percent = total > 0 ? (int) (done * 100 / total) : -1;
                    if (percent / 5 != lastShown / 5 || percent < 0 && done % (1 << 20) < n) {
                        progress.accept(bar(target.getFileName().toString(), done, total));
                        lastShown = percent;
                    }
                }
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (!actual.equals(expected)) {
                throw new IOException("checksum mismatch for [" + uri + "]: SHA-1 " + actual + ", expected "
                        + expected + " (from " + uri + ".sha1)");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code name [=========>          ]  48% 1.2/2.5 MB} */
    static String bar(String name, long done, long total) {
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s %.1f MB", name, done / 1e6);
        }
        int width = 30;
        int filled = (int) (done * width / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %.1f/%.1f MB", name, "=".repeat(filled),
                " ".repeat(width - filled), done * 100 / total, done / 1e6, total / 1e6);
    }

    private static InputStream get(HttpClient http, URI uri) throws IOException {
        return send(http, uri).body();
    }

    private static HttpResponse<InputStream> send(HttpClient http, URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build();
        HttpResponse<InputStream> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading [" + uri + "]", e);
        }
        if (r.statusCode() != 200) {
            r.body().close();
            throw new IOException("cannot download [" + uri + "]: HTTP " + r.statusCode());
        }
        return r;
    }

    /** The artifacts fetched, as {@code group:artifact:version}. */
    public static List<String> coordinates() {
        return List.of(ARTIFACTS[0][0] + ":" + ARTIFACTS[0][1] + ":" + version(0),
                ARTIFACTS[1][0] + ":" + ARTIFACTS[1][1] + ":" + version(1),
                ARTIFACTS[2][0] + ":" + ARTIFACTS[2][1] + ":" + version(2));
    }
}
