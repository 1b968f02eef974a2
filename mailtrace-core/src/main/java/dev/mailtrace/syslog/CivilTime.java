package dev.mailtrace.syslog;

/**
 * Proleptic Gregorian calendar arithmetic on primitives, without {@code java.time} objects, for
 * the per-line path (Howard Hinnant's {@code days_from_civil}).
 */
final class CivilTime {

    static final int SECONDS_PER_DAY = 86_400;

    /** Days before the first of each month (1-based index) in a leap year: a total order on dates. */
    private static final int[] LEAP_DAYS_BEFORE_MONTH = {0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};

    private CivilTime() {
    }

    /**
     * Days from 1970-01-01 to {@code year-month-day}. Lenient: a day beyond the month's length
     * (Feb 29 of a common year) runs on into the next month.
     */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1L : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Local seconds since 1970-01-01T00:00 of the given date and second of the day. */
    static long localEpochSecond(int year, int month, int day, int secondOfDay) {
        return epochDay(year, month, day) * SECONDS_PER_DAY + secondOfDay;
    }

    /** The year of the day {@code epochDay} days after 1970-01-01. */
    static int yearOfEpochDay(long epochDay) {
        long z = epochDay + 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long month = mp < 10 ? mp + 3 : mp - 9;
        return (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    }

    static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Whether {@code day} exists in {@code month} of some year (Feb 29 included). */
    static boolean validMonthDay(int month, int day) {
        if (day < 1 || month < 1 || month > 12) {
            return false;
        }
        return day <= (month == 2 ? 29 : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31);
    }

    /** Whether the date exists in that year. */
    static boolean validDate(int year, int month, int day) {
        return validMonthDay(month, day) && (month != 2 || day != 29 || isLeap(year));
    }

    /** 0-based day of a leap year: orders month/day pairs without knowing the year. */
    static int leapDayOfYear(int month, int day) {
        return LEAP_DAYS_BEFORE_MONTH[month] + day - 1;
    }
}
