package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * postscreen's or verify's cache clean-up: {@code cache btree:/var/lib/postfix/psc_cache full
 * cleanup: retained=242 dropped=7 entries}.
 *
 * @param cache the table
 * @param cleanup {@code full} or {@code partial}
 * @param retained entries kept, or -1
 * @param dropped entries dropped, or -1
 */
public record CacheCleanup(String cache, String cleanup, long retained, long dropped) implements LogEvent {

    /** {@code postfix/cache_cleanup}. */
    public static final EventType TYPE = F.type("cache_cleanup", "postscreen/verify cache clean-up statistics",
            FieldSpec.keyword("cache", "the cache table"), FieldSpec.keyword("cleanup", "full or partial"),
            FieldSpec.number("retained", "entries kept"), FieldSpec.number("dropped", "entries dropped"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "cache", cache);
        F.str(out, "cleanup", cleanup);
        out.count("retained", retained);
        out.count("dropped", dropped);
    }
}
