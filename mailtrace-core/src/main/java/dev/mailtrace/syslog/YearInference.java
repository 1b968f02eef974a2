package dev.mailtrace.syslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Gives RFC 3164 timestamps ({@code Nov 24 10:04:05}, no year) their year. One instance per file
 * or stream, fed its lines in file order; it keeps the year of the previous line.
 *
 * <p><b>First line.</b> With an explicit year ({@link #ofYear}, the CLI's {@code --year}) the first
 * line is in that year. Otherwise the reference (the file's modification time by default: a log
 * file is last written after its last line) decides: the first line is in the reference's year,
 * unless that puts it more than {@value #GRACE_HOURS} hours after the reference (clock skew,
 * zone mismatches), in which case it is in the year before. A file whose lines all lie in the
 * previous year thus reads correctly however long ago it was written, as long as it was last
 * modified within a year of its first line.
 *
 * <p><b>Following lines.</b> Times are compared with the previous line's, in local time:
 * <ul>
 *   <li>a step back of more than half a year ({@value #HALF_YEAR_DAYS} days) is the turn of the
 *       year: {@code Dec 31 23:59:59} then {@code Jan 1 00:00:00} moves to the next year, and
 *       the year stays there;</li>
 *   <li>a step forward of more than half a year is a late line from before the turn
 *       ({@code Jan 1 00:00:01}, then a delayed {@code Dec 31 23:59:59}): it gets the previous
 *       year, and the state is unchanged;</li>
 *   <li>anything else, in particular small steps back (out-of-order lines, minutes or hours),
 *       stays in the current year.</li>
 * </ul>
 * So no false rollover comes from lines out of order, and a file that spans the new year (or
 * several) is dated right. An explicit year is the year of the first line; later lines still roll
 * over.
 *
 * <p><b>Feb 29.</b> When the reference decides, a first line on Feb 29 goes back to the latest
 * leap year not after the reference's year. When continuity decides and the year is not a leap
 * year, the date is read leniently as March 1 and the line is flagged
 * ({@link SyslogHeader#dateAdjusted()}) and counted ({@link #adjustedDates()}).
 *
 * <p>Not thread-safe; cheap: a few integer operations per line.
 */
public final class YearInference {

    /** How far (in hours) the first line may lie after the reference and still be in the reference's year. */
    public static final int GRACE_HOURS = 24;
    /** A jump of more than this many days between consecutive lines changes the year. */
    public static final int HALF_YEAR_DAYS = 183;

    private static final long GRACE = GRACE_HOURS * 3600L;
    private static final long HALF_YEAR = HALF_YEAR_DAYS * (long) CivilTime.SECONDS_PER_DAY;

    private final boolean explicit;
    private final int explicitYear;
    /** Reference in local seconds since the epoch (only without explicit year). */
    private final long referenceLocal;

    private boolean started;
    private int year;
    private long lastLocal;
    /** Year of the last resolved line (not necessarily {@link #year}: late lines). */
    private int lastYear;
    private boolean lastAdjusted;
    private long rollovers;
    private long adjustedDates;

    /** The last date converted, and its epoch day: consecutive lines mostly share their date. */
    private int cachedYear = Integer.MIN_VALUE;
    private int cachedMonth;
    private int cachedDay;
    private long cachedEpochDay;

    private YearInference(boolean explicit, int explicitYear, long referenceLocal) {
        this.explicit = explicit;
        this.explicitYear = explicitYear;
        this.referenceLocal = referenceLocal;
    }

    /** The first line is in {@code year}; later lines roll over at the turn of the year. */
    public static YearInference ofYear(int year) {
        return new YearInference(true, checkYear(year), 0);
    }

    /**
     * {@code year} if it is one a log can name, for the builders that take an explicit year.
     *
     * @throws IllegalArgumentException if it is not in {@code [1, 9999]}
     */
    public static int checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year [" + year + "] out of range [1, 9999]");
        }
        return year;
    }

    /** The first line is in the year of {@code reference} (a file's modification time) in {@code zone}, or the year before. */
    public static YearInference relativeTo(Instant reference, ZoneId zone) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(zone, "zone");
        long local = reference.getEpochSecond() + zone.getRules().getOffset(reference).getTotalSeconds();
        return new YearInference(false, 0, local);
    }

    /** As {@link #relativeTo}, with the current time: for standard input and live streams. */
    public static YearInference relativeToNow(ZoneId zone) {
        return relativeTo(Instant.now(), zone);
    }

    /** As {@link #relativeTo}, with the file's last-modified time: the default for files. */
    public static YearInference forFile(Path file, ZoneId zone) throws IOException {
        return relativeTo(Files.getLastModifiedTime(file).toInstant(), zone);
    }

    /**
     * The year of a line dated {@code month}/{@code day} at {@code secondOfDay}, advancing the
     * state by that line. Month and day must form a date of some year (Feb 29 included).
     */
    public int year(int month, int day, int secondOfDay) {
        resolveLocal(month, day, secondOfDay);
        return lastYear;
    }

    /**
     * Resolves the year of a line and returns its local seconds since the epoch; the year is then
     * in {@link #lastYear} and {@link #lastAdjusted()} tells whether Feb 29 was moved.
     */
    long resolveLocal(int month, int day, int secondOfDay) {
        if (!CivilTime.validMonthDay(month, day) || secondOfDay < 0 || secondOfDay > CivilTime.SECONDS_PER_DAY) {
            throw new IllegalArgumentException("no such date: month " + month + " day " + day + " second " + secondOfDay);
        }
        if (!started) {
            int y;
            if (explicit) {
                y = explicitYear;
            } else {
                y = CivilTime.yearOfEpochDay(Math.floorDiv(referenceLocal, CivilTime.SECONDS_PER_DAY));
                if (local(y, month, day, secondOfDay) > referenceLocal + GRACE) {
                    y--;
                }
                if (month == 2 && day == 29) {
                    while (!CivilTime.isLeap(y)) {
                        y--;
                    }
                }
            }
            started = true;
            year = y;
            lastLocal = local(y, month, day, secondOfDay);
            return result(y, month, day, lastLocal);
        }
        long t = local(year, month, day, secondOfDay);
        if (t < lastLocal - HALF_YEAR) {
            year++;
            rollovers++;
            t = local(year, month, day, secondOfDay);
            lastLocal = t;
            return result(year, month, day, t);
        }
        if (t > lastLocal + HALF_YEAR) {
            // a late line from before the turn of the year; the state stays where it is
            return result(year - 1, month, day, local(year - 1, month, day, secondOfDay));
        }
        lastLocal = t;
        return result(year, month, day, t);
    }

    private long local(int y, int month, int day, int secondOfDay) {
        if (y != cachedYear || month != cachedMonth || day != cachedDay) {
            cachedEpochDay = CivilTime.epochDay(y, month, day);
            cachedYear = y;
            cachedMonth = month;
            cachedDay = day;
        }
        return cachedEpochDay * CivilTime.SECONDS_PER_DAY + secondOfDay;
    }

    private long result(int y, int month, int day, long local) {
        lastYear = y;
        lastAdjusted = month == 2 && day == 29 && !CivilTime.isLeap(y);
        if (lastAdjusted) {
            adjustedDates++;
        }
        return local;
    }

    /** Whether the last resolved date did not exist in its year (Feb 29) and was read as March 1. */
    boolean lastAdjusted() {
        return lastAdjusted;
    }

    /** The current year: that of the latest line in file order (0 before the first line). */
    public int currentYear() {
        return started ? year : 0;
    }

    /** How many times the year advanced at a turn of the year. */
    public long rollovers() {
        return rollovers;
    }

    /** How many dates did not exist in their year (Feb 29) and were read as March 1. */
    public long adjustedDates() {
        return adjustedDates;
    }

    /** Whether the first line's year is given rather than inferred from a reference. */
    public boolean explicitYear() {
        return explicit;
    }
}
