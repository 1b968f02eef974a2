package dev.mailtrace.event;

/**
 * The mailbox server's last word on a message for one recipient: it stored the message in a folder
 * (dovecot LMTP/LDA {@code msgid=<...>: saved mail to INBOX}, sieve {@code stored mail into mailbox
 * 'Junk'}), a mailbox filter forwarded or discarded it (sieve {@code forwarded to <...>}, sieve
 * {@code discard}), or storing it failed. This is the end of the message's way: it closes that
 * recipient's part of a message trace.
 *
 * <p><b>How the aggregator uses it:</b>
 * <ul>
 *   <li><b>Key</b>: ({@link #messageId()}, {@link #recipient()}). Find the message trace by
 *       message-id (the {@link MessageIdentified} of the MTA transactions), then the recipient in it
 *       whose last hop went to this host by LMTP or a local transport. Compare {@link #recipient()}
 *       with that attempt's {@link RecipientAttempt#recipient()} and
 *       {@link RecipientAttempt#originalRecipient()} case-insensitively; the mailbox server logs its
 *       <em>login</em> name, often the full address but possibly only the local part or another
 *       name, so fall back to the local part, and to the only LMTP recipient of the message when
 *       there is one.</li>
 *   <li><b>Stronger link</b> when {@link #sessionId()} is known: dovecot's LMTP answers
 *       {@code 250 2.0.0 <bob@example.org> Bp6VKJkD2l+LBQAAh/fGkg Saved}, which the MTA logs and its
 *       dialect reports as {@link RecipientAttempt#queuedAs()}; the same id is the session in
 *       dovecot's log prefix. Join (relay host, queuedAs) to (this host, sessionId) like a hop's
 *       queue id; it holds even without a Message-ID ({@code msgid=unspecified}).</li>
 *   <li><b>Outcome</b>: {@link #status()} is the recipient's final outcome at the mailbox:
 *       {@link DeliveryStatus#SENT} for stored or kept (with {@link #mailbox()}) and for forwarded
 *       ({@link #forwardedTo()} names the new address, where the trace may continue as a new
 *       submission of the same message-id); {@link DeliveryStatus#DISCARDED} for a discard;
 *       {@link DeliveryStatus#BOUNCED} when the mailbox filter rejected it (a bounce follows);
 *       {@link DeliveryStatus#DEFERRED} when saving failed (quota, permissions): then the MTA's own
 *       record of the LMTP reply, 4xx or 5xx, decides, and this event only adds the reason.</li>
 *   <li>One recipient may have several deliveries (sieve {@code fileinto} plus implicit keep,
 *       {@code fileinto :copy} plus {@code redirect}): keep them all; each final one is an end.</li>
 * </ul>
 */
public interface MailboxDelivery extends LogEvent {

    /** The Message-ID without angle brackets, or null when the mailbox server logged none ({@code unspecified}). */
    String messageId();

    /** The mailbox owner as the mailbox server names it (its login name: {@code bob@example.org}, {@code bob}), or null. */
    String recipient();

    /** The folder the message was stored in or left in ({@code INBOX}, {@code Junk}), or null. */
    String mailbox();

    /** The outcome for this recipient; see the class comment for the mapping. */
    DeliveryStatus status();

    /** For a forward: the address the message was forwarded to; else null. */
    String forwardedTo();

    /**
     * The mailbox server's delivery session id, which its LMTP reply to the MTA repeats
     * ({@code ... Bp6VKJkD2l+LBQAAh/fGkg Saved}), or null when not logged.
     */
    String sessionId();

    /** Why saving failed or the message was rejected, as logged; else null. */
    String reason();
}
