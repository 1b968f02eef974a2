package dev.mailtrace.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.es.TransactionSearch;
import dev.mailtrace.sink.NdjsonSink;
import dev.mailtrace.sink.Sink;
import dev.mailtrace.sink.SinkException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailtrace search}: {@code mailtrace trace}'s questions asked of what {@code mailtrace index}
 * stored in Elasticsearch, answered in {@code trace}'s formats.
 */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the transactions (or, with --messages, the end-to-end messages) and rejects that 'mailtrace index'",
            "stored in Elasticsearch, by sender, recipient, Message-ID, host and time; printed as 'mailtrace trace' prints",
            "them. Follow one e-mail across servers with --msgid ID (--messages for the whole way in one record).",
        },
        usageHelpAutoWidth = true)
final class SearchCommand implements Callable<Integer> {

    @ParentCommand
    MailtraceCommand parent;

    @Mixin
    EsOptions es;

    @Option(names = {"-f", "--from"}, paramLabel = "ADDR", description = "Only mail from this envelope sender (any case; <> for bounces).")
    String from;

    @Option(names = {"-t", "--to"}, paramLabel = "ADDR", description = "Only mail to this recipient (any case; also the address before aliasing).")
    String to;

    @Option(names = "--msgid", paramLabel = "ID", description = "Only mail with this Message-ID (with or without <>).")
    String msgid;

    @Option(names = {"-H", "--host"}, paramLabel = "H", description = "Only transactions on this host; with --messages, messages through it.")
    String host;

    @Option(names = {"-d", "--since"}, paramLabel = "T",
            description = "Only records that end at or after T: 2026-11-24, '2026-11-24 10:04', ISO-8601, or back from now (2h, 3d).")
    String since;

    @Option(names = {"-D", "--until"}, paramLabel = "T", description = "Only records that begin before T (a day means until its end).")
    String until;

    @Option(names = {"-r", "--last"}, paramLabel = "N", description = "Only the N most recent matching records, most recent first.")
    Integer last;

    @Option(names = "--messages", description = "End-to-end messages instead of transactions.")
    boolean messages;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json (one object per line).")
    TraceCommand.Format format;

    @Option(names = "--tz", paramLabel = "ZONE", description = "Time zone of times given without one and of the output (default: the system zone).")
    String zone;

    @Override
    public Integer call() {
        ZoneId z = zone();
        Instant now = Instant.now();
        if (last != null && (last < 1 || last > 10_000)) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--last must be in [1, 10000], got " + last);
        }
        TransactionSearch.Criteria criteria = TransactionSearch.criteria().from(from).to(to).messageId(msgid).host(host)
                .since(since == null ? null : TimeBound.parse("--since", since, z, false, now))
                .until(until == null ? null : TimeBound.parse("--until", until, z, true, now))
                .last(last == null ? 0 : last).messages(messages).build();
        ElasticsearchClient client = es.connect();
        OutputStream stdout = new BufferedOutputStream(parent.stdout(), 64 * 1024);
        Sink out = format == TraceCommand.Format.json ? NdjsonSink.builder(stdout).zone(z).build()
                : new TraceCommand.TextSink(stdout, z, false);
        try {
            new TransactionSearch(client, es.layout(90)).search(criteria, out::accept);
            out.close();
        } catch (SinkException e) {
            if (e.getCause() instanceof IOException io) {
                throw CliFailure.outputFailed(io);
            }
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliFailure f) {
                throw f;
            }
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "search failed: " + e.getMessage());
        } finally {
            es.close(client);
        }
        return 0;
    }

    private ZoneId zone() {
        try {
            return zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--tz: unknown time zone [" + zone + "]");
        }
    }
}
