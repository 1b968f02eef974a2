package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A {@code warning:}, {@code error:}, {@code fatal:} or {@code panic:} line of any daemon:
 * {@code warning: 4F9D195432C: sender_canonical_maps map lookup problem ...},
 * {@code warning: hostname x does not resolve to address 192.0.2.1}. The client is filled in when
 * the text names one ({@code host[addr]: ...}, {@code ... from host[addr]},
 * {@code hostname H does not resolve to address A}, {@code A: address not listed for hostname H}).
 *
 * @param queueId the queue id, or null
 * @param level warning, error, fatal or panic
 * @param client the client the warning is about, or null
 * @param message the text after the level, queue id and client prefix
 */
public record Warning(String queueId, String level, Client client, String message) implements LogEvent {

    /** {@code postfix/warning}. */
    public static final EventType TYPE = F.type("warning", "a warning/error/fatal/panic line of any postfix program",
            F.QUEUE_ID, F.LEVEL, F.client("client"), F.MESSAGE);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "level", level);
        F.client(out, "client", client);
        F.str(out, "message", message);
    }
}
