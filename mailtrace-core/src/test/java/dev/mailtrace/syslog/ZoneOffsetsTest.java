package dev.mailtrace.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ZoneOffsetsTest {

    /** Zones with DST at odd minutes, half-hour shifts, midnight gaps and repeated changes. */
    static final String[] ZONES = {
        "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kathmandu",
        "America/Santiago", "Africa/Casablanca", "Pacific/Chatham", "UTC", "Etc/GMT+5",
    };

    @Test
    void cachedConversionEqualsZonedDateTimeOfLocalEverywhere() {
        long from = LocalDateTime.parse("2024-01-01T00:00:00").toEpochSecond(ZoneOffset.UTC);
        long to = LocalDateTime.parse("2027-01-01T00:00:00").toEpochSecond(ZoneOffset.UTC);
        for (String name : ZONES) {
            ZoneId zone = ZoneId.of(name);
            ZoneOffsets offsets = new ZoneOffsets(zone);
            // in order, every 7 min 13 s, so that every transition hour is sampled several times
            for (long local = from; local < to; local += 433) {
                check(zone, offsets, local);
            }
            // out of order, to exercise slot collisions
            Random random = new Random(name.hashCode());
            for (int i = 0; i < 50_000; i++) {
                check(zone, offsets, from + (long) (random.nextDouble() * (to - from)));
            }
        }
    }

    private static void check(ZoneId zone, ZoneOffsets offsets, long local) {
        ZonedDateTime expected = ZonedDateTime.ofLocal(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC), zone, null);
        long epoch = offsets.toEpochSecond(local);
        if (epoch != expected.toEpochSecond() || offsets.offset() != expected.getOffset().getTotalSeconds()) {
            assertThat(epoch + "/" + offsets.offset()).as(zone + " " + LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC))
                    .isEqualTo(expected.toEpochSecond() + "/" + expected.getOffset().getTotalSeconds());
        }
    }

    @Test
    void civilArithmeticMatchesJavaTime() {
        for (int year : new int[] {1, 1600, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 9999}) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 1; day <= 28; day += 9) {
                    long expected = java.time.LocalDate.of(year, month, day).toEpochDay();
                    assertThat(CivilTime.epochDay(year, month, day)).isEqualTo(expected);
                    assertThat(CivilTime.yearOfEpochDay(expected)).isEqualTo(year);
                }
            }
            assertThat(CivilTime.isLeap(year)).isEqualTo(java.time.Year.isLeap(year));
        }
        // lenient: Feb 29 of a common year is March 1
        assertThat(CivilTime.epochDay(2027, 2, 29)).isEqualTo(java.time.LocalDate.of(2027, 3, 1).toEpochDay());
    }
}
