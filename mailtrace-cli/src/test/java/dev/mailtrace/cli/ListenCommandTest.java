package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Map<List<String>, String> wrong = Map.of(
                List.of("--es-mode", "weekly"), "--es-mode: unknown mode [weekly]; valid: [daily, data_stream]",
                List.of("--retention", "3 months"), "invalid age [3 months]",
                List.of("--es-in-flight", "0"), "--es-in-flight must be at least 1, got 0");
        wrong.forEach((options, error) -> {
            List<String> args = new ArrayList<>(List.of("--tcp", "0", "--spool", dir.resolve("spool").toString(), "--es",
                    "http://127.0.0.1:9"));
            args.addAll(options);
            Cli.Result r = Cli.run("listen", args.toArray(String[]::new));
            assertThat(r.status()).as("%s", options).isEqualTo(MailtraceCommand.EXIT_USAGE);
            assertThat(r.err()).contains(error);
        });
        assertThat(dir.resolve("spool")).as("nothing started").doesNotExist();
    }

    @Test
    void helpOffersTheSameElasticsearchOptionsAsIndex() {
        String help = Cli.run("listen", "--help").out();
        assertThat(help).contains("--es=URL|embedded", "--es-ca=FILE", "--es-fingerprint=SHA256", "--es-credentials=FILE",
                "--es-prefix=PREFIX", "--es-mode=MODE", "--retention=AGE");
    }
}
