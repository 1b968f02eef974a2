package dev.mailtrace.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * A mail log for the dialect benchmarks, in one buffer: everyday traffic made from templates of the
 * lines the program writes (the shapes of the dialect's rule cases, with varied queue ids, users and
 * addresses), with the real lines of a {@code ../shared} corpus mixed in as every tenth line (they
 * are attack-shaped: rejects, auth failures). Deterministic for a seed.
 */
final class DialectLog {

    private final byte[] bytes;
    private final int[] starts;

    private DialectLog(List<String> lines) {
        bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        starts = new int[lines.size() + 1];
        for (int i = 0, line = 1; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                starts[line++] = i + 1;
            }
        }
    }

    /**
     * {@code count} lines: {@code traffic.apply(n)} gives the lines of the n-th message, and every
     * tenth line is the next real line of {@code corpus} (comments and blank lines left out).
     */
    static DialectLog of(int count, Path corpus, IntFunction<List<String>> traffic) {
        List<String> real = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    real.add(l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>(count);
        int message = 0;
        int r = 0;
        while (lines.size() < count) {
            for (String l : traffic.apply(message++)) {
                if (lines.size() % 10 == 9 && !real.isEmpty()) {
                    lines.add(real.get(r++ % real.size()));
                }
                lines.add(l);
            }
        }
        return new DialectLog(lines.subList(0, count));
    }

    /** A queue id of {@code length} characters from {@code alphabet}, from {@code rnd}. */
    static String id(Random rnd, String alphabet, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
        }
        return new String(c);
    }

    byte[] bytes() {
        return bytes;
    }

    /** Start of each line, and one past the last line's newline at the end. */
    int[] starts() {
        return starts;
    }
}
