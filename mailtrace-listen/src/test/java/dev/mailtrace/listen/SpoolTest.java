package dev.mailtrace.listen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    static final byte[] V4 = {10, 1, 2, 3};
    static final byte[] V6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    Spool open() throws IOException {
        return Spool.open(dir, 4096, 1 << 20, 1000, 0, FsyncPolicy.INTERVAL);
    }

    static void append(Spool s, int i) throws IOException {
        byte[] msg = ("<13>message " + i).getBytes(UTF_8);
        s.append(1_700_000_000_000L + i, Protocol.values()[i % 3], i % 2 == 0 ? V4 : V6, 514 + i, msg, 0, msg.length,
                i % 5 == 0 ? Framer.OVERSIZE : 0);
    }

    static List<String> readAll(Spool s, long from) throws IOException, InterruptedException {
        s.flush();
        List<String> got = new ArrayList<>();
        try (SpoolReader r = new SpoolReader(s, from, 2000)) {
            r.limit(s.awaitData(from, 0));
            SpoolRecord rec;
            while ((rec = r.next()) != null) {
                got.add(new String(rec.buffer(), rec.messageStart(), rec.messageLength(), UTF_8) + "|" + rec.protocol() + "|"
                        + rec.address().getHostAddress() + "|" + rec.port() + "|" + rec.receiveMillis() + "|" + rec.flags());
            }
        }
        return got;
    }

    static String expected(int i) {
        return "<13>message " + i + "|" + Protocol.values()[i % 3] + "|" + (i % 2 == 0 ? "10.1.2.3" : "2001:db8:0:0:0:0:0:1") + "|"
                + (514 + i) + "|" + (1_700_000_000_000L + i) + "|" + (i % 5 == 0 ? Framer.OVERSIZE : 0);
    }

    long segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(Spool.SUFFIX)).count();
        }
    }

    @Test
    void recordsComeBackInOrderAcrossSegmentsAndRestarts() throws Exception {
        try (Spool s = open()) {
            for (int i = 0; i < 500; i++) {
                append(s, i);
                if (i % 50 == 0) {
                    s.flush(); // batches of different sizes: segments roll between them
                }
            }
            assertThat(readAll(s, s.firstPosition())).hasSize(500).element(499).isEqualTo(expected(499));
        }
        assertThat(segments()).isGreaterThan(3);
        try (Spool s = open()) {
            append(s, 500);
            List<String> all = readAll(s, s.firstPosition());
            assertThat(all).hasSize(501);
            for (int i = 0; i <= 500; i++) {
                assertThat(all.get(i)).isEqualTo(expected(i));
            }
        }
    }

    @Test
    void aTornRecordAtTheEndIsCutOffWhenOpened() throws Exception {
        long end;
        try (Spool s = open()) {
            for (int i = 0; i < 10; i++) {
                append(s, i);
            }
            s.flush();
            end = s.appended();
        }
        Path last;
        try (Stream<Path> files = Files.list(dir)) {
            last = files.filter(p -> p.toString().endsWith(Spool.SUFFIX)).sorted().reduce((a, b) -> b).orElseThrow();
        }
        // half a record, as a write cut by a crash leaves it
        Files.write(last, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5, 6}, StandardOpenOption.APPEND);
        try (Spool s = open()) {
            assertThat(s.appended()).isEqualTo(end);
            append(s, 10);
            assertThat(readAll(s, s.firstPosition())).hasSize(11).last().isEqualTo(expected(10));
        }
    }

    @Test
    void retainFromDeletesOnlyWholeSegmentsBefore() throws Exception {
        try (Spool s = open()) {
            for (int i = 0; i < 500; i++) {
                append(s, i);
                s.flush();
            }
            long n = segments();
            long middle = s.appended() / 2;
            s.retainFrom(middle);
            assertThat(segments()).isLessThan(n).isPositive();
            assertThat(s.firstPosition()).isLessThanOrEqualTo(middle);
            List<String> rest = readAll(s, s.firstPosition());
            assertThat(rest.get(rest.size() - 1)).isEqualTo(expected(499));
        }
    }

    @Test
    void fullBeyondTheBacklogUntilHalfIsProcessed() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20, 2000, 1000, 0, FsyncPolicy.INTERVAL)) {
            while (!s.full()) {
                append(s, 1);
            }
            assertThat(s.backlog()).isGreaterThan(2000);
            s.processed(s.appended() - 1500);
            assertThat(s.full()).as("still more than half").isTrue();
            s.processed(s.appended() - 900);
            assertThat(s.full()).isFalse();
        }
    }

    @Test
    void alwaysForcesEveryBatchBeforeItCanBeRead() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20, 1 << 20, 1000, 0, FsyncPolicy.ALWAYS)) {
            for (int i = 0; i < 5; i++) {
                append(s, i);
                s.flush();
                assertThat(s.forces()).as("forces after batch %d", i).isGreaterThanOrEqualTo(i + 1);
            }
            assertThat(readAll(s, s.firstPosition())).hasSize(5);
        }
    }

    @Test
    void neverForces() throws Exception {
        Spool s = Spool.open(dir, 4096, 1 << 20, 1000, 0, FsyncPolicy.NEVER);
        try (s) {
            for (int i = 0; i < 200; i++) {
                append(s, i);
                s.flush(); // segments roll too
            }
        }
        assertThat(s.forces()).isZero();
        assertThat(segments()).as("segments rolled").isGreaterThan(1);
    }

    @Test
    void intervalForcesAboutOnceASecondWhateverTheBatches() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20, 1 << 20, 1000, 0, FsyncPolicy.INTERVAL)) {
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                append(s, i);
                s.flush();
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            long forces = s.forces();
            assertThat(forces).as("forces for 100 batches in %d s", seconds).isBetween(1L, seconds + 2);
            // what was written after the last force is forced within about a second, without new writes
            append(s, 100);
            s.flush();
            ListenerTest.waitFor(() -> s.forces() > forces);
        }
    }

    @Test
    void parsesThePolicyAsTheCliTakesIt() {
        assertThat(FsyncPolicy.parse("Always")).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(FsyncPolicy.parse("never").label()).isEqualTo("never");
        assertThatThrownBy(() -> FsyncPolicy.parse("sometimes"))
                .hasMessage("unknown fsync policy [sometimes]; expected one of [always, interval, never]");
    }
}
