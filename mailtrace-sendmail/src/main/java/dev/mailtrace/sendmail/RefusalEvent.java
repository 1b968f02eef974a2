package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;

/**
 * A {@link Rejection} that wraps one of our refusing lines: its type, fields and rejection data
 * are the line's.
 *
 * @param <L> the kind of line
 */
interface RefusalEvent<L extends Refusal> extends Rejection {

    /** The line that refused. */
    L line();

    @Override
    default EventType type() {
        return line().type();
    }

    @Override
    default void writeFields(FieldWriter out) {
        line().writeFields(out);
    }

    @Override
    default String queueId() {
        return line().queueId();
    }

    @Override
    default Client client() {
        return line().client();
    }

    @Override
    default String stage() {
        return line().stage();
    }

    @Override
    default int code() {
        return line().code();
    }

    @Override
    default String dsn() {
        return line().dsn();
    }

    @Override
    default String reasonText() {
        return line().reasonText();
    }

    @Override
    default RejectReason reason() {
        return line().reason();
    }

    @Override
    default String sender() {
        return line().sender();
    }

    @Override
    default String recipient() {
        return line().recipient();
    }

    @Override
    default String helo() {
        return line().helo();
    }
}
