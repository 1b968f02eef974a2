package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * scache's connection cache statistics: {@code statistics: start interval Oct 22 02:13:41},
 * {@code statistics: domain lookup hits=0 miss=1 success=0%}, {@code statistics: max simultaneous
 * domains=1 addresses=1 connection=1}.
 *
 * @param lookup {@code domain} or {@code address} for lookup statistics, or null
 * @param hits lookups that found a cached connection, or -1
 * @param miss lookups that did not, or -1
 * @param success hit percentage, or -1
 * @param domains peak cached domains, or -1
 * @param addresses peak cached addresses, or -1
 * @param connections peak cached connections, or -1
 * @param startInterval when the reporting interval started, as logged, or null
 */
public record Scache(String lookup, long hits, long miss, long success, long domains, long addresses,
        long connections, String startInterval) implements LogEvent {

    /** {@code postfix/scache}. */
    public static final EventType TYPE = F.type("scache", "scache: connection cache statistics",
            FieldSpec.keyword("lookup", "domain or address"), FieldSpec.number("hits", "lookups that hit"),
            FieldSpec.number("miss", "lookups that missed"), FieldSpec.number("success", "hit percentage"),
            FieldSpec.number("domains", "peak cached domains"), FieldSpec.number("addresses", "peak cached addresses"),
            FieldSpec.number("connections", "peak cached connections"),
            FieldSpec.keyword("start_interval", "start of the reporting interval, as logged"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "lookup", lookup);
        out.count("hits", hits);
        out.count("miss", miss);
        out.count("success", success);
        out.count("domains", domains);
        out.count("addresses", addresses);
        out.count("connections", connections);
        F.str(out, "start_interval", startInterval);
    }
}
