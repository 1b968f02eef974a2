package dev.mailtrace.dovecot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.syslog.SyslogFormat;
import dev.mailtrace.syslog.SyslogHeader;
import dev.mailtrace.syslog.SyslogScanner;
import dev.mailtrace.testkit.TestLine;

/**
 * The lines of a real log whose program one of this module's dialects claims, framed by core's
 * syslog scanner exactly as {@code LogParser} frames them (the dialect sees the message in the whole
 * line's buffer). Lines with a daemontools TAI64N label ({@code @400000004c91b044077a9e94 imap-login:
 * ...}), which the framing does not read, are split here: label, then {@code tag: message}. Comment
 * lines ({@code #}) and blank lines are skipped.
 */
final class Corpus {

    /** One line: where it came from, its program, the dialect claiming it, and the message slice of its bytes. */
    record Line(String source, int number, String program, LogDialect dialect, byte[] bytes, int messageStart,
            String raw) {

        String message() {
            return new String(bytes, messageStart, bytes.length - messageStart, StandardCharsets.UTF_8);
        }

        TestLineView view() {
            return new TestLineView(bytes, messageStart, bytes.length, program);
        }

        @Override
        public String toString() {
            return source + ":" + number + ": " + raw;
        }
    }

    /** A line as a dialect sees it. */
    record TestLineView(byte[] bytes, int messageStart, int messageEnd, String program)
            implements dev.mailtrace.spi.LogLine {
        @Override
        public long pid() {
            return -1;
        }
    }

    /** The real corpora with lines of these programs, relative to the shared directory. */
    static final List<String> FILES = List.of("corpora/fail2ban/dovecot");

    private Corpus() {
    }

    static List<Line> lines(Path file, DialectRegistry registry) throws IOException {
        SyslogScanner scanner = SyslogScanner.builder().year(2024).build();
        SyslogHeader h = new SyslogHeader();
        List<Line> lines = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            byte[] b = raw.getBytes(StandardCharsets.UTF_8);
            String program;
            int messageStart;
            if (scanner.scan(b, 0, b.length, h) != SyslogFormat.NONE && h.hasProgram()) {
                program = h.program();
                messageStart = h.messageStart();
            } else if (raw.startsWith("@4000") && raw.indexOf(": ") > 0) {
                int space = raw.indexOf(' ');
                int colon = raw.indexOf(": ", space);
                String tag = raw.substring(space + 1, colon);
                program = TestLine.program(tag);
                messageStart = raw.substring(0, colon + 2).getBytes(StandardCharsets.UTF_8).length;
            } else {
                continue;
            }
            LogDialect d = registry.dialectFor(program);
            if (d != null) {
                lines.add(new Line(file.getFileName().toString(), n, program.intern(), d, b, messageStart, raw));
            }
        }
        return lines;
    }
}
