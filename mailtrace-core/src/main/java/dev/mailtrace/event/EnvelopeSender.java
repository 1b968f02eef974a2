package dev.mailtrace.event;

/** The envelope sender and size of a queued message (postfix qmgr {@code from=<>, size=, nrcpt=}). */
public interface EnvelopeSender extends QueueEvent {
    /** The envelope sender; empty for the null sender of bounces. */
    String sender();

    /** Size in bytes, or -1. */
    long size();

    /** Number of recipients, or -1. */
    int recipientCount();
}
