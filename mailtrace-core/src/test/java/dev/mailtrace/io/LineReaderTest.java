package dev.mailtrace.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** What the reader said about one line, copied out of its reused buffer. */
    record Line(long number, long offset, String text, boolean truncated) {
    }

    static List<Line> read(LineReader r) throws IOException {
        List<Line> out = new ArrayList<>();
        while (r.next()) {
            out.add(new Line(r.lineNumber(), r.byteOffset(),
                    new String(r.buffer(), r.start(), r.length(), StandardCharsets.UTF_8), r.truncated()));
        }
        assertThat(r.next()).as("stays at the end").isFalse();
        return out;
    }

    static List<String> texts(String input) throws IOException {
        return read(new LineReader(stream(input))).stream().map(Line::text).toList();
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most {@code chunk} bytes per read, as pipes and sockets do. */
    static InputStream trickle(String s, int chunk) {
        return new FilterInputStream(stream(s)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void splitsOnLfAndCrLfWithoutTerminators() throws IOException {
        assertThat(texts("a\nbb\r\nccc\n")).containsExactly("a", "bb", "ccc");
        // a lone CR is content, not a terminator
        assertThat(texts("a\rb\n")).containsExactly("a\rb");
    }

    @Test
    void lastLineWithoutNewlineIsALine() throws IOException {
        assertThat(texts("a\nb")).containsExactly("a", "b");
        assertThat(texts("only")).containsExactly("only");
    }

    @Test
    void emptyLinesAreLinesAndEmptyInputHasNone() throws IOException {
        assertThat(texts("\n\r\n\nx\n\n")).containsExactly("", "", "", "x", "");
        assertThat(texts("")).isEmpty();
        assertThat(texts("\n")).containsExactly("");
    }

    @Test
    void numbersLinesAndReportsByteOffsetsOfLineStarts() throws IOException {
        // "é" is two bytes: offsets are bytes, not chars
        List<Line> lines = read(new LineReader(stream("ab\r\né\n\nlast")));
        assertThat(lines).containsExactly(
                new Line(1, 0, "ab", false),
                new Line(2, 4, "é", false),
                new Line(3, 7, "", false),
                new Line(4, 8, "last", false));
    }

    @Test
    void overlongLineIsCutFlaggedCountedAndTheNextLineIsIntact() throws IOException {
        String longLine = "x".repeat(10) + "y".repeat(50_000);
        LineReader r = new LineReader(trickle("ok\n" + longLine + "\r\nnext\n" + "z".repeat(11) + "\nend", 7), 10, 16);
        List<Line> lines = read(r);
        assertThat(lines).containsExactly(
                new Line(1, 0, "ok", false),
                new Line(2, 3, "xxxxxxxxxx", true),
                new Line(3, 3 + longLine.length() + 2, "next", false),
                new Line(4, 3 + longLine.length() + 2 + 5, "zzzzzzzzzz", true),
                new Line(5, 3 + longLine.length() + 2 + 5 + 12, "end", false));
        assertThat(r.truncatedLines()).isEqualTo(2);
        // constant memory: the buffer never grew to hold the long line
        assertThat(r.buffer().length).isLessThan(longLine.length());
    }

    @Test
    void lineOfExactlyTheMaximumIsNotTruncatedWhateverItsTerminator() throws IOException {
        for (String input : List.of("abcd\r\nx", "abcd\nx", "abcd")) {
            for (int chunk : new int[] {1, 2, 3, 100}) {
                List<Line> lines = read(new LineReader(trickle(input, chunk), 4, 1));
                assertThat(lines.get(0)).as(input + " by " + chunk).isEqualTo(new Line(1, 0, "abcd", false));
            }
        }
        // one byte more is too long, also at the very end and before CRLF
        for (String input : List.of("abcde\r\nx", "abcde\nx", "abcde")) {
            LineReader r = new LineReader(trickle(input, 2), 4, 1);
            assertThat(read(r).get(0)).as(input).isEqualTo(new Line(1, 0, "abcd", true));
            assertThat(r.truncatedLines()).isEqualTo(1);
        }
    }

    @Test
    void truncatedLastLineWithoutNewlineEndsTheInput() throws IOException {
        LineReader r = new LineReader(trickle("a\n" + "b".repeat(100), 3), 5, 1);
        assertThat(read(r)).containsExactly(new Line(1, 0, "a", false), new Line(2, 2, "bbbbb", true));
    }

    @Test
    void buffersBoundaryInsideLinesAndTerminatorsGiveTheSameLines() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append("line ").append(i).append(" ").append("-".repeat(i % 37)).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        String input = sb.toString();
        List<Line> expected = read(new LineReader(stream(input)));
        assertThat(expected).hasSize(300);
        // tiny buffers and reads split lines, CRLFs and even the CR from its LF everywhere
        for (int chunk : new int[] {1, 2, 5, 13, 64}) {
            for (int bufferSize : new int[] {1, 3, 17}) {
                assertThat(read(new LineReader(trickle(input, chunk), 60, bufferSize)))
                        .as("chunk %d buffer %d", chunk, bufferSize).isEqualTo(expected);
            }
        }
        assertThat(expected.get(299).offset()).isEqualTo(input.lastIndexOf("line 299"));
    }

    @Test
    void reusesOneBuffer() throws IOException {
        LineReader r = new LineReader(stream("a\nb\nc\n"));
        assertThat(r.next()).isTrue();
        byte[] first = r.buffer();
        while (r.next()) {
            assertThat(r.buffer()).isSameAs(first);
        }
    }

    @Test
    void rejectsANonPositiveMaximum() {
        assertThatThrownBy(() -> new LineReader(stream(""), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsEveryNewlineAmongArbitraryBytes() throws IOException {
        // the newline search reads eight bytes at a time: put newlines at every position of a
        // word, next to bytes that differ from '\n' by one bit, and high bytes
        java.util.Random random = new java.util.Random(3);
        byte[] alphabet = {'\n', '\n', 0x0B, 0x08, 0x0E, 0x1A, (byte) 0x8A, (byte) 0x80, (byte) 0xFF, 0x00, 0x09, 'a', '\r'};
        for (int round = 0; round < 300; round++) {
            byte[] data = new byte[random.nextInt(200)];
            for (int i = 0; i < data.length; i++) {
                data[i] = alphabet[random.nextInt(alphabet.length)];
            }
            List<String> expected = new ArrayList<>();
            int s = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    int e = i > s && data[i - 1] == '\r' ? i - 1 : i;
                    expected.add(new String(data, s, e - s, StandardCharsets.ISO_8859_1));
                    s = i + 1;
                }
            }
            if (s < data.length) {
                expected.add(new String(data, s, data.length - s, StandardCharsets.ISO_8859_1));
            }
            for (int chunk : new int[] {1, 7, 64}) {
                LineReader r = new LineReader(new FilterInputStream(new ByteArrayInputStream(data)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return super.read(b, off, Math.min(len, chunk));
                    }
                }, 1000, 5);
                List<String> got = new ArrayList<>();
                while (r.next()) {
                    got.add(new String(r.buffer(), r.start(), r.length(), StandardCharsets.ISO_8859_1));
                }
                assertThat(got).as("round %d chunk %d", round, chunk).isEqualTo(expected);
            }
        }
    }
}
