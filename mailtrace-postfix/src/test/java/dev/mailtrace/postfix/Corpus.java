package dev.mailtrace.postfix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The postfix lines of a real RFC 3164 log, with the syslog header split off by a simple pattern
 * here in the test (the framing layer does it for real): {@code Mmm dd hh:mm:ss host program[pid]: msg}.
 * Comment lines ({@code #}), blank lines and other programs are skipped.
 */
final class Corpus {

    /** One postfix line: where it came from, its program and message. */
    record Line(String source, int number, String program, String message, String raw) {
        @Override
        public String toString() {
            return source + ":" + number + ": " + program + ": " + message;
        }
    }

    private static final Pattern HEADER =
            Pattern.compile("^[A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\S+ ([^\\s\\[:]+)(?:\\[\\d+\\])?: (.*)$");

    private Corpus() {
    }

    static List<Line> postfixLines(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            Matcher m = HEADER.matcher(raw);
            if (m.matches() && m.group(1).startsWith("postfix")) {
                lines.add(new Line(file.getFileName().toString(), n, m.group(1), m.group(2), raw));
            }
        }
        return lines;
    }

    /** The real corpora, relative to the shared directory. */
    static final List<String> FILES = List.of("corpora/postfix_log_analysis/mail.log",
            "corpora/log-ship-elastic-postfix/mail.log", "corpora/fail2ban/postfix");
}
