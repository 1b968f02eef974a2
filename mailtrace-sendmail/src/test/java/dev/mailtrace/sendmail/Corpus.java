package dev.mailtrace.sendmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.UnknownLine;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.spi.DialectRegistry;

/**
 * The sendmail lines of a real log, framed by core's own {@link LogParser} (so that the mixed
 * header styles of the corpora — RFC 3164, syslog-ng's {@code <mail.notice>} — are read as in
 * production), each with the event the dialect gave and, where the corpus is fail2ban's, the
 * {@code # failJSON:} expectation above it. Comment and blank lines are skipped.
 */
final class Corpus {

    /** One line the sendmail dialect was asked about. */
    record Line(String source, int number, String program, String message, String raw, LogEvent event,
            String expectedHost) {

        boolean recognised() {
            return !(event instanceof UnknownLine);
        }

        @Override
        public String toString() {
            return source + ":" + number + ": " + program + ": " + message;
        }
    }

    /** The real corpora with sendmail lines, relative to the shared directory. */
    static final List<String> FILES = List.of("corpora/fail2ban/sendmail-reject");

    private static final Pattern FAIL_HOST = Pattern.compile("\"host\"\\s*:\\s*\"([^\"]+)\"");

    private Corpus() {
    }

    static List<Line> sendmailLines(Path file) throws IOException {
        LogParser parser = LogParser.builder(DialectRegistry.builder().add(new SendmailDialect()).build()).year(2005)
                .build();
        parser.startSource(file.getFileName().toString(), null);
        List<Line> lines = new ArrayList<>();
        String expectedHost = null;
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (raw.startsWith("#")) {
                Matcher m = FAIL_HOST.matcher(raw);
                expectedHost = raw.contains("failJSON") && raw.contains("\"match\": true") && m.find() ? m.group(1) : null;
                continue;
            }
            if (raw.isBlank()) {
                continue;
            }
            byte[] b = raw.getBytes(StandardCharsets.UTF_8);
            List<Line> got = new ArrayList<>(1);
            String host = expectedHost;
            int number = n;
            parser.parseLine(b, 0, b.length, (line, event) -> {
                if (line.dialect() instanceof SendmailDialect) {
                    String msg = raw.substring(Math.max(0, raw.indexOf(": ", raw.indexOf(line.program())) + 2));
                    got.add(new Line(file.getFileName().toString(), number, line.program(), msg, raw, event, host));
                }
            });
            lines.addAll(got);
            expectedHost = null;
        }
        return lines;
    }
}
