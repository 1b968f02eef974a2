package dev.mailtrace.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times of {@code --since} and {@code --until}, as people type them: a day
 * ({@code 2026-11-24}: from its start, or until its end), a local time ({@code 2026-11-24 10:04},
 * {@code 2026-11-24T10:04:05}) in the {@code --tz} zone, an ISO-8601 time with offset
 * ({@code 2026-11-24T10:04:05+01:00}, {@code ...Z}), or a duration back from now ({@code 30m},
 * {@code 2h}, {@code 3d}, {@code 1w}).
 */
final class TimeBound {

    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*(s|m|min|h|d|w)");

    private TimeBound() {
    }

    /**
     * @param option the option's name, for messages
     * @param upper whether this is an upper bound (a day then means until its end)
     * @param now the current time, for durations
     */
    static Instant parse(String option, String value, ZoneId zone, boolean upper, Instant now) {
        String v = value.trim();
        Matcher m = AGO.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (upper ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            String iso = v.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(iso).toInstant();
            }
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, option + ": invalid time [" + value + "]; expected a day"
                    + " (2026-11-24), a local time (2026-11-24 10:04[:05]), an ISO-8601 time with offset"
                    + " (2026-11-24T10:04:05+01:00) or a duration back from now (30m, 2h, 3d, 1w)");
        }
    }
}
