package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.RejectReason;

/**
 * A line that may refuse ({@link Ruleset}, {@link Milter}): the fields {@link RefusalEvent} reads.
 */
interface Refusal extends LogEvent {

    String queueId();

    Client client();

    String stage();

    int code();

    String dsn();

    String reasonText();

    RejectReason reason();

    String sender();

    String recipient();

    String helo();
}
