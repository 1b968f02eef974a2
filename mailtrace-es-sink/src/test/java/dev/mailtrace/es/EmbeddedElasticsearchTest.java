package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class EmbeddedElasticsearchTest {

    @Test
    void relativeDirectoriesAreMadeAbsoluteForTheNodeRunsInItsOwnDirectory() {
        EmbeddedElasticsearch n = EmbeddedElasticsearch.builder().cacheDir(Path.of("target/cache")).build();
        assertThat(n.workDir()).isAbsolute().isEqualTo(Path.of("target/cache/elasticsearch-node").toAbsolutePath());
        assertThat(EmbeddedElasticsearch.builder().workDir(Path.of("node")).build().workDir()).isEqualTo(Path.of("node").toAbsolutePath());
    }

    @Test
    void theVersionIsThePomsAndThePlainNodeSpeaksHttp() {
        assertThat(EmbeddedElasticsearch.version()).matches("\\d+\\.\\d+\\.\\d+");
        EmbeddedElasticsearch n = EmbeddedElasticsearch.builder().cacheDir(Path.of("target/cache")).build();
        assertThat(n.url()).startsWith("http://127.0.0.1:");
        assertThat(n.caCertificate()).isNull();
    }
}
