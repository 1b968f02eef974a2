package dev.mailtrace.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.RejectReason;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TraceRecord;

/** Writing on another thread: order kept, flush waits, failures come back to the producer. */
class AsyncSinkTest {

    static Reject reject(int i) {
        return new Reject(Instant.ofEpochSecond(i), "mx1", null, null, "RCPT", 450, null, null, "r" + i + "@x", null,
                RejectReason.GREYLISTED, null);
    }

    /** A sink that records what it gets, optionally failing at record {@code failAt}. */
    static final class Recording implements Sink {
        final List<TraceRecord> records = Collections.synchronizedList(new ArrayList<>());
        final int failAt;
        volatile int flushes;
        volatile boolean closed;

        Recording(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void accept(TraceRecord record) {
            if (records.size() == failAt) {
                throw new SinkException("rec", "disk full", null);
            }
            records.add(record);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void everythingArrivesInOrderAndFlushWaits() {
        Recording rec = new Recording(-1);
        AsyncSink sink = AsyncSink.wrap(rec, 2, "test-writer");
        for (int i = 0; i < 10_000; i++) {
            sink.accept(reject(i));
        }
        sink.flush();
        assertThat(rec.records).hasSize(10_000);
        assertThat(rec.flushes).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            sink.accept(reject(i));
        }
        sink.close();
        assertThat(rec.records).hasSize(10_010);
        assertThat(((Reject) rec.records.get(9_999)).to()).isEqualTo("r9999@x");
        assertThat(rec.closed).isTrue();
    }

    @Test
    void aFailureOfTheWrappedSinkIsThrownToTheProducer() {
        Recording rec = new Recording(300);
        AsyncSink sink = AsyncSink.wrap(rec, 1, "test-writer");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                sink.accept(reject(i));
            }
            sink.flush();
        }).isInstanceOf(SinkException.class).hasMessage("sink [rec]: disk full");
        assertThatThrownBy(sink::close).hasMessage("sink [rec]: disk full");
        assertThat(rec.records).hasSize(300);
        assertThat(rec.closed).as("a failed sink is not closed as if it had worked").isFalse();
    }
}
