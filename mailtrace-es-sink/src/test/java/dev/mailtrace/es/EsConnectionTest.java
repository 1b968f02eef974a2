package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EsConnectionTest {

    @TempDir
    Path tmp;

    @Test
    void urlsWithCredentialsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> EsConnection.builder("https://elastic:s3cret@es1:9200"))
                .hasMessageContaining("carries credentials").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> EsConnection.builder("es1:9200")).hasMessageContaining("expected http://host:port");
    }

    @Test
    void clientsSendEachRequestBodyAsOneBuffer() throws Exception {
        var client = EsConnection.builder("http://127.0.0.1:9").build().open();
        assertThat(client._transport()).isInstanceOf(EsTransport.class);
        client._transport().close();
    }

    @Test
    void secretsNeverAppearInToString() {
        EsConnection c = EsConnection.builder("https://es1:9200,https://es2").basicAuth("ingest", "s3cret").build();
        assertThat(c.toString()).isEqualTo("EsConnection[https://es1:9200, https://es2:9200] user=ingest").doesNotContain("s3cret");
        assertThat(EsConnection.builder("http://es1:9200").apiKey("id:key").build().toString()).endsWith("api_key").doesNotContain("key=");
    }

    @Test
    void credentialsFromEnvironmentOrFile() throws Exception {
        assertThatThrownBy(() -> EsConnection.builder("http://es:9200").credentialsFromEnvironment(Map.of(EsConnection.ENV_USER, "u")))
                .hasMessageContaining("needs both");
        Path f = tmp.resolve("c.properties");
        Files.writeString(f, "# nothing\n");
        assertThatThrownBy(() -> EsConnection.builder("http://es:9200").credentialsFromFile(f)).hasMessageContaining("neither [user]");
        Files.writeString(f, "api_key=abc\n");
        assertThat(EsConnection.builder("http://es:9200").credentialsFromFile(f).build().toString()).endsWith(" api_key");
    }
}
