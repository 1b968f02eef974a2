package dev.mailtrace.es;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import dev.mailtrace.trace.TraceRecord;

/**
 * Finds indexed records again: by sender, recipient, Message-ID, host and time, the last N or all of
 * them, as the records {@code mailtrace trace} prints (see {@link Criteria} for the exact meaning of
 * each condition, the same as {@code trace}'s). Thread-safe.
 *
 * <pre>{@code
 * TransactionSearch search = new TransactionSearch(client, IndexLayout.defaults());
 * List<TraceRecord> last10 = search.search(TransactionSearch.criteria().from("bob@foo.com").host("smtp").last(10).build());
 * }</pre>
 */
public final class TransactionSearch {

    private static final int PAGE = 1000;

    private final ElasticsearchClient client;
    private final IndexLayout layout;

    public TransactionSearch(ElasticsearchClient client, IndexLayout layout) {
        this.client = Objects.requireNonNull(client, "client");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** Criteria with no condition: everything. */
    public static Criteria.Builder criteria() {
        return new Criteria.Builder();
    }

    /**
     * The matching records, oldest first; with {@link Criteria#last()} the N most recent, most recent first.
     *
     * @throws IOException when the cluster cannot be reached
     */
    public List<TraceRecord> search(Criteria c) throws IOException {
        List<TraceRecord> out = new ArrayList<>();
        search(c, out::add);
        return out;
    }

    /**
     * As {@link #search(Criteria)}, handing each record to {@code consumer} as its page arrives
     * (all matches are paged through with a point in time and {@code search_after}).
     */
    public void search(Criteria c, Consumer<TraceRecord> consumer) throws IOException {
        Query query = query(c);
        if (c.last() > 0) {
            SearchResponse<JsonNode> r = client.search(s -> s.index(layout.searchPattern()).allowNoIndices(true)
                    .ignoreUnavailable(true).query(query).size(c.last())
                    .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc))), JsonNode.class);
            for (Hit<JsonNode> h : r.hits().hits()) {
                consumer.accept(TraceDocuments.read(h.source()));
            }
            return;
        }
        if (client.indices().resolveIndex(r -> r.name(layout.searchPattern())).indices().isEmpty()
                && layout.mode() == IndexLayout.Mode.DAILY) {
            return;
        }
        String pit = client.openPointInTime(p -> p.index(layout.searchPattern()).keepAlive(t -> t.time("2m"))).id();
        try {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> searchAfter = after;
                SearchResponse<JsonNode> r = client.search(s -> {
                    s.pit(p -> p.id(pit).keepAlive(t -> t.time("2m"))).query(query).size(PAGE)
                            .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, JsonNode.class);
                List<Hit<JsonNode>> hits = r.hits().hits();
                for (Hit<JsonNode> h : hits) {
                    consumer.accept(TraceDocuments.read(h.source()));
                }
                if (hits.size() < PAGE) {
                    return;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            client.closePointInTime(p -> p.id(pit));
        }
    }

    /** The Elasticsearch query of {@code c} (public for people who want to see it: {@code toString()} is its JSON). */
    public static Query query(Criteria c) {
        BoolQuery.Builder records = new BoolQuery.Builder();
        records.should(s -> s.bool(b -> {
            b.filter(term("type", c.messages() ? "message" : "transaction"));
            if (c.since() != null) {
                b.filter(range("event.end", c.since(), true));
            }
            if (c.until() != null) {
                b.filter(range("event.start", c.until(), false));
            }
            if (c.from() != null) {
                b.filter(term("email.from.address", c.from()));
            }
            if (c.messageId() != null) {
                b.filter(term("email.message_id", c.messageId()));
            }
            if (c.host() != null) {
                b.filter(term("host.name", c.host()));
            }
            if (c.to() != null) {
                if (c.messages()) {
                    b.filter(term("email.to.address", c.to()));
                } else {
                    b.filter(f -> f.nested(n -> n.path("mail.recipients").query(q -> q.bool(o -> o
                            .should(term("mail.recipients.to", c.to())).should(term("mail.recipients.orig_to", c.to()))
                            .minimumShouldMatch("1")))));
                }
            }
            return b;
        }));
        if (c.rejects() && c.messageId() == null) {
            records.should(s -> s.bool(b -> {
                b.filter(term("type", "reject"));
                if (c.since() != null) {
                    b.filter(range("@timestamp", c.since(), true));
                }
                if (c.until() != null) {
                    b.filter(range("@timestamp", c.until(), false));
                }
                if (c.from() != null) {
                    b.filter(term("email.from.address", c.from()));
                }
                if (c.to() != null) {
                    b.filter(term("email.to.address", c.to()));
                }
                if (c.host() != null) {
                    b.filter(term("host.name", c.host()));
                }
                return b;
            }));
        }
        records.minimumShouldMatch("1");
        return Query.of(q -> q.bool(records.build()));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query range(String field, Instant bound, boolean lower) {
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(field);
            return lower ? u.gte(JsonData.of(bound.toString())) : u.lt(JsonData.of(bound.toString()));
        })));
    }

    /**
     * What to find; every condition given must hold, as in {@code mailtrace trace}.
     *
     * @param from envelope sender, any case ({@code ""} for the null sender)
     * @param to recipient, any case (for transactions also the address before aliasing)
     * @param messageId Message-ID without angle brackets (rejects, which have none, are then left out)
     * @param host the host of a transaction or reject, or a host a message passed through
     * @param since records that end at or after it
     * @param until records that begin before it
     * @param last the N most recent (by start) only, or 0 for all
     * @param messages end-to-end messages instead of transactions
     * @param rejects include the refusals that match
     */
    public record Criteria(String from, String to, String messageId, String host, Instant since, Instant until, int last,
            boolean messages, boolean rejects) {

        /** Builds {@link Criteria}; angle brackets around addresses and ids are removed, {@code <>} is the null sender. */
        public static final class Builder {
            private String from;
            private String to;
            private String messageId;
            private String host;
            private Instant since;
            private Instant until;
            private int last;
            private boolean messages;
            private boolean rejects = true;

            public Builder from(String v) {
                this.from = v == null ? null : v.trim().equals("<>") ? "" : strip(v);
                return this;
            }

            public Builder to(String v) {
                this.to = v == null ? null : strip(v);
                return this;
            }

            public Builder messageId(String v) {
                this.messageId = v == null ? null : strip(v);
                return this;
            }

            public Builder host(String v) {
                this.host = v;
                return this;
            }

            public Builder since(Instant v) {
                this.since = v;
                return this;
            }

            public Builder until(Instant v) {
                this.until = v;
                return this;
            }

            /** The N most recent only; 0 (default) for all. */
            public Builder last(int n) {
                if (n < 0 || n > 10_000) {
                    throw new IllegalArgumentException("last must be in [0, 10000], got " + n);
                }
                this.last = n;
                return this;
            }

            public Builder messages(boolean v) {
                this.messages = v;
                return this;
            }

            public Builder rejects(boolean v) {
                this.rejects = v;
                return this;
            }

            private static String strip(String s) {
                String t = s.trim();
                return t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1) : t;
            }

            public Criteria build() {
                return new Criteria(from, to, messageId, host, since, until, last, messages, rejects);
            }
        }
    }
}
