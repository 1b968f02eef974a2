package dev.mailtrace.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Texts laid end to end in one UTF-8 buffer, each followed by a line break, the way the byte API
 * sees real input: a match must not look past its slice into the neighbouring lines.
 */
final class LineBuffer {

    final byte[] bytes;
    private final int[] starts;

    LineBuffer(List<String> texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        starts = new int[texts.size() + 1];
        for (int i = 0; i < texts.size(); i++) {
            starts[i] = out.size();
            out.writeBytes(texts.get(i).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        starts[texts.size()] = out.size();
        bytes = out.toByteArray();
    }

    int start(int i) {
        return starts[i];
    }

    int length(int i) {
        return starts[i + 1] - 1 - starts[i];
    }
}
