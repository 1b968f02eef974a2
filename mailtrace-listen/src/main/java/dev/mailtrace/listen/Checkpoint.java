package dev.mailtrace.listen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What has reached every sink, kept in the spool directory: every message before {@code processed}
 * was processed and its records flushed, {@code output} bytes of the output file are those
 * records, and replaying from {@code replay} (no later than {@code processed}) rebuilds the
 * aggregator's open transactions. Written to a temporary file and renamed over the old one, so a
 * crash leaves either checkpoint, never half of one.
 *
 * @param replay where a restart replays from (records before {@code processed} are not emitted again)
 * @param processed the position after the last message whose records reached every sink
 * @param output the length of the output file at that point, or -1 without one
 */
record Checkpoint(long replay, long processed, long output) {

    static final String FILE = "checkpoint";

    Checkpoint {
        if (replay < 0 || processed < replay) {
            throw new IllegalArgumentException("checkpoint replay [" + replay + "] must be in [0, processed " + processed + "]");
        }
    }

    /** The checkpoint in {@code dir}, or null when there is none (a new spool). */
    static Checkpoint read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            return new Checkpoint(Long.parseLong(p.getProperty("replay")), Long.parseLong(p.getProperty("processed")),
                    Long.parseLong(p.getProperty("output")));
        } catch (RuntimeException e) {
            throw new IOException("corrupt checkpoint [" + file + "]: " + e.getMessage(), e);
        }
    }

    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, "replay=" + replay + "\nprocessed=" + processed + "\noutput=" + output + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
