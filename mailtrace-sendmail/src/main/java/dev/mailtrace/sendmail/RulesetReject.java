package dev.mailtrace.sendmail;

import dev.mailtrace.event.LineRejection;

/**
 * A {@link Ruleset} that rejected incoming mail: a {@link dev.mailtrace.event.Rejection}. Its type
 * and fields are the line's.
 *
 * @param line the line
 */
public record RulesetReject(Ruleset line) implements LineRejection<Ruleset> {
}
