package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.es.EmbeddedElasticsearch;
import dev.mailtrace.es.EsConnection;
import dev.mailtrace.es.TestNodes;
import dev.mailtrace.spi.DialectRegistry;

/**
 * {@code mailtrace listen --es https://...} verifies and authenticates as {@code mailtrace index}
 * does: {@code --es-ca}, {@code --es-credentials}, and lays records out by {@code --es-prefix}.
 */
class ListenEsSecureIT {

    static EmbeddedElasticsearch node;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        node = TestNodes.startSecure("listen-secure");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void indexesOverHttpsVerifiedByTheCaFileWithCredentialsFromAFile() throws Exception {
        assumeTrue(DialectRegistry.load().names().contains("postfix"), "the postfix dialect is not on the class path");
        Path creds = dir.resolve("es.properties");
        Files.writeString(creds, "user=" + TestNodes.USER + "\npassword=" + TestNodes.PASSWORD + "\n");
        List<String> lines = ListenCrashTest.postfixLines(200);
        ListenProcess l = new ListenProcess("--es", node.url(), "--es-ca", node.caCertificate().toString(), "--es-credentials",
                creds.toString(), "--es-prefix", "securelisten", "--out", dir.resolve("out.ndjson").toString(), "--spool",
                dir.resolve("spool").toString(), "--tz", "UTC");
        l.send(lines);
        l.awaitReceived(lines.size());
        assertThat(l.term(Duration.ofSeconds(60))).as("%s", l.stderr()).isZero();
        ElasticsearchClient client = EsConnection.builder(node.url()).caCertificate(node.caCertificate()).credentialsFromFile(creds)
                .build().connect();
        try {
            client.indices().refresh(r -> r.index("securelisten-*"));
            long written = Files.readAllLines(dir.resolve("out.ndjson")).size();
            assertThat(written).isGreaterThan(150);
            assertThat(client.count(c -> c.index("securelisten-*")).count()).as("the records --out got").isEqualTo(written);
        } finally {
            client._transport().close();
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutThePasswordAndNothingIsLost() throws Exception {
        Path creds = dir.resolve("wrong.properties");
        Files.writeString(creds, "user=" + TestNodes.USER + "\npassword=wrong-password-123\n");
        ListenProcess l = new ListenProcess("--es", node.url(), "--es-ca", node.caCertificate().toString(), "--es-credentials",
                creds.toString(), "--spool", dir.resolve("spool").toString());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (l.stderr().stream().noneMatch(s -> s.contains("refused the credentials"))) {
            assertThat(System.nanoTime()).as("a warning within 30 s: %s", l.stderr()).isLessThan(end);
            Thread.sleep(50);
        }
        assertThat(l.term(Duration.ofSeconds(60))).isZero();
        assertThat(l.stderr()).anyMatch(s -> s.contains("Elasticsearch [" + node.url() + "] refused the credentials of user [mailtrace]"))
                .noneMatch(s -> s.contains("wrong-password-123"));
    }
}
