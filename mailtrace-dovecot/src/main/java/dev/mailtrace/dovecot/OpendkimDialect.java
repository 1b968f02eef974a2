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
 * The opendkim dialect: signatures added, verification results and the reasons a message was not
 * signed, as {@link dev.mailtrace.event.FilterVerdict}s keyed by the MTA queue id opendkim logs
 * ({@code 4F9D195432C: DKIM-Signature field added (s=mail, d=example.org)}); other lines as notices.
 *
 * <p>Hand-written byte scanner; stateless and thread-safe; never throws on bad input.
 */
public final class OpendkimDialect implements LogDialect {

    /** The dialect's name. */
    public static final String NAME = "opendkim";

    /** {@code opendkim/notice}. */
    public static final EventType NOTICE = FilterNotice.type(NAME, false);

    static final FieldSpec SELECTOR = FieldSpec.keyword("selector", "DKIM selector (s=)");
    static final FieldSpec DOMAIN = FieldSpec.keyword("domain", "DKIM signing domain (d=)");

    private static final List<EventType> EVENT_TYPES = List.of(DkimSignature.TYPE, DkimVerification.TYPE,
            DkimNotSigned.TYPE, NOTICE);

    /** Created by {@link java.util.ServiceLoader} or directly; stateless. */
    public OpendkimDialect() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> programs() {
        return Set.of("opendkim");
    }

    @Override
    public List<EventType> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
        return OpendkimParser.parse(line.bytes(), line.messageStart(), line.messageEnd(), out);
    }

    @Override
    public String toString() {
        return "OpendkimDialect";
    }
}
