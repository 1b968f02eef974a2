package dev.mailtrace.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.es.EsConnectException;
import dev.mailtrace.es.EsConnection;
import dev.mailtrace.es.IndexLayout;
import picocli.CommandLine.Option;

/**
 * Where the Elasticsearch commands ({@code index}, {@code search}, {@code prune}) find the cluster
 * and how records are laid out in it. Credentials never come from the command line: from
 * {@code MAILTRACE_ES_USER}/{@code MAILTRACE_ES_PASSWORD} or {@code MAILTRACE_ES_API_KEY}, or from
 * {@code --es-credentials FILE}. A picocli mixin, so the options read the same everywhere.
 */
final class EsOptions {

    /** Environment variable with the default of {@code --es}. */
    static final String ENV_URL = "MAILTRACE_ES_URL";

    @Option(names = "--es", paramLabel = "URL",
            description = "Elasticsearch URL(s), comma-separated (default: $" + ENV_URL + ", else http://localhost:9200)."
                    + " Credentials: $MAILTRACE_ES_USER and $MAILTRACE_ES_PASSWORD, or $MAILTRACE_ES_API_KEY, or --es-credentials.")
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

    /** A connected client, or a one-line failure saying what is wrong (unreachable, TLS, credentials). */
    ElasticsearchClient connect() {
        return connect(url != null ? url : env.getOrDefault(ENV_URL, "http://localhost:9200"));
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

    static void close(ElasticsearchClient client) {
        try {
            client._transport().close();
        } catch (java.io.IOException e) {
            // nothing was pending
        }
    }
}
