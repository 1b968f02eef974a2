package dev.mailtrace.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** Obtaining Elasticsearch's jars: from a local repository, or downloaded with a checksum check. */
class EsGrokJarsTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new java.util.HashMap<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/");
    }

    @Test
    void downloadsWithProgressAndAChecksumCheck() throws Exception {
        byte[] jar = "x".repeat(300_000).getBytes(StandardCharsets.US_ASCII);
        served.put("/maven2/g/a.jar", jar);
        served.put("/maven2/g/a.jar.sha1", (sha1(jar) + "  a.jar\n").getBytes(StandardCharsets.US_ASCII));
        List<String> progress = new ArrayList<>();
        EsGrokJars jars = new EsGrokJars(tmp, null, base(), progress::add);
        Path target = tmp.resolve("a.jar");
        jars.download(base().resolve("g/a.jar"), target);
        assertThat(target).hasBinaryContent(jar);
        assertThat(progress).last().asString().contains("a.jar [==============================] 100% 0.3/0.3 MB");
    }

    @Test
    void aWrongChecksumIsRejectedAndNothingIsKept() throws Exception {
        served.put("/maven2/g/a.jar", new byte[] {1, 2, 3});
        served.put("/maven2/g/a.jar.sha1", "0000000000000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII));
        EsGrokJars jars = new EsGrokJars(tmp, null, base(), null);
        assertThatThrownBy(() -> jars.download(base().resolve("g/a.jar"), tmp.resolve("a.jar")))
                .hasMessageContaining("checksum mismatch");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void copiesFromTheLocalRepositoryWithoutTheNetwork() throws Exception {
        Path repo = tmp.resolve("repo");
        for (String coordinate : EsGrokJars.coordinates()) {
            String[] gav = coordinate.split(":");
            Path dir = repo.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2]);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(gav[1] + "-" + gav[2] + ".jar"), gav[1]);
        }
        String saved = System.clearProperty(dev.mailtrace.bench.es.EsGrokEngine.DIR_PROPERTY);
        try {
            // The remote is this server, which serves nothing: any download attempt would fail.
            Path dir = new EsGrokJars(tmp.resolve("cache"), repo, base(), null).directory();
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).hasSize(3)
                        .anyMatch(n -> n.startsWith("elasticsearch-grok-" + EsGrokJars.version(0)));
            }
        } finally {
            if (saved != null) {
                System.setProperty(dev.mailtrace.bench.es.EsGrokEngine.DIR_PROPERTY, saved);
            }
        }
    }

    @Test
    void elasticsearchsGrokIsNeverOnOurClassPath() {
        assertThatThrownBy(() -> Class.forName("org.elasticsearch.grok.Grok"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }
}
