package dev.mailtrace.listen;

import java.util.Locale;

/**
 * When the spool's writes are forced to the storage device ({@code fsync}). Every policy survives a
 * crash of the process (written data is in the operating system); they differ in what a power cut or
 * a kernel crash can take.
 *
 * <p>The default is {@link #INTERVAL}, as Redis's {@code appendfsync everysec}: rsyslog's disk queues
 * ({@code queue.syncQueueFiles="off"}) and Kafka ({@code log.flush.interval.messages} unset) leave
 * flushing to the operating system, which is {@link #NEVER}, but Kafka has replicas on other machines
 * for that; a collector's spool is the only copy of what it received, and one {@code fsync} a second
 * costs little, while one per batch ({@link #ALWAYS}) bounds the rate by the device's sync latency.
 */
public enum FsyncPolicy {
    /** Every batch of records is forced before it is processed: a power cut loses nothing processed. */
    ALWAYS,
    /** The spool is forced at most {@link #INTERVAL_MILLIS} after a write, and so are checkpoints: a power cut loses up to about a second. */
    INTERVAL,
    /** Never forced: the operating system writes when it likes (typically within 30 s on Linux). */
    NEVER;

    /** How often {@link #INTERVAL} forces the spool. */
    public static final long INTERVAL_MILLIS = 1000;

    /** {@code always}, {@code interval} or {@code never}, as the CLI's {@code --fsync} takes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code always}, {@code interval} or {@code never} (any case).
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static FsyncPolicy parse(String s) {
        for (FsyncPolicy p : values()) {
            if (p.label().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown fsync policy [" + s + "]; expected one of [always, interval, never]");
    }
}
