package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TraceDocumentsTest {

    @Test
    void formatsInstantsAsInstantToStringDoes() {
        SplittableRandom random = new SplittableRandom(20261125);
        long[] nanos = {0, 1, 999_999_999, 400_000_000, 123_000, 123_456_000, 100, 5_000_000, 123_456_789};
        for (int i = 0; i < 200_000; i++) {
            // seconds near each other (the cache's hits and collisions) and far apart (years before 1970, after 9999)
            long second = i % 2 == 0 ? 1_795_000_000L + random.nextLong(5_000) : random.nextLong(-100_000_000_000L, 400_000_000_000L);
            long nano = i % 3 == 0 ? nanos[random.nextInt(nanos.length)] : random.nextLong(1_000_000_000L);
            Instant t = Instant.ofEpochSecond(second, nano);
            assertThat(TraceDocuments.instant(t)).as("%s", t).isEqualTo(t.toString());
        }
    }
}
