package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EsWriteOptionsTest {

    @TempDir
    Path dir;

    @Test
    void indexChecksItsBulkOptionsFirst() {
        Cli.Result index = Cli.run("index", "--es", "http://127.0.0.1:9", "--es-bulk-actions", "0", "--checkpoint",
                dir.resolve("cp").toString(), "../examples/logs/mail.log");
        assertThat(index.status()).isEqualTo(MailtraceCommand.EXIT_USAGE);
        assertThat(index.err()).contains("--es-bulk-actions must be at least 1, got 0");
    }

    @Test
    void helpShowsThemWhereTheyApply() {
        assertThat(Cli.run("index", "--help").out()).contains("--es-bulk-actions=N", "(default: 1000)", "--es-in-flight=N", "(default: 2)");
        assertThat(Cli.run("listen", "--help").out()).contains("--es-bulk-actions=N", "--es-in-flight=N");
        assertThat(Cli.run("search", "--help").out()).doesNotContain("--es-bulk-actions").doesNotContain("--retention");
    }
}
