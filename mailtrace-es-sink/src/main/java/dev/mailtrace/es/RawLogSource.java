package dev.mailtrace.es;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;

/**
 * Raw syslog messages that another pipeline (Graylog, Logstash, Filebeat) already stored in
 * Elasticsearch, read back for a time window as log lines, so that they go through the same
 * framing, dialects and aggregation as files: each document becomes
 * {@code <timestamp ISO-8601> <host> <message>\n} (the message as stored, e.g.
 * {@code postfix/smtpd[2105]: connect from ...}). Documents are read in timestamp order with a point
 * in time and {@code search_after}, one page at a time, as the stream is read.
 *
 * <p>Field names are configurable: Graylog stores {@code message}, {@code source}, {@code timestamp};
 * Logstash and Filebeat {@code message}, {@code host.name}, {@code @timestamp}. A document without the
 * message is skipped; one without host gets {@code -}.
 */
public final class RawLogSource {

    private final ElasticsearchClient client;
    private final String index;
    private final String messageField;
    private final String hostField;
    private final String timestampField;
    private final int pageSize;

    /**
     * @param index index name or pattern ({@code graylog_*})
     * @param messageField field holding the syslog message (tag and text)
     * @param hostField field holding the sending host
     * @param timestampField date field of the message's time
     */
    public RawLogSource(ElasticsearchClient client, String index, String messageField, String hostField, String timestampField) {
        this(client, index, messageField, hostField, timestampField, 1000);
    }

    RawLogSource(ElasticsearchClient client, String index, String messageField, String hostField, String timestampField, int pageSize) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
        this.messageField = Objects.requireNonNull(messageField, "messageField");
        this.hostField = Objects.requireNonNull(hostField, "hostField");
        this.timestampField = Objects.requireNonNull(timestampField, "timestampField");
        this.pageSize = pageSize;
    }

    /**
     * The messages with {@code since <= timestamp < until}, as a stream of lines, oldest first. Close it
     * to release the point in time; an {@link UncheckedIOException} from a read reports a failed page.
     *
     * @throws IOException when the point in time cannot be opened (no such index, cluster unreachable)
     */
    public InputStream open(Instant since, Instant until) throws IOException {
        String pit = client.openPointInTime(p -> p.index(index).keepAlive(t -> t.time("5m"))).id();
        return new Lines(pit, since, until);
    }

    private final class Lines extends InputStream {
        private final String pit;
        private final Instant since;
        private final Instant until;
        private final ByteArrayOutputStream page = new ByteArrayOutputStream(256 * 1024);
        private byte[] buf = new byte[0];
        private int pos;
        private List<FieldValue> after;
        private boolean last;
        private boolean closed;

        Lines(String pit, Instant since, Instant until) {
            this.pit = pit;
            this.since = since;
            this.until = until;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() {
            while (pos == buf.length) {
                if (last || closed) {
                    return false;
                }
                nextPage();
            }
            return true;
        }

        private void nextPage() {
            List<FieldValue> searchAfter = after;
            SearchResponse<JsonNode> r;
            try {
                r = client.search(s -> {
                    s.pit(p -> p.id(pit).keepAlive(t -> t.time("5m"))).size(pageSize)
                            .query(q -> q.range(g -> g.untyped(u -> u.field(timestampField)
                                    .gte(JsonData.of(since.toString())).lt(JsonData.of(until.toString())))))
                            .sort(o -> o.field(f -> f.field(timestampField).order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)))
                            .source(src -> src.filter(f -> f.includes(messageField, hostField, timestampField)))
                            .docvalueFields(d -> d.field(timestampField).format("strict_date_optional_time_nanos"));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, JsonNode.class);
            } catch (IOException e) {
                throw new UncheckedIOException("reading [" + index + "]: " + e.getMessage(), e);
            }
            page.reset();
            List<Hit<JsonNode>> hits = r.hits().hits();
            for (Hit<JsonNode> h : hits) {
                String message = text(h.source(), messageField);
                if (message == null) {
                    continue;
                }
                JsonData times = h.fields().get(timestampField);
                JsonNode time = times == null ? null : times.to(JsonNode.class).path(0);
                String host = text(h.source(), hostField);
                String line = (time == null || time.isMissingNode() ? "-" : time.asText()) + " "
                        + (host == null || host.isEmpty() ? "-" : host) + " " + message.replace('\n', ' ') + "\n";
                page.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            }
            buf = page.toByteArray();
            pos = 0;
            last = hits.size() < pageSize;
            if (!hits.isEmpty()) {
                after = hits.get(hits.size() - 1).sort();
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                client.closePointInTime(p -> p.id(pit));
            }
        }
    }

    /** A field's text by dotted path, as an object path ({@code host.name}) or a flat key. */
    private static String text(JsonNode source, String field) {
        if (source == null) {
            return null;
        }
        JsonNode flat = source.get(field);
        if (flat != null && !flat.isNull()) {
            return flat.isArray() && !flat.isEmpty() ? flat.get(0).asText() : flat.asText();
        }
        JsonNode n = source;
        for (String part : field.split("\\.")) {
            n = n.path(part);
        }
        return n.isMissingNode() || n.isNull() ? null : n.isArray() && !n.isEmpty() ? n.get(0).asText() : n.asText();
    }
}
