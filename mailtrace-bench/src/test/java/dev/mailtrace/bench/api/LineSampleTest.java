package dev.mailtrace.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample: files (plain and gzip, an empty one among them) read into one buffer, lines traced back to their file. */
class LineSampleTest {

    @TempDir
    Path dir;

    @Test
    void linesOfSeveralFilesKeepTheirFileAndNumber() throws IOException {
        Path plain = dir.resolve("a.log");
        Files.writeString(plain, "one\ntwo\r\nthree", StandardCharsets.UTF_8);
        Path empty = dir.resolve("empty.log");
        Files.writeString(empty, "");
        Path gz = dir.resolve("b.log.1");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("vier\nfünf\n".getBytes(StandardCharsets.UTF_8));
        }
        LineSample s = LineSample.read(List.of(plain, empty, gz), Integer.MAX_VALUE);
        assertThat(s.size()).isEqualTo(5);
        assertThat(List.of(s.line(0), s.line(1), s.line(2), s.line(3), s.line(4)))
                .containsExactly("one", "two", "three", "vier", "fünf");
        assertThat(s.source(3)).isEqualTo(gz.toString());
        assertThat(s.lineInSource(3)).isEqualTo(1);
        assertThat(s.lineInSource(4)).isEqualTo(2);
        assertThat(s.source(2)).isEqualTo(plain.toString());
        assertThat(s.totalBytes()).isEqualTo("onetwothreevierfünf".getBytes(StandardCharsets.UTF_8).length);
        assertThat(LineSample.read(List.of(plain, gz), 2).size()).isEqualTo(2);
    }
}
