package dev.mailtrace.es;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;

/**
 * Where records go and how long they stay: daily indices {@code <prefix>-YYYY.MM.dd} (by the
 * record's start, UTC) or one data stream {@code <prefix>}, both created through the composable
 * index template {@code <prefix>} with mailtrace's explicit mappings; retention by an ILM policy
 * {@code <prefix>-retention} attached through the template where the cluster has ILM, by the data
 * stream lifecycle for a data stream, and otherwise by {@link #prune} deleting whole old days.
 * Immutable.
 */
public final class IndexLayout {

    /** How records are stored. */
    public enum Mode {
        /**
         * One index per day, {@code <prefix>-2026.11.24}: documents are updated in place (upsert by id),
         * so a transaction that gains attempts in a later run stays one document. The default.
         */
        DAILY,
        /**
         * One data stream {@code <prefix>}: append-only, so a document is written once and a later,
         * more complete version of the same transaction is refused as a duplicate (counted, not lost).
         */
        DATA_STREAM
    }

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd", Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final String prefix;
    private final Mode mode;
    private final int retentionDays;
    /** The index of the latest day asked for: immutable, so a race between threads only costs a format. */
    private DailyIndex lastDay;

    /**
     * @param prefix index name prefix, lowercase ({@code mail})
     * @param retentionDays how many days records are kept (ILM, data stream lifecycle, {@link #prune})
     * @throws IllegalArgumentException for a prefix Elasticsearch would refuse or a retention below one day
     */
    public IndexLayout(String prefix, Mode mode, int retentionDays) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("invalid index prefix [" + prefix + "]; lowercase letters, digits, _ . - only");
        }
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retention must be at least 1 day, got " + retentionDays);
        }
        this.prefix = prefix;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.retentionDays = retentionDays;
    }

    /** {@code mail}, daily indices, 90 days. */
    public static IndexLayout defaults() {
        return new IndexLayout("mail", Mode.DAILY, 90);
    }

    public String prefix() {
        return prefix;
    }

    public Mode mode() {
        return mode;
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** The index (or data stream) a record starting at {@code start} goes to. */
    public String indexFor(Instant start) {
        if (mode == Mode.DATA_STREAM) {
            return prefix;
        }
        long day = Math.floorDiv(start.getEpochSecond(), 86_400);
        DailyIndex last = lastDay;
        if (last == null || last.day != day) {
            // records come day by day: formatting the day once per day instead of once per record
            last = new DailyIndex(day, prefix + "-" + DAY.format(start.atOffset(ZoneOffset.UTC)));
            lastDay = last;
        }
        return last.name;
    }

    private record DailyIndex(long day, String name) {
    }

    /** What searches read: every daily index of this prefix, or the data stream. */
    public String searchPattern() {
        return mode == Mode.DATA_STREAM ? prefix : prefix + "-2*";
    }

    /** The name of the ILM policy and of the index template. */
    public String policyName() {
        return prefix + "-retention";
    }

    /** The ILM policy body: delete {@link #retentionDays} days after an index was created. */
    public String lifecyclePolicyJson() {
        return "{\"policy\":{\"_meta\":{\"managed_by\":\"mailtrace\"},\"phases\":{\"hot\":{\"min_age\":\"0ms\",\"actions\":{}},"
                + "\"delete\":{\"min_age\":\"" + retentionDays + "d\",\"actions\":{\"delete\":{}}}}}}";
    }

    /** The composable index template body, with the ILM policy attached when {@code ilm}. */
    public String templateJson(boolean ilm) {
        StringBuilder settings = new StringBuilder("{\"analysis\":{\"normalizer\":{\"mailtrace_lowercase\":"
                + "{\"type\":\"custom\",\"filter\":[\"lowercase\"]}}}");
        if (ilm) {
            settings.append(",\"index\":{\"lifecycle\":{\"name\":\"").append(policyName()).append("\"}}");
        }
        settings.append('}');
        StringBuilder t = new StringBuilder(4096);
        t.append("{\"index_patterns\":[\"").append(searchPattern()).append("\"],\"priority\":200,");
        if (mode == Mode.DATA_STREAM) {
            t.append("\"data_stream\":{},");
        }
        t.append("\"_meta\":{\"managed_by\":\"mailtrace\"},\"template\":{\"settings\":").append(settings);
        if (mode == Mode.DATA_STREAM && !ilm) {
            t.append(",\"lifecycle\":{\"data_retention\":\"").append(retentionDays).append("d\"}");
        }
        t.append(",\"mappings\":").append(mappingsJson()).append("}}");
        return t.toString();
    }

    /** The explicit mappings of every mailtrace document (README's table). */
    static String mappingsJson() {
        try (InputStream in = IndexLayout.class.getResourceAsStream("mappings.json")) {
            return new String(Objects.requireNonNull(in, "mappings.json").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs the index template (and the ILM policy where the cluster has ILM), replacing older
     * versions. Existing indices keep their mappings; new ones get these.
     *
     * @return whether ILM manages retention (otherwise: data stream lifecycle or {@link #prune})
     * @throws IOException when the cluster cannot be reached
     */
    public boolean install(ElasticsearchClient client) throws IOException {
        boolean ilm = hasIlm(client);
        if (ilm) {
            client.ilm().putLifecycle(p -> p.name(policyName()).withJson(new StringReader(lifecyclePolicyJson())));
        }
        client.indices().putIndexTemplate(t -> t.name(prefix).withJson(new StringReader(templateJson(ilm))));
        return ilm;
    }

    /** Whether the cluster has index lifecycle management (not in OSS-like distributions and test packages). */
    static boolean hasIlm(ElasticsearchClient client) throws IOException {
        try {
            client.ilm().getStatus();
            return true;
        } catch (ElasticsearchException e) {
            int s = e.status();
            if (s == 400 || s == 404 || s == 405 || s == 410) {
                return false;
            }
            throw e;
        } catch (TransportException e) {
            // a node without the handler answers with a body the client cannot map to the ILM response
            if (e.statusCode() == 400 || e.statusCode() == 404 || e.statusCode() == 405 || e.statusCode() == 410) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Deletes the daily indices whose whole day ended at least {@link #retentionDays} days before
     * {@code now}. For clusters without ILM; run it daily (cron).
     *
     * @return the indices deleted, sorted
     * @throws IllegalStateException for a data stream (its lifecycle deletes old data)
     * @throws IOException when the cluster cannot be reached
     */
    public List<String> prune(ElasticsearchClient client, Instant now) throws IOException {
        if (mode == Mode.DATA_STREAM) {
            throw new IllegalStateException("prune deletes daily indices; data stream [" + prefix
                    + "] is pruned by its lifecycle (data_retention " + retentionDays + "d)");
        }
        LocalDate cutoff = now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(retentionDays);
        List<String> old = new ArrayList<>();
        for (String index : client.indices().get(g -> g.index(searchPattern()).allowNoIndices(true)).result().keySet()) {
            LocalDate day = dayOf(index);
            if (day != null && day.isBefore(cutoff)) {
                old.add(index);
            }
        }
        old.sort(null);
        for (int i = 0; i < old.size(); i += 50) {
            List<String> batch = old.subList(i, Math.min(old.size(), i + 50));
            client.indices().delete(d -> d.index(batch));
        }
        return old;
    }

    /** The day of a daily index of this prefix, or null for any other index. */
    LocalDate dayOf(String index) {
        if (!index.startsWith(prefix + "-") || index.length() != prefix.length() + 11) {
            return null;
        }
        try {
            return LocalDate.parse(index.substring(prefix.length() + 1), DAY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
