package dev.mailtrace.grok;

/**
 * Receives captures as byte ranges, without decoding or boxing: the hot-path way to read a match
 * ({@link GrokMatcher#forEachCapture}).
 */
@FunctionalInterface
public interface CaptureConsumer {
    /**
     * One captured value.
     *
     * @param field the field and its type
     * @param bytes the matched buffer (do not modify)
     * @param start offset of the first byte of the value in {@code bytes}
     * @param end offset after the last byte
     */
    void capture(GrokField field, byte[] bytes, int start, int end);
}
