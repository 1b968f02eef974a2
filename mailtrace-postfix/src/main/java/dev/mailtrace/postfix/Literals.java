package dev.mailtrace.postfix;

import static dev.mailtrace.postfix.Bytes.ascii;

/**
 * The literals that more than one line family reads: separators, the leading words both
 * dispatchers test, and the keys of the {@code key=value} lists. A literal only one family reads
 * stays in that family's class.
 */
final class Literals {

    private Literals() {
    }

    // separators
    static final byte[] COLON_SP = ascii(": ");
    static final byte[] FROM_ = ascii(" from ");
    static final byte[] FROM_SP = ascii("from ");
    static final byte[] TO_ = ascii("to ");
    static final byte[] SP_TO_ = ascii(" to ");
    static final byte[] AFTER_ = ascii(" after ");
    static final byte[] FOR_ = ascii(" for ");
    static final byte[] UNKNOWN = ascii("unknown");

    // leading words of lines with and without a queue id
    static final byte[] NOQUEUE = ascii("NOQUEUE");
    static final byte[] HOST_ = ascii("host ");
    static final byte[] LOST_CONNECTION = ascii("lost connection");
    static final byte[] TIMEOUT = ascii("timeout");
    static final byte[] TOO_MANY_ERRORS = ascii("too many errors");
    static final byte[] BARE_LF = ascii("bare <LF> received");
    static final byte[] DISCARDING_EHLO = ascii("discarding EHLO keywords: ");

    // keys of delivery, client and envelope lists
    static final byte[] K_TO = ascii("to");
    static final byte[] K_SASL_METHOD = ascii("sasl_method");
    static final byte[] K_SASL_USERNAME = ascii("sasl_username");
    static final byte[] K_SASL_SENDER = ascii("sasl_sender");
}
