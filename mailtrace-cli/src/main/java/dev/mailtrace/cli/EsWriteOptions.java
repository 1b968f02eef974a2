package dev.mailtrace.cli;

import java.util.Map;

import dev.mailtrace.es.EsSink;
import picocli.CommandLine.Option;

/**
 * How the commands that index ({@code index}, {@code listen --es}) write: how long the index template
 * keeps records, and how bulk requests are batched (the defaults suit a single node; a cluster of
 * several takes more requests in flight). A picocli mixin.
 */
final class EsWriteOptions {

    @Option(names = "--retention", paramLabel = "AGE", defaultValue = "90d",
            description = "How long the ILM policy keeps records, in days (Nd) or weeks (Nw) (default: ${DEFAULT-VALUE}).")
    String retention;

    @Option(names = "--es-bulk-actions", paramLabel = "N", defaultValue = "" + EsSink.DEFAULT_BULK_ACTIONS,
            description = "Operations per bulk request, 5 MiB at most (default: ${DEFAULT-VALUE}).")
    int bulkActions;

    @Option(names = "--es-in-flight", paramLabel = "N", defaultValue = "" + EsSink.DEFAULT_CONCURRENT_REQUESTS,
            description = "Bulk requests in flight at most; more for a cluster of several nodes (default: ${DEFAULT-VALUE}).")
    int inFlight;

    /** {@code --retention} in days. */
    int retentionDays() {
        return IndexCommand.days(retention);
    }

    /** Checks the bulk options (a usage error names the option). */
    EsWriteOptions checked() {
        if (bulkActions < 1) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--es-bulk-actions must be at least 1, got " + bulkActions);
        }
        if (inFlight < 1) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--es-in-flight must be at least 1, got " + inFlight);
        }
        return this;
    }

    /** {@code sink} batching as given. */
    EsSink.Builder applyTo(EsSink.Builder sink) {
        return sink.bulkActions(bulkActions).concurrentRequests(inFlight);
    }

    /** The same, as options of the {@code elasticsearch} sink. */
    void addTo(Map<String, String> sinkOptions) {
        sinkOptions.put("bulk_actions", Integer.toString(bulkActions));
        sinkOptions.put("concurrent_requests", Integer.toString(inFlight));
    }
}
