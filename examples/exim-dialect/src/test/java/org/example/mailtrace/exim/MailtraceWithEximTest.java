package org.example.mailtrace.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.cli.MailtraceCommand;
import picocli.CommandLine;

/**
 * The point of this example: with this jar on the class path, the unchanged mailtrace command
 * finds the dialect through ServiceLoader and parses Exim lines next to postfix ones.
 */
class MailtraceWithEximTest {

    @Test
    void mailtraceParseUsesTheDialectFromTheClassPath() throws URISyntaxException {
        Path log = Path.of(getClass().getResource("/exim.log").toURI());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = MailtraceCommand.newCommandLine(
                new MailtraceCommand(new ByteArrayInputStream(new byte[0]), out));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("parse", "--year", "2026", "--tz", "UTC", log.toString());
        assertThat(status).as(err.toString()).isZero();
        List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).contains("\"dialect\":\"exim\"", "\"event\":\"arrival\"", "\"queue_id\":\"1rAbCd-000123-AB\"",
                "\"from\":\"alice@example.org\"", "\"message_id\":\"20261124110000.GA1@example.org\"");
        assertThat(lines.get(1)).contains("\"event\":\"delivery\"", "\"status\":\"sent\"", "\"queued_as\":\"4F9D195432C\"");
        assertThat(lines.get(2)).contains("\"status\":\"bounced\"");
        assertThat(lines.get(3)).contains("\"status\":\"deferred\"");
        assertThat(lines.get(4)).contains("\"event\":\"completed\"");
        assertThat(lines.get(5)).contains("\"event\":\"reject\"", "\"reason\":\"greylisted\"");
        assertThat(lines.get(6)).contains("\"event\":\"unknown\"", "\"reason\":\"unrecognised_message\"", "\"dialect\":\"exim\"");
        assertThat(lines.get(7)).contains("\"dialect\":\"postfix\"", "\"event\":\"connect\"");
        assertThat(err.toString()).contains("exim/arrival", "exim/delivery");
    }

    @Test
    void listFieldsShowsTheDialect() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = MailtraceCommand.newCommandLine(new MailtraceCommand(new ByteArrayInputStream(new byte[0]), out))
                .execute("parse", "--list-fields");
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("exim/delivery\tqueued_as\tkeyword\t");
    }
}
