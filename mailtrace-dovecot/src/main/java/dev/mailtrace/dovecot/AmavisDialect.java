package dev.mailtrace.dovecot;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * The amavis dialect (amavisd-new 2.x, amavis 2.12+): the main {@code Passed}/{@code Blocked} entry
 * of each message as a {@link dev.mailtrace.event.FilterVerdict} that links the MTA's pre-filter
 * queue id ({@code Queue-ID:}) to the post-filter one ({@code queued_as:}), SpamAssassin's
 * {@code SPAM-TAG} line, and every other line as a notice (with amavis's log id and its
 * {@code (!)}/{@code (!!)} warning and error marks).
 *
 * <p>Hand-written byte scanner; stateless and thread-safe; never throws on bad input.
 */
public final class AmavisDialect implements LogDialect {

    /** The dialect's name. */
    public static final String NAME = "amavis";

    /** {@code amavis/notice}. */
    public static final EventType NOTICE = FilterNotice.type(NAME, true);

    private static final List<EventType> EVENT_TYPES = List.of(AmavisVerdict.TYPE, AmavisSpamTag.TYPE, NOTICE);

    /** Created by {@link java.util.ServiceLoader} or directly; stateless. */
    public AmavisDialect() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code amavis}, {@code amavisd}, {@code amavisd-new}, and the same run by path ({@code /usr/sbin/amavisd}). */
    @Override
    public Set<String> programs() {
        return Set.of("amavis", "amavisd", "amavisd-new", "*/amavisd", "*/amavisd-new", "*/amavis");
    }

    @Override
    public List<EventType> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        return AmavisParser.parse(line.bytes(), line.messageStart(), line.messageEnd(), out);
    }

    @Override
    public String toString() {
        return "AmavisDialect";
    }
}
