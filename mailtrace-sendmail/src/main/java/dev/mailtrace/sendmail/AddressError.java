package dev.mailtrace.sendmail;

import java.util.Locale;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;

/**
 * Sendmail refused an address and logged its error reply without the code (err.c {@code usrerr}):
 * {@code 55HIbcGI002794: <baduser@example.com>... User unknown}, {@code <x@example.org>... No such
 * user here}, {@code <a@example.net>... Domain of sender address a@example.net does not exist}. A
 * {@link Rejection}: the address is the recipient, or the sender when the text speaks of the sender.
 *
 * @param queueId the queue id, or null
 * @param address the address without angle brackets
 * @param text the error text after {@code ... }
 */
public record AddressError(String queueId, String address, String text) implements Rejection {

    /** {@code sendmail/address_error}. */
    public static final EventType TYPE = F.type("address_error",
            "sendmail refused an address and logged its error reply without the code (address... User unknown)",
            F.QUEUE_ID, FieldSpec.keyword("address", "the address refused, without <>"), F.REASON_TEXT, F.REASON);

    private boolean aboutSender() {
        return text != null && text.toLowerCase(Locale.ROOT).contains("sender");
    }

    @Override
    public Client client() {
        return null;
    }

    @Override
    public String stage() {
        return null;
    }

    @Override
    public int code() {
        return -1;
    }

    @Override
    public String dsn() {
        return null;
    }

    @Override
    public String reasonText() {
        return text;
    }

    @Override
    public RejectReason reason() {
        return Reasons.classify(-1, null, text);
    }

    @Override
    public String sender() {
        return aboutSender() ? address : null;
    }

    @Override
    public String recipient() {
        return aboutSender() ? null : address;
    }

    @Override
    public String helo() {
        return null;
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "address", address);
        F.str(out, "reason_text", text);
        out.string("reason", reason().label());
    }
}
