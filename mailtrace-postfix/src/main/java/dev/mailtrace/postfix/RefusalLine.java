package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.RejectReason;

/**
 * A line that may be a refusal ({@link SmtpdAction}, {@link Milter}, {@link HeaderCheck},
 * {@link Proxy}): the fields {@link RefusalEvent} reads. Lines that do not log a queue id, client
 * or stage keep the defaults.
 */
interface RefusalLine extends LogEvent {

    default String queueId() {
        return null;
    }

    default Client client() {
        return null;
    }

    default String stage() {
        return null;
    }

    int code();

    String dsn();

    String reasonText();

    RejectReason reason();

    String sender();

    String recipient();

    String helo();
}
