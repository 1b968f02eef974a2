package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/** Retention on a node without ILM (this distribution has none): detected, and prune deletes whole old days. */
class RetentionIT {

    static ElasticsearchClient client;

    @BeforeAll
    static void connect() {
        client = TestNodes.sharedClient();
    }

    @Test
    void noIlmIsDetectedAndTheTemplateDoesNotReferToAPolicy() throws IOException {
        IndexLayout layout = new IndexLayout("it-noilm", IndexLayout.Mode.DAILY, 90);
        assertThat(layout.install(client)).isFalse();
        client.indices().create(c -> c.index("it-noilm-2026.11.24"));
        assertThat(client.indices().getSettings(s -> s.index("it-noilm-2026.11.24")).result().get("it-noilm-2026.11.24")
                .settings().index().lifecycle()).isNull();
    }

    @Test
    void pruneDeletesTheDaysOlderThanTheRetentionAndNothingElse() throws IOException {
        IndexLayout layout = new IndexLayout("it-prune", IndexLayout.Mode.DAILY, 90);
        layout.install(client);
        for (String index : new String[] {"it-prune-2026.08.25", "it-prune-2026.08.26", "it-prune-2026.08.27", "it-prune-2026.11.24",
                "it-prune-archive", "it-prunex-2020.01.01"}) {
            client.indices().create(c -> c.index(index));
        }
        // on 2026-11-24 with 90 days, 2026-08-26 is the oldest day kept
        assertThat(layout.prune(client, Instant.parse("2026-11-24T12:00:00Z"))).containsExactly("it-prune-2026.08.25");
        assertThat(client.indices().get(g -> g.index("it-prune*")).result().keySet())
                .containsExactlyInAnyOrder("it-prune-2026.08.26", "it-prune-2026.08.27", "it-prune-2026.11.24", "it-prune-archive",
                        "it-prunex-2020.01.01");
    }
}
