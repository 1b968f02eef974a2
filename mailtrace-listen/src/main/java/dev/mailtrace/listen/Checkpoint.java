package dev.mailtrace.listen;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has reached every sink, kept in the spool directory: every message before {@code processed}
 * was processed and its records flushed, {@code output} bytes of the output file are those
 * records, and the aggregator's open state at that point is in the file {@code state} (written by
 * {@link dev.mailtrace.trace.TraceAggregator#writeState}). The checkpoint file is written to a
 * temporary file and renamed over the old one, after the state file it names, so a crash leaves
 * either checkpoint, never half of one.
 *
 * @param processed the position after the last message whose records reached every sink: a restart
 *     resumes there
 * @param output the length of the output file at that point, or -1 without one
 * @param state the name of the aggregator's state file in the spool directory, or null before the first
 */
record Checkpoint(long processed, long output, String state) {

    static final String FILE = "checkpoint";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    Checkpoint {
        if (processed < 0) {
            throw new IllegalArgumentException("checkpoint position [" + processed + "] must be >= 0");
        }
    }

    /** The state file's name for a checkpoint at {@code position}. */
    static String stateFile(long position) {
        return String.format("state-%020d.json", position);
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
            return new Checkpoint(Long.parseLong(p.getProperty("processed")), Long.parseLong(p.getProperty("output")),
                    p.getProperty("state"));
        } catch (RuntimeException e) {
            throw new IOException("corrupt checkpoint [" + file + "]: " + e.getMessage(), e);
        }
    }

    /** Writes the checkpoint; with {@code force}, to the device (and its name into the directory) before it returns. */
    void write(Path dir, boolean force) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, "processed=" + processed + "\noutput=" + output + "\n" + (state == null ? "" : "state=" + state + "\n"),
                StandardCharsets.UTF_8);
        if (force) {
            force(tmp);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (force) {
            forceDirectory(dir);
        }
    }

    /** Forces a written file's content to the device. */
    static void force(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(false);
        }
    }

    /** Forces a directory's entries (a file created or renamed in it) to the device, where the system allows it. */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some systems cannot open a directory for reading; the files' data is forced all the same
            LOG.debug("cannot force the directory [{}]", dir, e);
        }
    }
}
