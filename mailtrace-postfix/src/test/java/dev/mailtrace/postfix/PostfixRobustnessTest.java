package dev.mailtrace.postfix;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.testkit.Fields;
import dev.mailtrace.testkit.Yamls;

/**
 * The scanner never throws and never reads outside its slice, whatever the bytes: every known line
 * (the rule cases, and the real corpora where present) cut at every position, and mutated at
 * random.
 */
class PostfixRobustnessTest {

    private static final byte[] NASTY = " :;,[]<>()=/.-0123456789\n\r\u00ff\u0080".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void neverThrowsOnTruncatedOrMutatedLines() throws IOException, URISyntaxException {
        List<String> lines = knownLines();
        Random random = new Random(20240601);
        Consumer<LogEvent> check = Fields::of;
        long runs = 0;
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k <= b.length; k++) {
                // the slice always ends at the array's end: a read past it throws
                byte[] head = java.util.Arrays.copyOf(b, k);
                parse(head, 0, k, check, line);
                parse(b, k, b.length, check, line);
                runs += 2;
            }
            for (int i = 0; i < 30; i++) {
                byte[] m = b.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips && m.length > 0; f++) {
                    m[random.nextInt(m.length)] = NASTY[random.nextInt(NASTY.length)];
                }
                parse(m, 0, m.length, check, line);
                runs++;
            }
        }
        System.out.printf("robustness: %d lines, %d parses%n", lines.size(), runs);
    }

    private static void parse(byte[] b, int s, int e, Consumer<LogEvent> check, String origin) {
        assertThatCode(() -> PostfixParser.parse(b, s, e, check))
                .as("slice [%d, %d) of %s", s, e, new String(b, StandardCharsets.UTF_8)).doesNotThrowAnyException();
    }

    @SuppressWarnings("unchecked")
    static List<String> knownLines() throws IOException, URISyntaxException {
        List<String> lines = new ArrayList<>();
        Path dir = Path.of(PostfixRobustnessTest.class.getResource("cases").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                Map<String, Object> doc = (Map<String, Object>) Yamls.load(f);
                for (Map<String, Object> c : (List<Map<String, Object>>) doc.get("cases")) {
                    lines.add((String) c.get("line"));
                }
            }
        }
        String dirName = System.getProperty("mailtrace.shared.dir", "../../shared");
        for (String corpus : Corpus.FILES) {
            Path p = Path.of(dirName).resolve(corpus);
            if (Files.exists(p)) {
                Corpus.postfixLines(p).stream().map(Corpus.Line::message).distinct().forEach(lines::add);
            }
        }
        Path pgp = Path.of(dirName).resolve("corpora/postfix-grok-patterns/test");
        if (Files.isDirectory(pgp)) {
            try (Stream<Path> s = Files.list(pgp)) {
                for (Path f : s.sorted().toList()) {
                    Object data = ((Map<String, Object>) Yamls.load(f)).get("data");
                    if (data != null) {
                        lines.add((String) data);
                    }
                }
            }
        }
        return lines;
    }
}
