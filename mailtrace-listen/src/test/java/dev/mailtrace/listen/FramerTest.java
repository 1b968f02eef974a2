package dev.mailtrace.listen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FramerTest {

    /** A received message as text with its flags, e.g. {@code "abc"} or {@code "abc|1"}. */
    private static final class Collector implements Framer.FrameHandler {
        final List<String> frames = new ArrayList<>();

        @Override
        public void frame(byte[] buf, int off, int len, int flags) {
            String s = new String(buf, off, len, UTF_8);
            frames.add(flags == 0 ? s : s + "|" + flags);
        }
    }

    private static List<String> frame(int max, String stream) {
        Collector c = new Collector();
        Framer f = new Framer(max);
        byte[] b = stream.getBytes(UTF_8);
        f.feed(b, 0, b.length, c);
        f.end(c);
        return c.frames;
    }

    /** The same stream fed in every split into two reads, and byte by byte: always the same frames. */
    private static List<String> frameAllSplits(int max, String stream) {
        List<String> whole = frame(max, stream);
        byte[] b = stream.getBytes(UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            Collector c = new Collector();
            Framer f = new Framer(max);
            f.feed(b, 0, cut, c);
            f.feed(b, cut, b.length - cut, c);
            f.end(c);
            assertThat(c.frames).as("split at %d", cut).isEqualTo(whole);
        }
        Collector c = new Collector();
        Framer f = new Framer(max);
        for (int i = 0; i < b.length; i++) {
            f.feed(b, i, 1, c);
        }
        f.end(c);
        assertThat(c.frames).as("byte by byte").isEqualTo(whole);
        return whole;
    }

    @Test
    void octetCountedFramesCountTheMessageOnlyNotTheSpace() {
        assertThat(frameAllSplits(100, "11 <13>hello a5 <13>b")).containsExactly("<13>hello a", "<13>b");
    }

    @Test
    void octetCountedMessagesMayContainNewlines() {
        assertThat(frameAllSplits(100, "9 line\none\n12 <1>x")).containsExactly("line\none\n", "<1>x|2");
    }

    @Test
    void nonTransparentFramesEndAtLfCrlfOrNul() {
        assertThat(frameAllSplits(100, "<13>one\n<13>two\r\n<13>three\0<13>four\n"))
                .containsExactly("<13>one", "<13>two", "<13>three", "<13>four");
    }

    @Test
    void senderMaySwitchFramingPerMessage() {
        assertThat(frameAllSplits(100, "<13>lf\n4 abcd<13>crlf\r\n2 xy\n3 abc\0Nov 24 10:04:05 h p: m\n"))
                .containsExactly("<13>lf", "abcd", "<13>crlf", "xy", "abc", "Nov 24 10:04:05 h p: m");
    }

    @Test
    void digitsNotFollowedBySpaceBeginANonTransparentMessage() {
        assertThat(frameAllSplits(100, "2026-11-25T10:00:00+01:00 h postfix/smtpd[1]: x\n1234567890 y\n0 z\n"))
                .containsExactly("2026-11-25T10:00:00+01:00 h postfix/smtpd[1]: x", "1234567890 y", "0 z");
    }

    @Test
    void strayTerminatorsBetweenMessagesAreSkipped() {
        assertThat(frameAllSplits(100, "\n\r\n\0\0a\n\n\n3 abc\n\nb")).containsExactly("a", "abc", "b");
    }

    @Test
    void oversizeLineIsCutFlaggedAndTheNextOneIsIntact() {
        assertThat(frameAllSplits(5, "abcdefgh\nxy\r\nabcde\r\n")).containsExactly("abcde|1", "xy", "abcde");
    }

    @Test
    void oversizeOctetCountedFrameIsCutFlaggedAndSkipped() {
        assertThat(frameAllSplits(4, "8 abcdefgh3 xyz4 abcd5 abcde")).containsExactly("abcd|1", "xyz", "abcd", "abcd|1");
    }

    @Test
    void endOfStreamDeliversUnterminatedLineAndFlagsCutFrames() {
        assertThat(frameAllSplits(100, "<13>last line")).containsExactly("<13>last line");
        assertThat(frameAllSplits(100, "10 abc")).containsExactly("abc|2");
        assertThat(frameAllSplits(100, "10 ")).containsExactly("|2");
        assertThat(frameAllSplits(100, "10")).containsExactly("10");
        assertThat(frameAllSplits(100, "")).isEmpty();
    }

    @Test
    void invalidUtf8IsPassedThroughUnchanged() {
        byte[] msg = {'<', '1', '>', (byte) 0xff, (byte) 0xc3, '\n'};
        List<byte[]> got = new ArrayList<>();
        Framer f = new Framer(100);
        f.feed(msg, 0, msg.length, (b, o, l, flags) -> got.add(java.util.Arrays.copyOfRange(b, o, o + l)));
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).containsExactly('<', '1', '>', (byte) 0xff, (byte) 0xc3);
    }

    @Test
    void idleOnlyBetweenMessages() {
        Framer f = new Framer(100);
        Collector c = new Collector();
        assertThat(f.idle()).isTrue();
        f.feed("5 ab".getBytes(UTF_8), 0, 4, c);
        assertThat(f.idle()).isFalse();
        f.feed("cde".getBytes(UTF_8), 0, 3, c);
        assertThat(f.idle()).isTrue();
        assertThat(c.frames).containsExactly("abcde");
    }

    @Test
    void randomMixedStreamsRoundTripInRandomReads() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> sent = new ArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int n = 1 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                String msg = "<" + rnd.nextInt(192) + ">Nov 24 10:04:0" + rnd.nextInt(10) + " h p[" + i + "]: "
                        + "x".repeat(rnd.nextInt(200));
                sent.add(msg);
                byte[] b = msg.getBytes(UTF_8);
                switch (rnd.nextInt(4)) {
                    case 0 -> out.writeBytes((b.length + " " + msg).getBytes(UTF_8));
                    case 1 -> out.writeBytes((msg + "\n").getBytes(UTF_8));
                    case 2 -> out.writeBytes((msg + "\r\n").getBytes(UTF_8));
                    default -> out.writeBytes((msg + "\0").getBytes(UTF_8));
                }
            }
            byte[] stream = out.toByteArray();
            Collector c = new Collector();
            Framer f = new Framer(1024);
            for (int i = 0; i < stream.length;) {
                int len = Math.min(stream.length - i, 1 + rnd.nextInt(300));
                f.feed(stream, i, len, c);
                i += len;
            }
            f.end(c);
            assertThat(c.frames).as("round %d", round).isEqualTo(sent);
        }
    }

    @Test
    void refusesNonPositiveMaximum() {
        assertThatThrownBy(() -> new Framer(0)).hasMessageContaining("maxMessageSize [0]");
    }
}
