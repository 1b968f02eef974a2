package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailtraceCommandTest {

    @Test
    void helpListsTheSubcommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: mailtrace", "grok", "--version");
    }

    @Test
    void grokHelpDocumentsOutputAndExitStatus() {
        Cli.Result r = Cli.run("grok", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("{\"line\":N,\"pattern\":I,\"fields\":{...}}", "%{SYSLOGBASE}", "Exit status",
                "--no-break-on-match", "--timeout=DURATION", "FILE");
        assertThat(Cli.run("help", "grok").out()).isEqualTo(r.out());
    }

    @Test
    void versionComesFromTheBuild() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).matches("(?s)mailtrace \\d+\\.\\d+\\.\\d+\\S*\nJava .*").doesNotContain("${");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.runWithStdin("");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("mailtrace: missing command").contains("Usage: mailtrace");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verbosityIsAcceptedBeforeAndAfterTheSubcommand() {
        Cli.Result r = Cli.runWithStdin("x\n", "-v", "grok", "--no-builtin", "-p", "x");
        assertThat(r.status()).isZero();
        assertThat(r.err()).contains("1 lines: 1 matched");
    }
}
