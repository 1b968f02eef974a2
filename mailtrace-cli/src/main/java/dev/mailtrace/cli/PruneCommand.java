package dev.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.es.IndexLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailtrace prune}: retention for clusters without ILM: deletes the daily indices older than N days. */
@Command(name = "prune",
        mixinStandardHelpOptions = true,
        description = {
            "Delete the daily indices (PREFIX-YYYY.MM.dd) whose whole day is older than --older-than. For clusters without",
            "index lifecycle management (ILM); where ILM exists, 'mailtrace index' attaches a delete policy instead. Run it",
            "daily from cron. Other indices are never touched.",
        },
        usageHelpAutoWidth = true)
final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EsOptions es;

    @Option(names = "--older-than", paramLabel = "AGE", defaultValue = "90d",
            description = "Keep this many days (Nd) or weeks (Nw) (default: ${DEFAULT-VALUE}).")
    String olderThan;

    @Override
    public Integer call() {
        int days = IndexCommand.days(olderThan);
        IndexLayout layout = es.layout(days);
        ElasticsearchClient client = es.connect();
        try {
            List<String> deleted = layout.prune(client, Instant.now());
            PrintWriter err = spec.commandLine().getErr();
            err.println("mailtrace prune: deleted " + deleted.size() + " indices older than " + days + " days" + (deleted.isEmpty() ? ""
                    : ": " + String.join(", ", deleted)));
            err.flush();
            return 0;
        } catch (IllegalStateException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "prune failed: " + e.getMessage());
        } finally {
            es.close(client);
        }
    }
}
