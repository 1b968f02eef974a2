/**
 * mailtrace core: the grok engine on joni, log input and syslog framing, the dialect and sink SPIs,
 * the event model, lines to events, and transactions and message traces. No dialect or sink
 * implementation beyond NDJSON lives here; they are found through {@link java.util.ServiceLoader}.
 */
module dev.mailtrace.core {
    requires org.jruby.joni;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;

    exports dev.mailtrace.grok;
    exports dev.mailtrace.io;
    exports dev.mailtrace.syslog;
    exports dev.mailtrace.spi;
    exports dev.mailtrace.event;
    exports dev.mailtrace.parse;
    exports dev.mailtrace.trace;
    exports dev.mailtrace.sink;

    uses dev.mailtrace.spi.LogDialect;
    uses dev.mailtrace.sink.SinkProvider;

    provides dev.mailtrace.sink.SinkProvider with dev.mailtrace.sink.NdjsonSinkProvider;
}
