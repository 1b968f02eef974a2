package dev.mailtrace.event;

/**
 * A {@link Rejection} that is one refusing line of a dialect: its type, fields and rejection data
 * are the line's, unless the implementing record overrides one (a stage the line implies, say).
 * Dialects implement it with a one-component record, {@code record MilterReject(Milter line)
 * implements LineRejection<Milter>}, created only for lines that refused.
 *
 * @param <L> the kind of line
 */
public interface LineRejection<L extends RejectionFields> extends Rejection {

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
