package dev.mailtrace.bench.api;

/**
 * Nanosecond durations counted in buckets of 1/16 of a power of two (values within 6.25%), in
 * one fixed array: recording allocates nothing, as a profiler on the hot path must.
 */
final class LatencyHistogram {

    private static final int SUB = 16;
    private final long[] counts = new long[64 * SUB];
    private long total;

    void record(long ns) {
        counts[bucket(Math.max(ns, 0))]++;
        total++;
    }

    static int bucket(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= 4
        int mantissa = (int) (v >>> (exp - 4)) & (SUB - 1);
        return (exp - 3) * SUB + mantissa;
    }

    /** The upper bound (exclusive) of bucket {@code b}. */
    static long upper(int b) {
        if (b < SUB) {
            return b + 1;
        }
        int exp = b / SUB + 3;
        long mantissa = b % SUB;
        return (SUB + mantissa + 1) << (exp - 4);
    }

    /** Adds the counts of {@code other}. */
    void add(LatencyHistogram other) {
        for (int b = 0; b < counts.length; b++) {
            counts[b] += other.counts[b];
        }
        total += other.total;
    }

    long total() {
        return total;
    }

    /** The smallest bucket bound below which fraction {@code q} of the values lie. */
    long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return upper(b);
            }
        }
        return upper(counts.length - 1);
    }

    /** Counts per power of two, for charts: index k counts values in [2^k, 2^(k+1)). */
    long[] perPowerOfTwo() {
        long[] out = new long[64];
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) {
                out[63 - Long.numberOfLeadingZeros(Math.max(1, upper(b) - 1))] += counts[b];
            }
        }
        return out;
    }
}
