package dev.mailtrace.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YearInferenceTest {

    @TempDir
    Path dir;

    /** The years given to {@code Mmm d hh:mm:ss} stamps, in order. */
    static List<Integer> years(YearInference y, String... stamps) {
        List<Integer> out = new ArrayList<>();
        for (String s : stamps) {
            String[] p = s.trim().split(" +");
            int month = "JanFebMarAprMayJunJulAugSepOctNovDec".indexOf(p[0]) / 3 + 1;
            String[] t = p[2].split(":");
            out.add(y.year(month, Integer.parseInt(p[1]),
                    Integer.parseInt(t[0]) * 3600 + Integer.parseInt(t[1]) * 60 + Integer.parseInt(t[2])));
        }
        return out;
    }

    static YearInference ref(String instant) {
        return YearInference.relativeTo(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** The instants a scanner gives the lines of a resource, with the source starting at {@code reference}. */
    static List<String> instants(SyslogScanner s, String resource) throws IOException {
        List<String> out = new ArrayList<>();
        SyslogHeader h = new SyslogHeader();
        try (InputStream in = YearInferenceTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                s.scan(b, 0, b.length, h);
                out.add(h.instant().toString());
            }
        }
        return out;
    }

    @Test
    void fileSpanningTheNewYearRollsOverOnce() throws IOException {
        SyslogScanner s = SyslogScanner.builder().zone(ZoneOffset.UTC).build();
        s.startSource(Instant.parse("2027-01-01T00:10:00Z"));
        assertThat(instants(s, "/syslog/new-year.log")).containsExactly(
                "2026-12-31T23:59:58Z",
                "2026-12-31T23:59:59Z",
                "2027-01-01T00:00:00Z",
                "2027-01-01T00:00:05Z");
        assertThat(s.yearInference().rollovers()).isEqualTo(1);
        assertThat(s.yearInference().currentYear()).isEqualTo(2027);
    }

    @Test
    void outOfOrderLinesAroundMidnightKeepTheirYear() {
        YearInference y = ref("2027-01-02T00:00:00Z");
        assertThat(years(y,
                "Dec 31 23:59:58",
                "Jan  1 00:00:01",   // the turn of the year
                "Dec 31 23:59:59",   // late line from before the turn
                "Jan  1 00:00:02",
                "Dec 31 23:59:30",   // later still
                "Jan  1 00:00:03"))
                .containsExactly(2026, 2027, 2026, 2027, 2026, 2027);
        assertThat(y.rollovers()).isEqualTo(1);
        assertThat(y.currentYear()).isEqualTo(2027);
    }

    @Test
    void smallBackwardStepsNeverRollOver() {
        YearInference y = ref("2027-01-02T00:00:00Z");
        assertThat(years(y,
                "Dec 31 23:59:59",
                "Dec 31 23:50:00",   // ten minutes back
                "Dec 31 20:00:00",   // hours back
                "Dec 31 23:59:59",
                "Dec 29 12:00:00",   // days back
                "Dec 31 23:59:59"))
                .containsOnly(2026);
        assertThat(y.rollovers()).isZero();
    }

    @Test
    void explicitYearIsTheFirstLinesYearAndStillRollsOver() {
        assertThat(years(YearInference.ofYear(2019), "Mar  1 10:00:00", "Mar  2 10:00:00"))
                .containsExactly(2019, 2019);
        // explicit years ignore the reference: a "future" date is fine
        assertThat(years(YearInference.ofYear(2019), "Dec 30 10:00:00", "Dec 31 23:00:00", "Jan  1 01:00:00"))
                .containsExactly(2019, 2019, 2020);
        SyslogScanner s = SyslogScanner.builder().zone(ZoneOffset.UTC).year(2019).build();
        s.startSource(Instant.parse("2030-06-01T00:00:00Z")); // ignored
        SyslogHeader h = new SyslogHeader();
        byte[] b = "Jul  4 10:00:00 h p: m".getBytes(StandardCharsets.UTF_8);
        s.scan(b, 0, b.length, h);
        assertThat(h.instant()).isEqualTo(Instant.parse("2019-07-04T10:00:00Z"));
        assertThat(s.yearInference().explicitYear()).isTrue();
        assertThatThrownBy(() -> YearInference.ofYear(0)).hasMessageContaining("[0]");
        assertThatThrownBy(() -> SyslogScanner.builder().year(10_000)).hasMessageContaining("[10000]");
    }

    @Test
    void fileModificationTimeIsTheDefaultReference() throws IOException {
        Path log = dir.resolve("maillog");
        Files.writeString(log, "Mar  4 10:00:00 h p: m\n");
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2027-03-05T12:00:00Z")));
        assertThat(years(YearInference.forFile(log, ZoneOffset.UTC), "Mar  4 10:00:00")).containsExactly(2027);
        // within the grace after the reference: still this year
        assertThat(years(YearInference.forFile(log, ZoneOffset.UTC), "Mar  6 11:00:00")).containsExactly(2027);
        // beyond it: the line cannot be from the future, so it is last year's
        assertThat(years(YearInference.forFile(log, ZoneOffset.UTC), "Mar  6 13:00:00")).containsExactly(2026);
        assertThat(years(YearInference.forFile(log, ZoneOffset.UTC), "Dec 24 13:00:00")).containsExactly(2026);
    }

    @Test
    void fileEntirelyInThePreviousYear() {
        YearInference y = ref("2027-01-10T08:00:00Z");
        assertThat(years(y, "Jun  1 00:00:00", "Aug 15 12:00:00", "Oct  3 01:02:03", "Dec 30 23:59:59"))
                .containsOnly(2026);
        assertThat(y.rollovers()).isZero();
    }

    @Test
    void severalYearsInOneFile() {
        YearInference y = ref("2027-02-01T00:00:00Z");
        assertThat(years(y, "Nov  1 00:00:00", "Mar  1 00:00:00", "Jul  1 00:00:00", "Nov  1 00:00:00",
                "Mar  1 00:00:00", "Jul  1 00:00:00", "Oct  1 00:00:00", "Jan 20 00:00:00"))
                .as("first line Nov 1 2027 would be in the future: 2026; then every turn counts")
                .containsExactly(2026, 2027, 2027, 2027, 2028, 2028, 2028, 2029);
        assertThat(y.rollovers()).isEqualTo(3);
    }

    @Test
    void aForwardJumpOfMoreThanHalfAYearIsReadAsTheYearBefore() {
        // documented trade-off: a late line from before the turn wins over a months-long silence
        YearInference y = ref("2027-12-31T00:00:00Z");
        assertThat(years(y, "Jan  5 00:00:00", "Sep  1 00:00:00", "Jan  6 00:00:00"))
                .containsExactly(2027, 2026, 2027);
    }

    @Test
    void leapDayFromTheReferenceGoesBackToTheLatestLeapYear() {
        assertThat(years(ref("2027-06-01T00:00:00Z"), "Feb 29 12:00:00")).containsExactly(2024);
        assertThat(years(ref("2028-03-10T00:00:00Z"), "Feb 29 12:00:00")).containsExactly(2028);
        // Feb 29 2028 is still weeks ahead of the reference: the one before
        assertThat(years(ref("2028-02-01T00:00:00Z"), "Feb 29 12:00:00")).containsExactly(2024);
    }

    @Test
    void leapDayInACommonYearIsReadAsMarchFirstFlaggedAndCounted() {
        YearInference y = YearInference.ofYear(2027);
        SyslogScanner s = SyslogScanner.builder().zone(ZoneOffset.UTC).build();
        s.startSource(y);
        SyslogHeader h = new SyslogHeader();
        byte[] feb28 = "Feb 28 12:00:00 h p: m".getBytes(StandardCharsets.UTF_8);
        s.scan(feb28, 0, feb28.length, h);
        assertThat(h.dateAdjusted()).isFalse();
        byte[] feb29 = "Feb 29 12:00:00 h p: m".getBytes(StandardCharsets.UTF_8);
        s.scan(feb29, 0, feb29.length, h);
        assertThat(h.format()).isEqualTo(SyslogFormat.RFC3164);
        assertThat(h.dateAdjusted()).isTrue();
        assertThat(h.instant()).isEqualTo(Instant.parse("2027-03-01T12:00:00Z"));
        assertThat(y.adjustedDates()).isEqualTo(1);
        // across a turn into a leap year it is a real date
        YearInference y2 = YearInference.ofYear(2027);
        assertThat(years(y2, "Dec 31 00:00:00", "Feb 29 00:00:00")).containsExactly(2027, 2028);
        assertThat(y2.adjustedDates()).isZero();
    }

    @Test
    void referenceYearIsTakenInTheConfiguredZone() {
        // 2026-12-31T23:30Z is already 2027-01-01 12:30 in Auckland
        YearInference y = YearInference.relativeTo(Instant.parse("2026-12-31T23:30:00Z"), ZoneId.of("Pacific/Auckland"));
        assertThat(years(y, "Jan  1 12:00:00")).containsExactly(2027);
        YearInference utc = ref("2026-12-31T23:30:00Z");
        assertThat(years(utc, "Jan  1 12:00:00")).containsExactly(2026);
    }

    @Test
    void startSourceResetsTheYearPerFile() {
        SyslogScanner s = SyslogScanner.builder().zone(ZoneOffset.UTC).build();
        SyslogHeader h = new SyslogHeader();
        byte[] dec = "Dec 31 23:00:00 h p: m".getBytes(StandardCharsets.UTF_8);
        byte[] jan = "Jan  2 01:00:00 h p: m".getBytes(StandardCharsets.UTF_8);
        s.startSource(Instant.parse("2027-01-03T00:00:00Z"));
        s.scan(dec, 0, dec.length, h);
        s.scan(jan, 0, jan.length, h);
        assertThat(h.instant()).isEqualTo(Instant.parse("2027-01-02T01:00:00Z"));
        // the next (older) file of a rotated set starts afresh from its own modification time
        s.startSource(Instant.parse("2026-01-03T00:00:00Z"));
        s.scan(jan, 0, jan.length, h);
        assertThat(h.instant()).isEqualTo(Instant.parse("2026-01-02T01:00:00Z"));
    }
}
