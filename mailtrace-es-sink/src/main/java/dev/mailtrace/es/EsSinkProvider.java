package dev.mailtrace.es;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mailtrace.sink.Sink;
import dev.mailtrace.sink.SinkException;
import dev.mailtrace.sink.SinkOptions;
import dev.mailtrace.sink.SinkProvider;

/**
 * The {@code elasticsearch} sink: {@link EsSink} on a connection made from options, with credentials
 * from the environment ({@link EsConnection#ENV_USER}, ...) or a {@code credentials} file, never
 * from an option. Installs the index template (and ILM policy) when opened.
 */
public final class EsSinkProvider implements SinkProvider {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("url", "Elasticsearch URL(s), comma-separated (default http://localhost:9200)");
        OPTIONS.put("ca", "PEM file of the CA certificate that signed the server's (https)");
        OPTIONS.put("fingerprint", "SHA-256 fingerprint of the server's CA certificate, hex (https)");
        OPTIONS.put("credentials", "properties file with user and password, or api_key (default: environment"
                + " MAILTRACE_ES_USER/MAILTRACE_ES_PASSWORD or MAILTRACE_ES_API_KEY)");
        OPTIONS.put("prefix", "index prefix (default mail: daily indices mail-YYYY.MM.dd)");
        OPTIONS.put("mode", "daily (default; upserts) or data_stream (append-only)");
        OPTIONS.put("retention_days", "days records are kept by ILM or the data stream lifecycle (default 90)");
        OPTIONS.put("bulk_actions", "operations per bulk request (default " + EsSink.DEFAULT_BULK_ACTIONS + ")");
        OPTIONS.put("bulk_bytes", "bytes per bulk request (default " + EsSink.DEFAULT_BULK_BYTES + ")");
        OPTIONS.put("flush_interval_ms", "send a bulk request at the latest after this many ms (default 5000)");
        OPTIONS.put("concurrent_requests", "bulk requests in flight at most (default " + EsSink.DEFAULT_CONCURRENT_REQUESTS + ")");
        OPTIONS.put("max_retries", "retries of 429/5xx/connection failures before dead-lettering (default 8)");
        OPTIONS.put("dead_letter", "file that failed documents are appended to (default mailtrace-es-dead-letter.ndjson)");
        OPTIONS.put("on_unavailable", "dead_letter (default) or fail: when 429/5xx/connection failures outlast the retries,"
                + " fail the sink for a caller that replays (mailtrace listen) instead of dead-lettering");
    }

    @Override
    public String name() {
        return EsSink.NAME;
    }

    @Override
    public String description() {
        return "transactions, rejects and messages into Elasticsearch (idempotent upserts, daily indices or a data stream)";
    }

    @Override
    public Map<String, String> options() {
        return OPTIONS;
    }

    @Override
    public Sink open(SinkOptions o) {
        try {
            EsConnection.Builder cb = EsConnection.builder(o.get("url", "http://localhost:9200"))
                    .credentialsFromEnvironment(System.getenv());
            if (o.values().containsKey("credentials")) {
                cb.credentialsFromFile(Path.of(o.get("credentials", null)));
            }
            if (o.values().containsKey("ca")) {
                cb.caCertificate(Path.of(o.get("ca", null)));
            }
            if (o.values().containsKey("fingerprint")) {
                cb.fingerprint(o.get("fingerprint", null));
            }
            IndexLayout layout = new IndexLayout(o.get("prefix", "mail"),
                    IndexLayout.Mode.valueOf(o.get("mode", "daily").toUpperCase(Locale.ROOT)), integer(o, "retention_days", 90));
            EsSink.Builder sb = builder(cb.build().connect(), layout);
            sb.bulkActions(integer(o, "bulk_actions", EsSink.DEFAULT_BULK_ACTIONS))
                    .bulkBytes(integer(o, "bulk_bytes", EsSink.DEFAULT_BULK_BYTES))
                    .flushInterval(Duration.ofMillis(integer(o, "flush_interval_ms", 5000)))
                    .concurrentRequests(integer(o, "concurrent_requests", EsSink.DEFAULT_CONCURRENT_REQUESTS))
                    .maxRetries(integer(o, "max_retries", 8))
                    .deadLetter(Path.of(o.get("dead_letter", "mailtrace-es-dead-letter.ndjson")))
                    .failWhenUnavailable(switch (o.get("on_unavailable", "dead_letter")) {
                        case "dead_letter" -> false;
                        case "fail" -> true;
                        default -> throw new IllegalArgumentException("option [on_unavailable] must be dead_letter or fail, got ["
                                + o.get("on_unavailable", null) + "]");
                    });
            return sb.build();
        } catch (IllegalArgumentException | EsConnectException e) {
            throw new SinkException(EsSink.NAME, e.getMessage(), e);
        }
    }

    /** A sink builder on a connected client, with the template installed; the sink closes the client. */
    static EsSink.Builder builder(ElasticsearchClient client, IndexLayout layout) {
        try {
            layout.install(client);
        } catch (IOException | RuntimeException e) {
            throw new SinkException(EsSink.NAME, "cannot install index template [" + layout.prefix() + "]: " + e.getMessage(), e);
        }
        return EsSink.builder(client, layout).closeClient(true);
    }

    private static int integer(SinkOptions o, String name, int def) {
        String v = o.get(name, null);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option [" + name + "] must be a whole number, got [" + v + "]");
        }
    }
}
