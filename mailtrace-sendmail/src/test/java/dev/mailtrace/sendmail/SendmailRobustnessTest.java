package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.testkit.Fields;

/**
 * The scanner never throws and never reads outside its slice, whatever the bytes: every known line
 * (the rule cases, and the real corpora where present) cut at every position, and mutated at
 * random; every event it still gives writes well-formed fields.
 */
class SendmailRobustnessTest {

    private static final byte[] NASTY = " :;,[]<>()=/.-@0123456789\n\r\u00ff\u0080".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void neverThrowsOnTruncatedOrMutatedLines() throws IOException, URISyntaxException {
        List<String> lines = new ArrayList<>();
        KnownLines.cases().forEach(k -> lines.add(k.message()));
        KnownLines.corpus().forEach(l -> lines.add(l.message()));
        Random random = new Random(20240601);
        Consumer<LogEvent> check = Fields::of;
        long runs = 0;
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k <= b.length; k++) {
                // the slice always ends at the array's end: a read past it throws
                byte[] head = Arrays.copyOf(b, k);
                parse(head, 0, k, check);
                parse(b, k, b.length, check);
                runs += 2;
            }
            for (int i = 0; i < 40; i++) {
                byte[] m = b.clone();
                int flips = 1 + random.nextInt(5);
                for (int f = 0; f < flips && m.length > 0; f++) {
                    m[random.nextInt(m.length)] = NASTY[random.nextInt(NASTY.length)];
                }
                parse(m, 0, m.length, check);
                // and the same bytes with a cut
                int cut = m.length == 0 ? 0 : random.nextInt(m.length);
                parse(Arrays.copyOf(m, cut), 0, cut, check);
                runs += 2;
            }
        }
        System.out.printf("robustness: %d lines, %d parses%n", lines.size(), runs);
    }

    @Test
    void badSlicesAreNotRecognised() {
        byte[] b = "pBFERI8l019936: to=<a@example.org>, stat=Sent".getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> {
            SendmailParser.parse(b, -1, b.length, e -> { });
            SendmailParser.parse(b, 0, b.length + 1, e -> { });
            SendmailParser.parse(b, 5, 4, e -> { });
            SendmailParser.parse(new byte[0], 0, 0, e -> { });
        }).doesNotThrowAnyException();
    }

    private static void parse(byte[] b, int s, int e, Consumer<LogEvent> check) {
        assertThatCode(() -> SendmailParser.parse(b, s, e, check))
                .as("slice [%d, %d) of %s", s, e, new String(b, StandardCharsets.UTF_8)).doesNotThrowAnyException();
    }
}
