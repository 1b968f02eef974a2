package dev.mailtrace.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs the scanner over every line of the real logs in {@code ../shared/corpora} and checks each
 * RFC 3164 line against a simple, independent reference split (String and regex based).
 */
class SharedCorpusFramingTest {

    static final List<String> FILES = List.of(
            "postfix_log_analysis/mail.log",
            "log-ship-elastic-postfix/mail.log",
            "fail2ban/courier-smtp",
            "fail2ban/dovecot",
            "fail2ban/exim",
            "fail2ban/exim-spam",
            "fail2ban/postfix",
            "fail2ban/sendmail-reject");

    /** Timestamp of an RFC 3164 line (with optional fraction, and syslog-ng's {@code <fac.sev>}). */
    static final Pattern BSD = Pattern.compile(
            "^(?:<\\d{1,3}>)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( ?\\d|\\d\\d) \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? (?:<[a-z0-9]+\\.[a-z]+> )?");

    record Ref(String host, String program, long pid, String message) {
    }

    /** The reference split: first word ending in ':' is the tag, else it is the host and the next one may be. */
    static Ref reference(String line) {
        Matcher m = BSD.matcher(line);
        if (!m.find()) {
            return null;
        }
        String rest = line.substring(m.end());
        String[] w = rest.split(" ", 2);
        String host = null;
        String tag = null;
        String message;
        if (w[0].endsWith(":")) {
            tag = w[0];
            message = w.length > 1 ? w[1] : "";
        } else {
            host = w[0];
            String after = w.length > 1 ? w[1] : "";
            String[] w2 = after.split(" ", 2);
            if (w2[0].endsWith(":") && w2[0].length() > 1) {
                tag = w2[0];
                message = w2.length > 1 ? w2[1] : "";
            } else {
                message = after;
            }
        }
        String program = null;
        long pid = -1;
        if (tag != null) {
            tag = tag.substring(0, tag.length() - 1);
            int open = indexOfAny(tag, "[(<");
            program = open < 0 ? tag : tag.substring(0, open);
            if (open >= 0 && tag.charAt(open) != '<') {
                int close = tag.indexOf(tag.charAt(open) == '[' ? ']' : ')', open);
                String inner = tag.substring(open + 1, close);
                pid = inner.matches("\\d{1,18}") ? Long.parseLong(inner) : -1;
            }
        }
        return new Ref(host, program, pid, message);
    }

    static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void everyRfc3164LineSplitsLikeTheReferenceAndFormatsAreCounted() throws IOException {
        Path base = SharedCorpora.require("corpora");
        Map<SyslogFormat, Integer> total = new EnumMap<>(SyslogFormat.class);
        List<String> mismatches = new ArrayList<>();
        StringBuilder report = new StringBuilder("syslog formats in ../shared/corpora (# and empty lines skipped):\n");
        SyslogHeader h = new SyslogHeader();
        for (String name : FILES) {
            Path file = base.resolve(name);
            SyslogScanner scanner = SyslogScanner.builder().zone(ZoneOffset.UTC).build();
            scanner.startSource(Files.getLastModifiedTime(file).toInstant());
            Map<SyslogFormat, Integer> counts = new EnumMap<>(SyslogFormat.class);
            int lineNo = 0;
            int lines = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                lines++;
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                SyslogFormat f = scanner.scan(b, 0, b.length, h);
                counts.merge(f, 1, Integer::sum);
                Ref ref = reference(line);
                if (ref != null) {
                    Ref got = new Ref(h.host(), h.program(), h.pid(), h.message());
                    if (f != SyslogFormat.RFC3164 || !got.equals(ref)) {
                        mismatches.add(name + ":" + lineNo + " " + f + " " + got + " != " + ref);
                    }
                } else if (f == SyslogFormat.RFC3164) {
                    mismatches.add(name + ":" + lineNo + " RFC3164 but the reference sees no BSD timestamp");
                }
            }
            counts.forEach((k, v) -> total.merge(k, v, Integer::sum));
            report.append(String.format("  %-34s %5d lines %s%n", name, lines, shares(counts, lines)));
            if (name.equals("postfix_log_analysis/mail.log")) {
                assertThat(counts).containsOnlyKeys(SyslogFormat.RFC3164);
                assertThat(lines).isEqualTo(6646);
            }
        }
        int all = total.values().stream().mapToInt(Integer::intValue).sum();
        report.append(String.format("  %-34s %5d lines %s%n", "all", all, shares(total, all)));
        System.out.print(report);
        assertThat(mismatches).isEmpty();
        // the exim logs are ISO 8601 (space-separated); the tai64n and host-first lines are NONE
        assertThat(total.get(SyslogFormat.ISO8601)).isPositive();
        assertThat(total.get(SyslogFormat.NONE)).isBetween(1, 10);
    }

    static String shares(Map<SyslogFormat, Integer> counts, int lines) {
        StringBuilder sb = new StringBuilder();
        for (SyslogFormat f : SyslogFormat.values()) {
            int n = counts.getOrDefault(f, 0);
            if (n > 0) {
                sb.append(String.format(" %s %d (%.1f%%)", f, n, 100.0 * n / lines));
            }
        }
        return sb.toString();
    }

    @Test
    void yearsOfTheRealPostfixLogAreMonotone() throws IOException {
        Path file = SharedCorpora.require("corpora/postfix_log_analysis/mail.log");
        SyslogScanner scanner = SyslogScanner.builder().zone(ZoneOffset.UTC).year(2013).build();
        SyslogHeader h = new SyslogHeader();
        long previous = Long.MIN_VALUE;
        long backwards = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            scanner.scan(b, 0, b.length, h);
            if (h.epochSecond() < previous) {
                backwards++;
            }
            previous = Math.max(previous, h.epochSecond());
        }
        assertThat(scanner.yearInference().rollovers()).isZero();
        assertThat(backwards).as("lines earlier than an earlier line").isLessThan(50);
    }
}
