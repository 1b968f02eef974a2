package dev.mailtrace.event;

/** The message left the queue (postfix qmgr {@code removed}): its transaction is complete. */
public interface MessageRemoved extends QueueEvent {
}
