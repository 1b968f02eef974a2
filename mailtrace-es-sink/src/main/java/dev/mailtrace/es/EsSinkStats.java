package dev.mailtrace.es;

/**
 * What an {@link EsSink} did.
 *
 * @param indexed operations Elasticsearch acknowledged
 * @param retried retries made (one operation can be retried several times)
 * @param failed operations given up and written to the dead-letter file
 * @param duplicates documents a data stream already had (re-runs; counted, not failures)
 */
public record EsSinkStats(long indexed, long retried, long failed, long duplicates) {
}
