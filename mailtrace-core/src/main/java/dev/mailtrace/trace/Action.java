package dev.mailtrace.trace;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Any other event a dialect logged about a queued message: milter and header/body-check actions,
 * delivery errors, notices. Kept with all the event's fields, so a
 * new dialect's events appear in transactions without code here.
 *
 * @param time when it was logged
 * @param event the event type, {@code dialect/name} ({@code postfix/milter})
 * @param fields the event's fields as its dialect writes them (String, Long, Double or Boolean values), in order
 */
public record Action(Instant time, String event, Map<String, Object> fields) {

    public Action {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
