package dev.mailtrace.spi;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;

/**
 * Understands the log lines of one program family (an MTA, a filter, a mailbox server) and turns
 * them into typed {@link LogEvent}s.
 *
 * <p>Dialects are found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.mailtrace.spi.LogDialect} (and {@code provides} it in
 * {@code module-info} if the jar is modular). A jar on the class path is all it takes; see
 * README "Writing a dialect". {@link DialectRegistry} dispatches lines to dialects by program.
 *
 * <p><b>Lifecycle:</b> one instance is created per registry and used by many threads at once, so
 * implementations must be thread-safe, ideally stateless. {@link #parse} is on the hot path: work
 * on the bytes, allocate only the events, never throw for bad input.
 */
public interface LogDialect {

    /** The dialect's name: {@code [a-z][a-z0-9_]*}, unique, e.g. {@code postfix}. */
    String name();

    /**
     * The programs (syslog tags without pid) this dialect claims. An entry is an exact name
     * ({@code dovecot}) or a pattern where {@code *} stands for any run of characters
     * ({@code postfix*}{@code /*} claims {@code postfix/smtpd} and multi-instance
     * {@code postfix-out/qmgr}). When several dialects claim a program, an exact claim wins over
     * a pattern, and a pattern with more literal characters wins over a shorter one.
     */
    Set<String> programs();

    /** The event types this dialect can produce, with their fields: for docs and mappings. */
    List<EventType> eventTypes();

    /**
     * Parses one line whose program this dialect claims.
     *
     * @param line the line; valid only during this call
     * @param out receives zero or more events, in order
     * @return true if the line was recognised (even if it produced no event), false if this
     *     dialect has no rule for it, in which case the caller records it as unknown
     */
    boolean parse(LogLine line, Consumer<? super LogEvent> out);
}
