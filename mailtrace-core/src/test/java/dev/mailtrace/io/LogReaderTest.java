package dev.mailtrace.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

    @TempDir
    Path dir;

    /** Everything the reader says about a line, copied out of its buffer. */
    record Line(String source, long number, long offset, String text, boolean truncated, boolean invalid, boolean first) {
    }

    static List<Line> read(LogReader r) throws IOException {
        List<Line> out = new ArrayList<>();
        try (r) {
            while (r.next()) {
                out.add(new Line(r.sourceName(), r.lineNumber(), r.byteOffset(), r.lineAsString(), r.truncated(),
                        r.invalidUtf8(), r.firstLineOfSource()));
            }
            assertThat(r.next()).isFalse();
        }
        return out;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rotatedSetIsReadOldestFirstWithSourcesLineNumbersAndOffsets() throws IOException {
        Files.write(dir.resolve("maillog.2.gz"), gzip(utf8("oldest 1\noldest 2\n")));
        Files.write(dir.resolve("maillog.1"), utf8("middle\r\n"));
        Files.write(dir.resolve("maillog"), utf8("live 1\nlive 2"));
        List<Path> set = RotatedLogs.list(dir.resolve("maillog"));
        List<Line> lines = read(LogReader.builder().open(set));
        String d = dir.toString() + "/";
        assertThat(lines).containsExactly(
                new Line(d + "maillog.2.gz", 1, 0, "oldest 1", false, false, true),
                new Line(d + "maillog.2.gz", 2, 9, "oldest 2", false, false, false),
                new Line(d + "maillog.1", 1, 0, "middle", false, false, true),
                new Line(d + "maillog", 1, 0, "live 1", false, false, true),
                new Line(d + "maillog", 2, 7, "live 2", false, false, false));
    }

    @Test
    void sourceDetailsAndCounters() throws IOException {
        Path a = dir.resolve("a.log");
        Files.writeString(a, "x\ny\n");
        Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-11-24T10:00:00Z")));
        try (LogReader r = LogReader.builder().open(List.of(a))) {
            assertThat(r.sourceName()).isNull();
            assertThat(r.next()).isTrue();
            assertThat(r.sourcePath()).isEqualTo(a);
            assertThat(r.sourceIndex()).isZero();
            assertThat(r.sourceModified()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
            assertThat(r.source()).isEqualTo(new LineSource(a.toString(), 1, 0));
            assertThat(r.source().toString()).isEqualTo(a + ":1");
            assertThat(r.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(r.next()).isTrue();
            assertThat(r.source()).isEqualTo(new LineSource(a.toString(), 2, 2));
            assertThat(r.next()).isFalse();
            assertThat(r.lines()).isEqualTo(2);
        }
    }

    @Test
    void standardInputByDashOrEmptyListAndStaysOpen() throws IOException {
        boolean[] closed = {false};
        InputStream stdin = new ByteArrayInputStream(utf8("from stdin\n")) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThat(read(LogReader.builder().stdin(stdin).open(List.of(Path.of("-")))))
                .containsExactly(new Line("-", 1, 0, "from stdin", false, false, true));
        assertThat(closed[0]).isFalse();
        assertThat(read(LogReader.builder().stdin(new ByteArrayInputStream(gzip(utf8("zipped\n")))).open(List.of())))
                .containsExactly(new Line("-", 1, 0, "zipped", false, false, true));
        try (LogReader r = LogReader.builder().stdin(new ByteArrayInputStream(new byte[0])).open(List.of())) {
            assertThat(r.next()).isFalse();
            assertThat(r.sourceModified()).isNull();
        }
    }

    @Test
    void namedStream() throws IOException {
        assertThat(read(LogReader.builder().open("socket", new ByteArrayInputStream(utf8("a\nb\n")))))
                .extracting(Line::source, Line::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("socket", "a"), org.assertj.core.groups.Tuple.tuple("socket", "b"));
    }

    @Test
    void invalidUtf8IsKeptFlaggedAndCounted() throws IOException {
        byte[] input = concat(
                utf8("ok ascii\n"),
                utf8("ok é € 😀\n"),
                utf8("latin1 M"), hex("fc"), utf8("ller\n"),     // ISO-8859-1 ü in a UTF-8 file
                utf8("overlong "), hex("c0af"), utf8("\n"),
                utf8("surrogate "), hex("eda080"), utf8("\n"),
                utf8("cut at end "), hex("e282"), utf8("\n"),
                utf8("stray "), hex("80"), utf8("\n"),
                utf8("last ok"));
        LogReader r = LogReader.builder().open("in", new ByteArrayInputStream(input));
        List<Line> lines = read(r);
        assertThat(lines).extracting(Line::invalid).containsExactly(false, false, true, true, true, true, true, false);
        assertThat(lines).hasSize(8);
        assertThat(r.invalidUtf8Lines()).isEqualTo(5);
        assertThat(r.lines()).isEqualTo(8);
        // kept byte for byte: the bad byte is still there
        try (LogReader again = LogReader.builder().open("in", new ByteArrayInputStream(input))) {
            again.next();
            again.next();
            again.next();
            byte[] raw = java.util.Arrays.copyOfRange(again.buffer(), again.start(), again.start() + again.length());
            assertThat(raw).isEqualTo(concat(utf8("latin1 M"), hex("fc"), utf8("ller")));
            assertThat(again.lineAsString()).isEqualTo("latin1 M\uFFFDller");
        }
    }

    @Test
    void iso88591IsTranscodedToUtf8() throws IOException {
        byte[] latin1 = "Nov 24 10:04:05 mx1 postfix/smtpd[1]: from=<müller@bücher.de> ÿ\n".getBytes(StandardCharsets.ISO_8859_1);
        LogReader r = LogReader.builder().charset(StandardCharsets.ISO_8859_1).open("latin1", new ByteArrayInputStream(latin1));
        assertThat(r.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(r.next()).isTrue();
        byte[] got = java.util.Arrays.copyOfRange(r.buffer(), r.start(), r.start() + r.length());
        assertThat(got).isEqualTo(utf8("Nov 24 10:04:05 mx1 postfix/smtpd[1]: from=<müller@bücher.de> ÿ"));
        assertThat(r.invalidUtf8()).isFalse();
        assertThat(r.byteOffset()).isZero();
        r.close();
    }

    @Test
    void windows1252MapsTheEuroAndFlagsItsUndefinedBytes() throws IOException {
        byte[] input = concat(hex("80"), utf8(" 5\n"), utf8("gap "), hex("81"), utf8("\n"));
        LogReader r = LogReader.builder().charset(Charset.forName("windows-1252")).open("cp", new ByteArrayInputStream(input));
        List<Line> lines = read(r);
        assertThat(lines).extracting(Line::text).containsExactly("€ 5", "gap \uFFFD");
        assertThat(lines).extracting(Line::invalid).containsExactly(false, true);
        assertThat(r.invalidUtf8Lines()).isEqualTo(1);
    }

    @Test
    void unsupportedCharsetsFailWhenConfiguredWithTheAlternatives() {
        assertThatThrownBy(() -> LogReader.builder().charset(Charset.forName("Shift_JIS")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[Shift_JIS]")
                .hasMessageContaining("ISO-8859-1");
        assertThatThrownBy(() -> LogReader.builder().charset(StandardCharsets.UTF_16))
                .hasMessageContaining("[UTF-16]");
        assertThatThrownBy(() -> LogReader.builder().charset(Charset.forName("IBM037")))
                .hasMessageContaining("ASCII-compatible");
        assertThatThrownBy(() -> LogReader.builder().maxLineLength(0)).hasMessageContaining("maxLineLength [0]");
        assertThatThrownBy(() -> LogReader.builder().charset(StandardCharsets.ISO_8859_1).maxLineLength(Integer.MAX_VALUE - 100))
                .hasMessageContaining("when transcoding from ISO-8859-1");
    }

    @Test
    void overlongLinesAreCutFlaggedCountedWithoutSplittingACharacter() throws IOException {
        // 9 bytes max: "abcdefgh€" would be cut inside the euro sign
        String input = "short\nabcdefgh€€€€\n" + "x".repeat(100) + "\nend\n";
        LogReader r = LogReader.builder().maxLineLength(9).open("long", new ByteArrayInputStream(utf8(input)));
        List<Line> lines = read(r);
        assertThat(lines).extracting(Line::text).containsExactly("short", "abcdefgh", "xxxxxxxxx", "end");
        assertThat(lines).extracting(Line::truncated).containsExactly(false, true, true, false);
        assertThat(lines).extracting(Line::invalid).containsOnly(false);
        assertThat(r.truncatedLines()).isEqualTo(2);
        assertThat(lines.get(3).offset()).isEqualTo(input.indexOf("end") + 8); // "€€€€" is 8 bytes more than 4 chars
    }

    @Test
    void overlongLineWithAnEarlierInvalidByteIsStillFlagged() throws IOException {
        byte[] input = concat(utf8("ab"), hex("ff"), utf8("cdefghijkl\n"));
        LogReader r = LogReader.builder().maxLineLength(5).open("x", new ByteArrayInputStream(input));
        List<Line> lines = read(r);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).truncated()).isTrue();
        assertThat(lines.get(0).invalid()).isTrue();
    }

    @Test
    void byteOrderMarkAtTheStartOfEachSourceIsSkipped() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.write(a, concat(hex("efbbbf"), utf8("first\n"), hex("efbbbf"), utf8("second\n")));
        Files.write(b, concat(hex("efbbbf"), utf8("third\n")));
        List<Line> lines = read(LogReader.builder().open(List.of(a, b)));
        assertThat(lines).extracting(Line::text).containsExactly("first", "\uFEFFsecond", "third");
        assertThat(lines.get(0).offset()).isZero();
    }

    @Test
    void aMissingFileFailsWhenItsTurnComesNamingIt() throws IOException {
        Path a = dir.resolve("a");
        Files.writeString(a, "one\n");
        Path gone = dir.resolve("rotated-away");
        LogReader r = LogReader.builder().open(List.of(a, gone));
        assertThat(r.next()).isTrue();
        assertThatThrownBy(r::next).isInstanceOf(NoSuchFileException.class).hasMessageContaining("rotated-away");
        r.close();
        assertThat(r.next()).isFalse();
    }

    @Test
    void noAllocationPerLine() throws IOException {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            sb.append("Nov 24 10:04:05 mx1 postfix/smtpd[").append(i).append("]: connect from unknown[192.0.2.1] é\n");
        }
        for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
            byte[] data = sb.toString().getBytes(cs);
            long sink = 0;
            try (LogReader r = LogReader.builder().charset(cs).open("x", new ByteArrayInputStream(data))) {
                for (int i = 0; i < 5_000 && r.next(); i++) {
                    sink += r.length();
                }
                long tid = Thread.currentThread().getId();
                long before = threads.getThreadAllocatedBytes(tid);
                while (r.next()) {
                    sink += r.length() + r.byteOffset() + (r.invalidUtf8() ? 1 : 0);
                }
                long allocated = threads.getThreadAllocatedBytes(tid) - before;
                assertThat(allocated).as(cs + ": bytes allocated for 45000 lines").isLessThan(8 * 1024);
                assertThat(r.lines()).isEqualTo(50_000);
            }
            assertThat(sink).isPositive();
        }
    }
}
