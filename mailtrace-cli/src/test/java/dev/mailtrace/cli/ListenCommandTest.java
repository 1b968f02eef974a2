package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtrace listen}'s options checked before it starts (running it is {@link ListenCrashTest}'s). */
class ListenCommandTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownFsyncPolicyIsAUsageErrorNamingTheValidOnes() {
        Cli.Result r = Cli.run("listen", "--tcp", "0", "--spool", dir.resolve("spool").toString(), "--out",
                dir.resolve("out.ndjson").toString(), "--fsync", "sometimes");
        assertThat(r.status()).isEqualTo(MailtraceCommand.EXIT_USAGE);
        assertThat(r.err()).contains("unknown fsync policy [sometimes]; expected one of [always, interval, never]");
        assertThat(dir.resolve("spool")).as("nothing started").doesNotExist();
    }

    @Test
    void helpNamesTheFsyncPoliciesAndTheDefault() {
        Cli.Result r = Cli.run("listen", "--help");
        assertThat(r.out()).contains("--fsync=always|interval|never").contains("(default: interval;");
    }

    @Test
    void elasticsearchOptionsAreCheckedBeforeAnythingStarts() {
        Cli.Result mode = Cli.run("listen", "--tcp", "0", "--spool", dir.resolve("spool").toString(), "--es", "http://127.0.0.1:9",
                "--es-mode", "weekly");
        assertThat(mode.status()).isEqualTo(MailtraceCommand.EXIT_USAGE);
        assertThat(mode.err()).contains("--es-mode: unknown mode [weekly]; valid: [daily, data_stream]");
        Cli.Result retention = Cli.run("listen", "--tcp", "0", "--spool", dir.resolve("spool").toString(), "--es", "http://127.0.0.1:9",
                "--retention", "3 months");
        assertThat(retention.status()).isEqualTo(MailtraceCommand.EXIT_USAGE);
        assertThat(retention.err()).contains("invalid age [3 months]");
        assertThat(dir.resolve("spool")).as("nothing started").doesNotExist();
    }

    @Test
    void helpOffersTheSameElasticsearchOptionsAsIndex() {
        String help = Cli.run("listen", "--help").out();
        assertThat(help).contains("--es=URL|embedded", "--es-ca=FILE", "--es-fingerprint=SHA256", "--es-credentials=FILE",
                "--es-prefix=PREFIX", "--es-mode=MODE", "--retention=AGE");
    }
}
