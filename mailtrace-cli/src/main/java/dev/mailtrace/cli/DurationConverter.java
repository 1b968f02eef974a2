package dev.mailtrace.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations as people write them on command lines: {@code 250ms}, {@code 2s},
 * {@code 1.5s}, {@code 1m}, {@code 500us}, {@code 0} (none); ISO-8601 ({@code PT2S}) too. A bare
 * number other than 0 is rejected: milliseconds or seconds would both be a plausible guess.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            double nanosPerUnit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            return Duration.ofNanos(Math.round(Double.parseDouble(m.group(1)) * nanosPerUnit));
        }
        if (v.startsWith("p")) {
            try {
                Duration d = Duration.parse(value.trim());
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // fall through to the message below
            }
        }
        throw new TypeConversionException("invalid duration [" + value
                + "]: expected a number with a unit (ns, us, ms, s, m, h) such as 250ms or 2s, or 0 for none");
    }
}
