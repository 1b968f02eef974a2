package dev.mailtrace.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    static boolean jdkValid(byte[] b, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "41", "c3a9", "e282ac", "f09f9880", "efbfbf", "f48fbfbf", "414243444546474849c3a9", "ed9fbf", "ee8080",
    })
    void valid(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertThat(Utf8.isValid(b, 0, b.length)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "80", "bf", "c0af", "c1bf", "c3", "e282", "e0808f", "e09fbf", "eda080", "edbfbf", "f08fbfbf", "f4908080",
        "f5808080", "ff", "fe", "c328", "e228a1", "4142434445464748ff", "41424344454647484950c3",
    })
    void invalid(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertThat(Utf8.isValid(b, 0, b.length)).isFalse();
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomInput() {
        Random random = new Random(7);
        byte[] pool = "aé€😀\u0800\uFFFF".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                int r = random.nextInt(10);
                b[k] = r < 5 ? (byte) ('a' + random.nextInt(26)) : r < 8 ? pool[random.nextInt(pool.length)] : (byte) random.nextInt(256);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            assertThat(Utf8.isValid(b, from, b.length)).as(HexFormat.of().formatHex(b)).isEqualTo(jdkValid(b, from, b.length));
        }
    }

    @Test
    void cutSequencesAreDroppedFromTheEnd() {
        byte[] b = "ab€".getBytes(StandardCharsets.UTF_8); // 61 62 e2 82 ac
        assertThat(Utf8.withoutCutSequence(b, 0, 5)).isEqualTo(5);
        assertThat(Utf8.withoutCutSequence(b, 0, 4)).isEqualTo(2);
        assertThat(Utf8.withoutCutSequence(b, 0, 3)).isEqualTo(2);
        assertThat(Utf8.withoutCutSequence(b, 0, 2)).isEqualTo(2);
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < 4; cut++) {
            assertThat(Utf8.withoutCutSequence(emoji, 0, cut)).isZero();
        }
        // stray continuation bytes are no cut sequence: left for the validator to flag
        byte[] stray = {'a', (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertThat(Utf8.withoutCutSequence(stray, 0, 5)).isEqualTo(5);
    }
}
