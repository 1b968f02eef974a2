package dev.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter c = new DurationConverter();

    @Test
    void parsesNumbersWithUnits() {
        assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.convert("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(c.convert("500us")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(c.convert("10ns")).isEqualTo(Duration.ofNanos(10));
        assertThat(c.convert("0")).isEqualTo(Duration.ZERO);
        assertThat(c.convert("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsAmbiguousOrNegativeValuesNamingThem() {
        for (String bad : new String[] {"5", "-1s", "fast", "PT-1S", "2 s", ""}) {
            assertThatThrownBy(() -> c.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("[" + bad + "]");
        }
    }
}
