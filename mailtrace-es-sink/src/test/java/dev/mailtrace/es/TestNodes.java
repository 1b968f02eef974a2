package dev.mailtrace.es;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * The Elasticsearch nodes of the integration tests: {@link EmbeddedElasticsearch} with the
 * distribution of the build's local Maven repository unpacked into {@code mailtrace.es.cache}
 * (failsafe sets it), each node in {@code target/es-nodes/NAME}, started empty (a node a killed test
 * JVM left running there is stopped first), 256 MB heap. Tests are skipped (assumption) outside Maven.
 */
public final class TestNodes {

    /** The user and password of a {@link #startSecure secure} node. */
    public static final String USER = "mailtrace";
    public static final String PASSWORD = "mailtrace-secret";

    private static EmbeddedElasticsearch shared;
    private static ElasticsearchClient sharedClient;

    private TestNodes() {
    }

    /** The node shared by the test classes of this JVM (plain http), started on first use, stopped at exit. */
    public static synchronized EmbeddedElasticsearch shared() {
        if (shared == null) {
            shared = start("shared");
        }
        return shared;
    }

    /** A client of {@link #shared()}, shared too (closed with the JVM). */
    public static synchronized ElasticsearchClient sharedClient() {
        if (sharedClient == null) {
            sharedClient = connect(shared());
        }
        return sharedClient;
    }

    /** A connected client of {@code node}. */
    public static ElasticsearchClient connect(EmbeddedElasticsearch node) {
        return node.connection().build().connect();
    }

    /** A plain http node of its own. */
    public static EmbeddedElasticsearch start(String name) {
        return start(builder(name));
    }

    /** A node with https (a self-signed certificate, {@link EmbeddedElasticsearch#caCertificate()}) and basic auth ({@link #USER}). */
    public static EmbeddedElasticsearch startSecure(String name) {
        Path certs = Path.of("target/es-certs", name).toAbsolutePath();
        try {
            EsDistribution.deleteTree(certs);
            Files.createDirectories(certs);
            TestCertificates.selfSigned(certs.resolve("http.crt"), certs.resolve("http.key"), certs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(builder(name).https(certs.resolve("http.crt"), certs.resolve("http.key"), USER, PASSWORD));
    }

    /** The builder of a test node {@code name}: empty, 256 MB heap. */
    public static EmbeddedElasticsearch.Builder builder(String name) {
        String cache = System.getProperty("mailtrace.es.cache");
        assumeTrue(cache != null, "no mailtrace.es.cache: the Elasticsearch integration tests run through Maven (mvn verify)");
        return EmbeddedElasticsearch.builder().cacheDir(Path.of(cache)).workDir(Path.of("target/es-nodes", name)).name("test-" + name)
                .heap("256m").fresh(true);
    }

    private static EmbeddedElasticsearch start(EmbeddedElasticsearch.Builder b) {
        try {
            return b.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code METHOD url+path} without a body, for what the client does not cover (refresh, raw
     * searches, deleting by name); its body.
     *
     * @throws IOException for a status other than 200, with the answer
     */
    public static String request(String url, String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
