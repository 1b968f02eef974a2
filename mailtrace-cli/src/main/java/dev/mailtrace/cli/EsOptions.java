package dev.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.es.EsConnectException;
import dev.mailtrace.es.EmbeddedElasticsearch;
import dev.mailtrace.es.EsConnection;
import dev.mailtrace.es.IndexLayout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the Elasticsearch commands ({@code index}, {@code search}, {@code prune}, and
 * {@code listen --es}) find the cluster and how records are laid out in it. Credentials never come from the command line: from
 * {@code MAILTRACE_ES_USER}/{@code MAILTRACE_ES_PASSWORD} or {@code MAILTRACE_ES_API_KEY}, or from
 * {@code --es-credentials FILE}. Without {@code --es} and {@code $MAILTRACE_ES_URL}, an
 * {@linkplain EmbeddedElasticsearch embedded node} serves, for trying mailtrace out. A picocli mixin,
 * so the options read the same everywhere.
 */
final class EsOptions {

    /** Environment variable with the default of {@code --es}. */
    static final String ENV_URL = "MAILTRACE_ES_URL";
    /** The value of {@code --es} that asks for the embedded node. */
    static final String EMBEDDED = "embedded";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--es", paramLabel = "URL|embedded",
            description = "Elasticsearch URL(s), comma-separated, or 'embedded': a local node for trying mailtrace out, its data in"
                    + " the user's cache directory (index, search, prune: default $" + ENV_URL + ", else embedded; listen indexes"
                    + " only when given). Credentials: $MAILTRACE_ES_USER and $MAILTRACE_ES_PASSWORD, or $MAILTRACE_ES_API_KEY, or"
                    + " --es-credentials.")
    String url;

    @Option(names = "--es-ca", paramLabel = "FILE", description = "PEM CA certificate to verify an https server with (e.g. http_ca.crt).")
    Path ca;

    @Option(names = "--es-fingerprint", paramLabel = "SHA256",
            description = "Verify an https server by the SHA-256 fingerprint of its CA certificate instead.")
    String fingerprint;

    @Option(names = "--es-credentials", paramLabel = "FILE",
            description = "Properties file with user= and password=, or api_key= (keep it mode 600).")
    Path credentials;

    @Option(names = "--es-prefix", paramLabel = "PREFIX", defaultValue = "mail",
            description = "Index prefix: daily indices PREFIX-YYYY.MM.dd (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--es-mode", paramLabel = "MODE", defaultValue = "daily",
            description = "daily (default: daily indices, transactions updated in place) or data_stream (append-only).")
    String mode;

    /** Environment of this run; tests replace it. */
    Map<String, String> env = System.getenv();

    /** The embedded node this command uses, or null. */
    private EmbeddedElasticsearch embedded;

    /** The layout of {@code --es-prefix} and {@code --es-mode} with {@code retentionDays}. */
    IndexLayout layout(int retentionDays) {
        IndexLayout.Mode m;
        try {
            m = IndexLayout.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--es-mode: unknown mode [" + mode + "]; valid: [daily, data_stream]");
        }
        try {
            return new IndexLayout(prefix, m, retentionDays);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--es-prefix: " + e.getMessage());
        }
    }

    /**
     * The options of the {@code elasticsearch} sink but its URL: the same verification, credentials
     * file and layout as {@link #connect(String)} and {@link #layout}, for a command that opens the
     * sink through the sink registry ({@code listen}).
     */
    Map<String, String> sinkOptions(int retentionDays) {
        IndexLayout layout = layout(retentionDays);
        Map<String, String> o = new LinkedHashMap<>();
        if (ca != null) {
            o.put("ca", ca.toString());
        }
        if (fingerprint != null) {
            o.put("fingerprint", fingerprint);
        }
        if (credentials != null) {
            o.put("credentials", credentials.toString());
        }
        o.put("prefix", layout.prefix());
        o.put("mode", layout.mode().name().toLowerCase(Locale.ROOT));
        o.put("retention_days", Integer.toString(retentionDays));
        return o;
    }

    /**
     * A connected client, or a one-line failure saying what is wrong (unreachable, TLS, credentials).
     * {@code embedded} starts the embedded node (or joins the one running); {@link #close} leaves it.
     */
    ElasticsearchClient connect() {
        return connect(urlOf(url != null ? url : env.getOrDefault(ENV_URL, EMBEDDED)));
    }

    /**
     * The URL(s) of {@code target}: as given, or for {@code embedded} the embedded node's, started (or
     * joined) here and left by {@link #close}.
     */
    String urlOf(String target) {
        if (!target.equalsIgnoreCase(EMBEDDED)) {
            return target;
        }
        embedded = startEmbedded(command.commandLine().getErr(), command.qualifiedName());
        return embedded.url();
    }

    /**
     * Starts the embedded node or joins the one running, telling on {@code err}, once, that it is
     * for trying mailtrace out, and showing the download of the distribution (first use) on a status line.
     */
    private static EmbeddedElasticsearch startEmbedded(PrintWriter err, String commandName) {
        StatusLine status = StatusLine.forStderr(err);
        long[] shownMb = {-1};
        EmbeddedElasticsearch node = EmbeddedElasticsearch.builder().progress((bytes, total) -> {
            long mb = bytes >> 20;
            if (mb != shownMb[0]) {
                shownMb[0] = mb;
                status.show("downloading Elasticsearch " + EmbeddedElasticsearch.version() + " from Maven Central: " + mb
                        + (total > 0 ? " of " + (total >> 20) : "") + " MB" + (bytes == total ? ", unpacking and starting" : ""));
            }
        }).build();
        err.println(commandName + ": using an embedded Elasticsearch " + EmbeddedElasticsearch.version() + " node on 127.0.0.1 (data in "
                + node.workDir() + "), meant for trying mailtrace out; in production point --es (or $" + ENV_URL + ") at a real cluster");
        err.flush();
        status.show("starting Elasticsearch (10-20 s the first time)");
        try {
            return node.start();
        } catch (IOException | RuntimeException e) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "cannot start the embedded Elasticsearch: " + e.getMessage());
        } finally {
            status.clear();
        }
    }

    /** As {@link #connect()}, to {@code urls} with the same verification and credentials. */
    ElasticsearchClient connect(String urls) {
        EsConnection.Builder b;
        try {
            b = EsConnection.builder(urls);
            b.credentialsFromEnvironment(env);
            if (credentials != null) {
                b.credentialsFromFile(credentials);
            }
            if (ca != null) {
                b.caCertificate(ca);
            }
            if (fingerprint != null) {
                b.fingerprint(fingerprint);
            }
        } catch (IllegalArgumentException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, e.getMessage());
        }
        try {
            return b.build().connect();
        } catch (EsConnectException | IllegalArgumentException e) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, e.getMessage());
        }
    }

    /** Closes {@code client} (if not null) and leaves the embedded node (the last user stops it). */
    void close(ElasticsearchClient client) {
        try {
            if (client != null) {
                closeClient(client);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
                embedded = null;
            }
        }
    }

    static void closeClient(ElasticsearchClient client) {
        try {
            client._transport().close();
        } catch (IOException e) {
            // nothing was pending
        }
    }
}
