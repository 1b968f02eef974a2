package dev.mailtrace.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the framer: any bytes in any read sizes give the same frames as in one read, never longer
 * than the maximum, and never an exception. In the normal build the seed inputs in
 * {@code src/test/resources/dev/mailtrace/listen/FramerFuzzTestInputs} run, plus a short fuzzing
 * run (see the README for longer ones).
 */
class FramerFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void framesDoNotDependOnReadSizes(FuzzedDataProvider data) {
        int max = data.consumeInt(1, 300);
        int[] cuts = data.consumeInts(8);
        byte[] stream = data.consumeRemainingAsBytes();
        List<byte[]> whole = frames(max, stream, new int[0]);
        List<byte[]> split = frames(max, stream, cuts);
        assertThat(split).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(split.get(i)).isEqualTo(whole.get(i));
            assertThat(whole.get(i).length).isLessThanOrEqualTo(max + 1);
        }
    }

    private static List<byte[]> frames(int max, byte[] stream, int[] cuts) {
        List<byte[]> out = new ArrayList<>();
        Framer f = new Framer(max);
        Framer.FrameHandler h = (b, o, l, flags) -> {
            ByteArrayOutputStream x = new ByteArrayOutputStream();
            x.write(b, o, l);
            x.write(flags);
            out.add(x.toByteArray());
        };
        int pos = 0;
        for (int c : cuts) {
            int n = Math.min(stream.length - pos, Math.floorMod(c, 64));
            f.feed(stream, pos, n, h);
            pos += n;
        }
        f.feed(stream, pos, stream.length - pos, h);
        f.end(h);
        return out;
    }
}
