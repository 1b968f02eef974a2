package dev.mailtrace.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogInputTest {

    @TempDir
    Path dir;

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static List<String> lines(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(in)) {
            while (r.next()) {
                out.add(new String(r.buffer(), r.start(), r.length(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() throws IOException {
        Path noSuffix = dir.resolve("mail.log.1");
        Files.write(noSuffix, gzip("one\ntwo\n"));
        assertThat(lines(LogInput.open(noSuffix))).containsExactly("one", "two");

        Path plainWithGzName = dir.resolve("plain.gz");
        Files.writeString(plainWithGzName, "not compressed\n");
        assertThat(lines(LogInput.open(plainWithGzName))).containsExactly("not compressed");
    }

    @Test
    void concatenatedGzipMembersReadAsOneStream() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip("a\nb"));
        both.write(gzip("\nc\n"));
        Path f = dir.resolve("both.gz");
        Files.write(f, both.toByteArray());
        assertThat(lines(LogInput.open(f))).containsExactly("a", "b", "c");
    }

    @Test
    void dashOrNoPathIsStdinAndClosingLeavesItOpen() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream stdin = new ByteArrayInputStream(gzip("from stdin\n")) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThat(lines(LogInput.open(Path.of("-"), stdin))).containsExactly("from stdin");
        assertThat(closed).isFalse();
        assertThat(lines(LogInput.open(null, new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)))))
                .containsExactly("x");
        assertThat(LogInput.isStdin("-")).isTrue();
        assertThat(LogInput.isStdin(null)).isTrue();
        assertThat(LogInput.isStdin("-x")).isFalse();
    }

    @Test
    void tinyAndEmptyInputsAreNotMistakenForGzip() throws IOException {
        assertThat(lines(LogInput.decompressing(new ByteArrayInputStream(new byte[0])))).isEmpty();
        assertThat(lines(LogInput.decompressing(new ByteArrayInputStream(new byte[] {0x1f})))).hasSize(1);
        assertThat(lines(LogInput.decompressing(new ByteArrayInputStream("z".getBytes(StandardCharsets.UTF_8)))))
                .containsExactly("z");
    }

    @Test
    void missingFileFailsWithTheUsualException() {
        assertThatThrownBy(() -> LogInput.open(dir.resolve("nope.log"))).isInstanceOf(NoSuchFileException.class);
    }
}
