package dev.mailtrace.dovecot;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * The MailScanner dialect: spam verdicts, viruses found, spam actions and the re-queueing that links
 * the pre- and post-filter transactions, as {@link dev.mailtrace.event.FilterVerdict}s keyed by the
 * MTA queue id; batch statistics and other lines as notices.
 *
 * <p>Hand-written byte scanner; stateless and thread-safe; never throws on bad input.
 */
public final class MailScannerDialect implements LogDialect {

    /** The dialect's name. */
    public static final String NAME = "mailscanner";

    /** {@code mailscanner/notice}. */
    public static final EventType NOTICE = FilterNotice.type(NAME, false);

    static final FieldSpec MS_ID = FieldSpec.keyword("ms_id", "MailScanner's message id (queue id and suffix)");

    private static final List<EventType> EVENT_TYPES = List.of(MailScannerSpamCheck.TYPE, MailScannerVirus.TYPE,
            MailScannerActions.TYPE, MailScannerRequeue.TYPE, NOTICE);

    /** Created by {@link java.util.ServiceLoader} or directly; stateless. */
    public MailScannerDialect() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> programs() {
        return Set.of("MailScanner", "mailscanner");
    }

    @Override
    public List<EventType> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        return MailScannerParser.parse(line.bytes(), line.messageStart(), line.messageEnd(), out);
    }

    @Override
    public String toString() {
        return "MailScannerDialect";
    }
}
