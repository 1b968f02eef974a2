package dev.mailtrace.syslog;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

/**
 * Converts zone-less local times to epoch seconds in one zone, caching the offset per local hour
 * so that a DST-aware conversion costs an array lookup per line.
 *
 * <p>An hour is cached only when one offset is valid throughout it. Hours that contain a
 * transition (a gap or an overlap, whatever its length or minute) are converted exactly as
 * {@link ZonedDateTime#ofLocal} does, every time: a time in a gap is moved forward by the gap,
 * a time in an overlap takes the earlier offset. Not thread-safe.
 */
final class ZoneOffsets {

    private static final int SLOTS = 64;
    /** Marks an hour with a transition in it (never a real offset, which is within ±18 h). */
    private static final int TRANSITION = Integer.MIN_VALUE;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean fixed;
    private final int fixedOffset;
    private final long[] hourKeys = new long[SLOTS];
    private final int[] hourOffsets = new int[SLOTS];

    /** Offset of the last conversion, in seconds east of UTC. */
    private int offset;

    ZoneOffsets(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffset = fixed ? rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() : 0;
        java.util.Arrays.fill(hourKeys, Long.MIN_VALUE);
    }

    ZoneId zone() {
        return zone;
    }

    /** Epoch second of the local time {@code localEpochSecond}; {@link #offset()} tells the offset used. */
    long toEpochSecond(long localEpochSecond) {
        if (fixed) {
            offset = fixedOffset;
            return localEpochSecond - fixedOffset;
        }
        long hour = Math.floorDiv(localEpochSecond, 3600);
        int slot = (int) (hour & (SLOTS - 1));
        int cached;
        if (hourKeys[slot] == hour) {
            cached = hourOffsets[slot];
        } else {
            cached = offsetOfWholeHour(hour);
            hourKeys[slot] = hour;
            hourOffsets[slot] = cached;
        }
        if (cached != TRANSITION) {
            offset = cached;
            return localEpochSecond - cached;
        }
        ZonedDateTime z = ZonedDateTime.ofLocal(LocalDateTime.ofEpochSecond(localEpochSecond, 0, ZoneOffset.UTC), zone, null);
        offset = z.getOffset().getTotalSeconds();
        return z.toEpochSecond();
    }

    /** Offset of the last {@link #toEpochSecond} conversion. */
    int offset() {
        return offset;
    }

    private int offsetOfWholeHour(long hour) {
        LocalDateTime first = LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC);
        LocalDateTime last = first.plusSeconds(3599);
        var a = rules.getValidOffsets(first);
        var b = rules.getValidOffsets(last);
        if (a.size() != 1 || b.size() != 1 || !a.get(0).equals(b.get(0))) {
            return TRANSITION;
        }
        // Both ends agree; a transition strictly inside the hour would show as a gap or overlap
        // at one end or as different offsets, so the hour is uniform.
        return a.get(0).getTotalSeconds();
    }
}
