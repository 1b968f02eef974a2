package dev.mailtrace.listen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One message as read back from the spool, a flyweight reused for every record: the bytes stay in
 * the reader's buffer and are valid until the next {@link SpoolReader#next()}.
 *
 * <p>On disk a record is {@code int bodyLength, int crc32(body), body} with the body {@code long
 * receiveMillis, byte protocol, byte flags, byte addressLength, address, short port, message}.
 */
public final class SpoolRecord {

    /** Bytes before the body: its length and checksum. */
    static final int PREFIX = 8;
    /** Body bytes besides the address and the message. */
    static final int FIXED_BODY = 8 + 1 + 1 + 1 + 2;

    byte[] buffer;
    int messageStart;
    int messageLength;
    long receiveMillis;
    Protocol protocol;
    int flags;
    final byte[] address = new byte[16];
    int addressLength;
    int port;
    long position;
    long nextPosition;

    /** The buffer holding the message. */
    public byte[] buffer() {
        return buffer;
    }

    /** Offset of the message in {@link #buffer()}. */
    public int messageStart() {
        return messageStart;
    }

    /** Length of the message in bytes. */
    public int messageLength() {
        return messageLength;
    }

    /** When it was received, in milliseconds since the epoch. */
    public long receiveMillis() {
        return receiveMillis;
    }

    /** How it arrived. */
    public Protocol protocol() {
        return protocol;
    }

    /** {@link Framer#OVERSIZE} and {@link Framer#INCOMPLETE}. */
    public int flags() {
        return flags;
    }

    /** The sender's port. */
    public int port() {
        return port;
    }

    /** Whether the sender's address equals {@code addr[0, len)}. */
    boolean sameAddress(byte[] addr, int len) {
        return len == addressLength && Arrays.equals(address, 0, len, addr, 0, len);
    }

    /** The sender's address (allocates). */
    public InetAddress address() {
        try {
            return InetAddress.getByAddress(Arrays.copyOf(address, addressLength));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("spooled address of length " + addressLength, e);
        }
    }

    /** Where the record starts in the spool. */
    public long position() {
        return position;
    }

    /** Where the next record starts. */
    public long nextPosition() {
        return nextPosition;
    }
}
