package dev.mailtrace.dovecot;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * The milter-greylist dialect: greylisted (delayed), autowhitelisted, blacklisted and whitelisted
 * decisions as {@link dev.mailtrace.event.FilterVerdict}s keyed by the MTA queue id when the milter
 * knew one; other lines (start-up, expired entries, errors) as notices.
 *
 * <p>Hand-written byte scanner; stateless and thread-safe; never throws on bad input.
 */
public final class GreylistDialect implements LogDialect {

    /** The dialect's name. */
    public static final String NAME = "milter_greylist";

    /** {@code milter_greylist/notice}. */
    public static final EventType NOTICE = FilterNotice.type(NAME, false);

    private static final List<EventType> EVENT_TYPES = List.of(GreylistVerdict.TYPE, NOTICE);

    /** Created by {@link java.util.ServiceLoader} or directly; stateless. */
    public GreylistDialect() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> programs() {
        return Set.of("milter-greylist");
    }

    @Override
    public List<EventType> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        return GreylistParser.parse(line.bytes(), line.messageStart(), line.messageEnd(), out);
    }

    @Override
    public String toString() {
        return "GreylistDialect";
    }
}
