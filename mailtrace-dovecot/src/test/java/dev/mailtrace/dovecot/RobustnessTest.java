package dev.mailtrace.dovecot;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;
import dev.mailtrace.testkit.Fields;
import dev.mailtrace.testkit.YamlCases;

/**
 * The scanners never throw and never read outside the buffer, whatever the bytes: every known line
 * (the rule cases, and the real corpora where present), with its tag in front as the framing leaves
 * it, cut at every position and mutated at random, through every dialect of the module and under
 * every program the dovecot dialect claims (so that every rule sees every line).
 */
class RobustnessTest {

    private static final byte[] NASTY = " :;,[]<>()=/.-'\"0123456789\n\r\u00ff\u0080".getBytes(StandardCharsets.ISO_8859_1);

    private record View(byte[] bytes, int messageStart, int messageEnd, String program) implements LogLine {
        @Override
        public long pid() {
            return -1;
        }
    }

    @Test
    void neverThrowsOnTruncatedOrMutatedLines() throws IOException {
        DialectRegistry registry = DialectRegistry.builder().addServiceLoaded(getClass().getClassLoader()).build();
        List<LogDialect> dialects = registry.dialects();
        List<String> programs = new ArrayList<>(new DovecotDialect().programs());
        programs.sort(null);
        Set<String> lines = new LinkedHashSet<>();
        for (YamlCases.Line c : YamlCases.lines(CasesTest.class, "cases")) {
            lines.add(c.program() + ": " + c.line());
        }
        String dir = System.getProperty("mailtrace.shared.dir", "../../shared");
        for (String corpus : Corpus.FILES) {
            Path p = Path.of(dir).resolve(corpus);
            if (Files.exists(p)) {
                for (Corpus.Line l : Corpus.lines(p, registry)) {
                    lines.add(new String(l.bytes(), StandardCharsets.UTF_8));
                }
            }
        }
        Random random = new Random(20241125);
        Consumer<LogEvent> check = Fields::of;
        long runs = 0;
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            int colon = line.indexOf(": ");
            int ms = colon < 0 ? 0 : new String(line.substring(0, colon + 2)).getBytes(StandardCharsets.UTF_8).length;
            for (int k = 0; k <= b.length; k++) {
                // the slice always ends at the array's end: a read past it throws
                byte[] head = Arrays.copyOf(b, k);
                for (LogDialect d : dialects) {
                    String program = d instanceof DovecotDialect ? programs.get(k % programs.size())
                            : d.programs().iterator().next();
                    parse(d, head, Math.min(ms, k), k, program, line);
                    parse(d, b, k, b.length, program, line);
                    runs += 2;
                }
            }
            for (int i = 0; i < 20; i++) {
                byte[] m = b.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips && m.length > 0; f++) {
                    m[random.nextInt(m.length)] = NASTY[random.nextInt(NASTY.length)];
                }
                for (LogDialect d : dialects) {
                    for (String program : d instanceof DovecotDialect ? programs : List.copyOf(d.programs())) {
                        if (!program.contains("*")) {
                            parse(d, m, Math.min(ms, m.length), m.length, program, line);
                            runs++;
                        }
                    }
                }
            }
        }
        System.out.printf("robustness: %d lines, %d parses%n", lines.size(), runs);
    }

    private static void parse(LogDialect d, byte[] b, int s, int e, String program, String origin) {
        Consumer<LogEvent> check = Fields::of;
        assertThatCode(() -> d.parse(new View(b, s, e, program), check))
                .as("%s, program %s, slice [%d, %d) of %s", d.name(), program, s, e, new String(b, StandardCharsets.UTF_8))
                .doesNotThrowAnyException();
    }
}
