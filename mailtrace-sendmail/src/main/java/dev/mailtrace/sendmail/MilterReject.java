package dev.mailtrace.sendmail;

import dev.mailtrace.event.LineRejection;

/**
 * A {@link Milter} that refused (reject or tempfail): a {@link dev.mailtrace.event.Rejection}. Its
 * type and fields are the line's.
 *
 * @param line the line
 */
public record MilterReject(Milter line) implements LineRejection<Milter> {
}
