package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.trace.TraceRecord;

/** https with a self-signed certificate and basic auth through a file-realm user, on a node of its own. */
class SecurityIT {

    static EmbeddedElasticsearch node;
    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        node = TestNodes.startSecure("secure");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void indexesAndSearchesOverHttpsWithBasicAuthVerifiedByCaFile() throws IOException {
        ElasticsearchClient client = EsConnection.builder(node.url()).caCertificate(node.caCertificate())
                .credentialsFromEnvironment(Map.of(EsConnection.ENV_USER, TestNodes.USER, EsConnection.ENV_PASSWORD, TestNodes.PASSWORD))
                .build().connect();
        try {
            IndexLayout layout = new IndexLayout("secure", IndexLayout.Mode.DAILY, 90);
            List<TraceRecord> records = ExampleRecords.of(ExampleRecords.exampleLog(), false);
            layout.install(client);
            try (EsSink sink = EsSink.builder(client, layout).deadLetter(tmp.resolve("dead")).build()) {
                records.forEach(sink::accept);
            }
            client.indices().refresh(r -> r.index(layout.searchPattern()));
            assertThat(new TransactionSearch(client, layout).search(TransactionSearch.criteria().build()))
                    .containsExactlyInAnyOrderElementsOf(records);
        } finally {
            client._transport().close();
        }
    }

    @Test
    void verifiesByFingerprintAndReadsCredentialsFromAFile() throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(node.caCertificate())).getEncoded();
        String fingerprint = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        Path creds = tmp.resolve("es.properties");
        Files.writeString(creds, "user=mailtrace\npassword=mailtrace-secret\n");
        ElasticsearchClient client = EsConnection.builder(node.url()).fingerprint(fingerprint).credentialsFromFile(creds).build().connect();
        assertThat(client.cluster().health().clusterName()).isEqualTo("mailtrace-test-secure");
        client._transport().close();
    }

    @Test
    void aWrongPasswordIsAClearErrorWithoutThePassword() {
        EsConnection c = EsConnection.builder(node.url()).caCertificate(node.caCertificate())
                .basicAuth("mailtrace", "wrong-password-123").build();
        assertThatThrownBy(c::connect).isInstanceOf(EsConnectException.class)
                .hasMessage("Elasticsearch [" + node.url() + "] refused the credentials of user [mailtrace]: authentication failed")
                .message().doesNotContain("wrong-password-123");
    }

    @Test
    void anUntrustedCertificateIsAClearError() {
        EsConnection c = EsConnection.builder(node.url()).basicAuth("mailtrace", "mailtrace-secret").build();
        assertThatThrownBy(c::connect).isInstanceOf(EsConnectException.class)
                .hasMessageContaining("TLS failed").hasMessageContaining("give the CA certificate or its fingerprint");
    }
}
