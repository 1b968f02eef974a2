package dev.mailtrace.listen;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads the spool's records in order from a position, up to what the writer has committed; used by
 * the processing thread (live and when replaying after a restart) and, statically, to find where
 * a segment's valid records end.
 */
final class SpoolReader implements Closeable {

    private static final Protocol[] PROTOCOLS = Protocol.values();

    private final Spool spool;
    private final SpoolRecord record = new SpoolRecord();
    private final CRC32 crc = new CRC32();
    private final byte[] buf;
    private final ByteBuffer bb;
    /** Valid bytes in {@link #buf} start at {@link #head}, end at {@link #tail}; {@link #head} is at {@link #position}. */
    private int head;
    private int tail;
    private long position;
    private long limit;
    private FileChannel channel;
    private long channelStart;

    SpoolReader(Spool spool, long from, int maxRecord) {
        this.spool = spool;
        this.position = from;
        this.buf = new byte[Math.max(4 << 20, 2 * maxRecord)];
        this.bb = ByteBuffer.wrap(buf);
    }

    /** Lets the reader go up to {@code committed}. */
    void limit(long committed) {
        this.limit = committed;
    }

    /** The position of the next record. */
    long position() {
        return position;
    }

    /**
     * The next record, or null when the reader has caught up with its limit.
     *
     * @throws IOException if a segment cannot be read or a record is corrupt
     */
    SpoolRecord next() throws IOException {
        if (position >= limit) {
            return null;
        }
        if (tail - head < SpoolRecord.PREFIX && !fill(SpoolRecord.PREFIX)) {
            return null;
        }
        int body = ByteBuffer.wrap(buf, head, 4).getInt();
        int size = SpoolRecord.PREFIX + body;
        if (body < SpoolRecord.FIXED_BODY || body > buf.length - SpoolRecord.PREFIX) {
            throw new IOException("corrupt spool record at position " + position + " (length " + body + ")");
        }
        if (tail - head < size && !fill(size)) {
            return null;
        }
        if (!decode(buf, head, body, crc, record)) {
            throw new IOException("corrupt spool record at position " + position + " (checksum)");
        }
        record.position = position;
        record.nextPosition = position + size;
        head += size;
        position += size;
        return record;
    }

    /** Decodes the body at {@code buf[off + PREFIX]}; false when its checksum does not match. */
    private static boolean decode(byte[] buf, int off, int body, CRC32 crc, SpoolRecord r) {
        ByteBuffer b = ByteBuffer.wrap(buf, off + 4, SpoolRecord.PREFIX - 4 + body);
        int sum = b.getInt();
        crc.reset();
        crc.update(buf, off + SpoolRecord.PREFIX, body);
        if ((int) crc.getValue() != sum) {
            return false;
        }
        r.receiveMillis = b.getLong();
        int protocol = b.get();
        if (protocol < 0 || protocol >= PROTOCOLS.length) {
            return false;
        }
        r.protocol = PROTOCOLS[protocol];
        r.flags = b.get();
        r.addressLength = b.get();
        if (r.addressLength != 4 && r.addressLength != 16) {
            return false;
        }
        b.get(r.address, 0, r.addressLength);
        r.port = b.getShort() & 0xffff;
        r.buffer = buf;
        r.messageStart = b.position();
        r.messageLength = off + SpoolRecord.PREFIX + body - r.messageStart;
        return r.messageLength >= 0;
    }

    /** Reads until {@code need} bytes are buffered from {@link #position}; false if the segment has no more yet. */
    private boolean fill(int need) throws IOException {
        if (head > 0) {
            System.arraycopy(buf, head, buf, 0, tail - head);
            tail -= head;
            head = 0;
        }
        while (tail < need) {
            long at = position + tail;
            long want = Math.min(buf.length - tail, limit - at);
            if (want <= 0) {
                return false;
            }
            if (channel == null) {
                openSegmentAt(at);
            }
            bb.limit(tail + (int) want).position(tail);
            int n = channel.read(bb, at - channelStart);
            if (n <= 0) {
                if (spool.nextSegment(channelStart) != at) {
                    return false;
                }
                openSegmentAt(at); // this segment ends here; the next one begins
                continue;
            }
            tail += n;
        }
        return true;
    }

    private void openSegmentAt(long at) throws IOException {
        Map.Entry<Long, Path> seg = spool.segmentAt(at);
        if (seg == null) {
            throw new IOException("spool position " + at + " is before the oldest segment");
        }
        close();
        channel = FileChannel.open(seg.getValue(), StandardOpenOption.READ);
        channelStart = seg.getKey();
    }

    /** The length of the valid records at the start of a segment file (a torn tail is not counted). */
    static long validLength(Path segment) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer prefix = ByteBuffer.allocate(SpoolRecord.PREFIX);
            CRC32 crc = new CRC32();
            SpoolRecord r = new SpoolRecord();
            while (pos + SpoolRecord.PREFIX <= size) {
                prefix.clear();
                ch.read(prefix, pos);
                int body = prefix.getInt(0);
                if (body < SpoolRecord.FIXED_BODY || pos + SpoolRecord.PREFIX + body > size) {
                    break;
                }
                byte[] b = new byte[SpoolRecord.PREFIX + body];
                ByteBuffer rb = ByteBuffer.wrap(b);
                while (rb.hasRemaining() && ch.read(rb, pos + rb.position()) > 0) {
                    // read the whole record
                }
                if (!decode(b, 0, body, crc, r)) {
                    break;
                }
                pos += b.length;
            }
            return pos;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
