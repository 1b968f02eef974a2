package dev.mailtrace.event;

/** The Message-ID header of a queued message: the key that follows a mail across servers. */
public interface MessageIdentified extends QueueEvent {
    /** The Message-ID without angle brackets. */
    String messageId();
}
