package dev.mailtrace.event;

/**
 * A TLS session was set up on an SMTP connection (postfix {@code Anonymous TLS connection
 * established from mail.example.org[192.0.2.1]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384
 * (256/256 bits)}, sendmail {@code STARTTLS=server, ... version=TLSv1.3, cipher=..., bits=256}).
 *
 * <p>It names no queue id: the transaction aggregator attaches it to the next message accepted
 * (a {@link MessageAccepted}) by the same process (host, program and pid) from the same client
 * address, as MTAs that serve one connection per process (postfix smtpd, sendmail) log it.
 */
public interface TlsEstablished extends LogEvent {

    /**
     * The SMTP client when this host was the server; null when this host was the client (an
     * outgoing connection), which the aggregator does not attach to transactions.
     */
    Client client();

    /** The protocol version: {@code TLSv1.3}, ... or null. */
    String version();

    /** The cipher suite, or null. */
    String cipher();

    /** The cipher's effective bits, or -1. Default: -1. */
    default int cipherBits() {
        return -1;
    }
}
