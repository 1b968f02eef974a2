package dev.mailtrace.listen;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log: every received message is appended here before anything else happens to it,
 * so that a crash loses nothing that was received and spooled. Segment files
 * ({@code <start position>.wal}) in one directory, positions counting bytes from the spool's
 * creation; whole segments are deleted once the checkpoint no longer needs them.
 *
 * <p>Receiver threads {@link #append} into one of two batches in memory while a writer thread
 * writes the other to the segment file, outside the lock, as soon as it has a record (a killed
 * process loses at most the last few milliseconds of what arrived); the processing thread reads
 * the records back with a {@link SpoolReader}, so a burst the sinks cannot take yet waits on disk,
 * up to {@code maxBacklog} bytes not yet processed. Beyond that {@link #full()} is true: TCP
 * receivers stop reading, UDP receivers drop (and count). When the writes are forced to the device
 * is the {@link FsyncPolicy}; with {@link FsyncPolicy#ALWAYS} a record is readable (processed) only
 * once forced.
 *
 * <p>A torn record at the end of the last segment (a crash in the middle of a write) is cut off
 * when the spool is opened. The directory is locked against a second process.
 */
public final class Spool implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    static final String SUFFIX = ".wal";

    private final Path dir;
    private final long segmentBytes;
    private final long maxBacklog;
    private final FsyncPolicy fsync;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Segment start position to file; read by the reader thread. */
    private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock mutex = new ReentrantLock();
    /** Signalled when the filling batch gets its first record, and at close: the writer wakes up. */
    private final Condition batchStarted = mutex.newCondition();
    /** Signalled when a batch was written (and forced, per policy): readers and waiting appenders go on. */
    private final Condition committedMore = mutex.newCondition();
    private final Thread writer = new Thread(this::writeLoop, "mailtrace-spool");
    private final CRC32 crc = new CRC32();
    /** Receivers append here, under the mutex. */
    private ByteBuffer filling;
    /** The other batch: being written by the writer thread (then null), or empty. */
    private ByteBuffer spare;
    private boolean closing;
    private IOException writeFailure;
    /** Only the writer thread (and {@link #recover}, {@link #close} when it does not run) touches the segment. */
    private FileChannel segment;
    private long segmentStart;
    private long lastForce;
    private boolean unforced;
    private final LongAdder forces = new LongAdder();
    /** Position after the last appended record (in a batch or on disk). */
    private volatile long appended;
    /** Position after the last record written to the segment file (and forced, with {@link FsyncPolicy#ALWAYS}). */
    private volatile long committed;
    /** Position up to which the records were processed. */
    private volatile long processed;
    private volatile boolean full;

    private Spool(Path dir, long segmentBytes, long maxBacklog, int maxRecord, FsyncPolicy fsync) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxBacklog = maxBacklog;
        this.fsync = fsync;
        int batch = Math.max(1 << 20, 2 * maxRecord);
        this.filling = ByteBuffer.allocate(batch);
        this.spare = ByteBuffer.allocate(batch);
        Files.createDirectories(dir);
        this.lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null; // held by this process
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("spool [" + dir + "] is in use by another process");
        }
        this.lock = l;
    }

    /**
     * Opens (or creates) the spool in {@code dir}, cutting a torn record off the end.
     *
     * @param segmentBytes size after which a new segment file is started
     * @param maxBacklog bytes appended but not yet processed beyond which the spool is {@link #full()}
     * @param maxMessage the largest message that will be appended
     * @param emptyStart the position to start at when the directory holds no segment
     * @param fsync when writes are forced to the device
     */
    public static Spool open(Path dir, long segmentBytes, long maxBacklog, int maxMessage, long emptyStart, FsyncPolicy fsync)
            throws IOException {
        Spool s = new Spool(dir, segmentBytes, maxBacklog, SpoolRecord.PREFIX + SpoolRecord.FIXED_BODY + 16 + maxMessage,
                fsync);
        try {
            s.recover(emptyStart);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        s.writer.setDaemon(true);
        s.writer.start();
        return s;
    }

    private void recover(long emptyStart) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    try {
                        segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), p);
                    } catch (NumberFormatException e) {
                        throw new IOException("not a spool segment: [" + p + "]", e);
                    }
                }
            }
        }
        if (segments.isEmpty()) {
            openSegment(emptyStart);
            appended = committed = processed = emptyStart;
            return;
        }
        Map.Entry<Long, Path> last = segments.lastEntry();
        long valid = SpoolReader.validLength(last.getValue());
        segment = FileChannel.open(last.getValue(), StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (segment.size() > valid) {
            LOG.warn("spool segment [{}]: cut a torn record at the end ({} bytes)", last.getValue(), segment.size() - valid);
            segment.truncate(valid);
        }
        segment.position(valid);
        segmentStart = last.getKey();
        appended = committed = processed = segmentStart + valid;
    }

    private void openSegment(long start) throws IOException {
        Path p = dir.resolve(String.format("%020d%s", start, SUFFIX));
        segment = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        segment.truncate(0);
        segmentStart = start;
        segments.put(start, p);
        if (fsync != FsyncPolicy.NEVER) {
            Checkpoint.forceDirectory(dir); // the new file's name survives a power cut too
        }
    }

    /**
     * Appends one message. Never blocks on the processing (callers check {@link #full()}); waits only
     * while both batches are full, until the writer has written one.
     *
     * @param address the sender's address bytes (4 or 16)
     */
    public void append(long receiveMillis, Protocol protocol, byte[] address, int port, byte[] msg, int off, int len,
            int flags) throws IOException {
        int body = SpoolRecord.FIXED_BODY + address.length + len;
        int size = SpoolRecord.PREFIX + body;
        mutex.lock();
        try {
            while (writeFailure == null && !closing && filling.remaining() < size) {
                batchStarted.signal();
                committedMore.awaitUninterruptibly();
            }
            if (writeFailure != null || closing) {
                throw new IOException("spool [" + dir + "] cannot be written: "
                        + (writeFailure != null ? writeFailure.getMessage() : "closed"), writeFailure);
            }
            ByteBuffer b = filling;
            boolean wasEmpty = b.position() == 0;
            int start = b.position();
            b.putInt(body).putInt(0).putLong(receiveMillis).put((byte) protocol.ordinal()).put((byte) flags)
                    .put((byte) address.length).put(address).putShort((short) port).put(msg, off, len);
            crc.reset();
            crc.update(b.array(), start + SpoolRecord.PREFIX, body);
            b.putInt(start + 4, (int) crc.getValue());
            appended += size;
            if (appended - processed > maxBacklog) {
                full = true;
            }
            if (wasEmpty) {
                batchStarted.signal();
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * The writer thread: takes the filling batch (receivers go on into the other one), writes it
     * without holding the lock, forces it as the policy says, then publishes the new committed
     * position. Rolls to a new segment when the current one is big enough. Drains at close.
     */
    private void writeLoop() {
        mutex.lock();
        try {
            while (true) {
                while (filling.position() == 0 && !closing && !forceDue()) {
                    batchStarted.await(fsync == FsyncPolicy.INTERVAL && unforced ? FsyncPolicy.INTERVAL_MILLIS : 1000,
                            TimeUnit.MILLISECONDS);
                }
                if (filling.position() == 0 && closing) {
                    return;
                }
                ByteBuffer batch = filling;
                filling = spare;
                spare = null;
                long upTo = appended;
                mutex.unlock();
                IOException failure = null;
                try {
                    write(batch, upTo);
                } catch (IOException e) {
                    failure = e;
                } finally {
                    mutex.lock();
                }
                spare = batch.clear();
                if (failure != null) {
                    writeFailure = failure;
                    LOG.error("spool [{}] cannot be written; receiving stops", dir, failure);
                    committedMore.signalAll();
                    return;
                }
                committed = upTo;
                committedMore.signalAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mutex.unlock();
        }
    }

    private boolean forceDue() {
        return fsync == FsyncPolicy.INTERVAL && unforced && System.currentTimeMillis() - lastForce >= FsyncPolicy.INTERVAL_MILLIS;
    }

    /** Writes one batch ending at position {@code upTo}; forces per policy; rolls the segment. Writer thread only. */
    private void write(ByteBuffer batch, long upTo) throws IOException {
        if (batch.position() > 0) {
            batch.flip();
            while (batch.hasRemaining()) {
                segment.write(batch);
            }
            unforced = true;
        }
        if (fsync == FsyncPolicy.ALWAYS || forceDue()) {
            force();
        }
        if (upTo - segmentStart >= segmentBytes) {
            if (fsync != FsyncPolicy.NEVER) {
                force();
            }
            segment.close();
            openSegment(upTo);
        }
    }

    private void force() throws IOException {
        segment.force(false);
        forces.increment();
        unforced = false;
        lastForce = System.currentTimeMillis();
    }

    /** The fsync policy. */
    public FsyncPolicy fsync() {
        return fsync;
    }

    /** How many times the segment files were forced to the device. */
    public long forces() {
        return forces.sum();
    }

    /**
     * For the processing thread: the position up to which records can be read, waiting up to
     * {@code timeoutMillis} for records after {@code position}.
     */
    long awaitData(long position, long timeoutMillis) throws InterruptedException {
        mutex.lock();
        try {
            if (committed <= position) {
                committedMore.await(timeoutMillis, TimeUnit.MILLISECONDS);
            }
            return committed;
        } finally {
            mutex.unlock();
        }
    }

    /** Waits until everything appended so far is written (and forced, per policy): for an orderly stop. */
    public void flush() throws IOException {
        mutex.lock();
        try {
            long target = appended;
            while (committed < target && writeFailure == null) {
                batchStarted.signal();
                committedMore.awaitUninterruptibly();
            }
            if (writeFailure != null) {
                throw new IOException("spool [" + dir + "] cannot be written: " + writeFailure.getMessage(), writeFailure);
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Records up to {@code position} were processed: frees backlog; the spool is no longer full once it
     * is below half the maximum (paused receivers look every few milliseconds). Under the mutex, so that
     * a receiver never sets {@link #full()} from a stale position after this has looked at it.
     */
    void processed(long position) {
        mutex.lock();
        try {
            processed = position;
            if (full && appended - position <= maxBacklog / 2) {
                full = false;
            }
        } finally {
            mutex.unlock();
        }
    }

    /** Deletes the segments that lie wholly before {@code position}; the current one always stays. */
    void retainFrom(long position) throws IOException {
        Long start = segments.firstKey();
        Long next;
        while ((next = segments.higherKey(start)) != null && next <= position) {
            Files.deleteIfExists(segments.remove(start));
            start = next;
        }
    }

    /** Whether more than the maximum backlog waits to be processed. */
    public boolean full() {
        return full;
    }

    /** Bytes appended but not yet processed. */
    public long backlog() {
        return appended - processed;
    }

    /** Bytes on disk in segment files. */
    public long diskBytes() {
        Map.Entry<Long, Path> first = segments.firstEntry();
        return first == null ? 0 : committed - first.getKey();
    }

    /** The position after the last record written to the segment file. */
    long committed() {
        return committed;
    }

    /** The position after the last appended record. */
    public long appended() {
        return appended;
    }

    /** The start of the oldest segment still kept. */
    long firstPosition() {
        return segments.firstKey();
    }

    /** The segment holding {@code position}, its start as key. */
    Map.Entry<Long, Path> segmentAt(long position) {
        return segments.floorEntry(position);
    }

    /** The start of the segment after the one starting at {@code start}, or -1. */
    long nextSegment(long start) {
        Long k = segments.higherKey(start);
        return k == null ? -1 : k;
    }

    /** The directory. */
    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        mutex.lock();
        try {
            closing = true;
            batchStarted.signal();
        } finally {
            mutex.unlock();
        }
        try {
            if (writer.isAlive()) {
                writer.join(); // writes what is left
            }
            if (segment != null) {
                if (fsync != FsyncPolicy.NEVER && writeFailure == null) {
                    segment.force(false);
                }
                segment.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the spool [" + dir + "]", e);
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
