package dev.mailtrace.parse;

import dev.mailtrace.event.LogEvent;

/** Receives each event with the line it came from, in input order. */
@FunctionalInterface
public interface EventListener {
    /**
     * One event.
     *
     * @param line the line; valid only during this call
     * @param event the event; immutable, may be kept
     */
    void event(ParsedLine line, LogEvent event);
}
