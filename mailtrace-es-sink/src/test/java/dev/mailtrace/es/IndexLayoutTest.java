package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import co.elastic.clients.elasticsearch.ilm.PutLifecycleRequest;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;

class IndexLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dailyIndicesByUtcStart() {
        IndexLayout l = IndexLayout.defaults();
        assertThat(l.indexFor(Instant.parse("2026-11-24T23:59:59Z"))).isEqualTo("mail-2026.11.24");
        assertThat(l.indexFor(Instant.parse("2026-11-25T00:00:00Z"))).isEqualTo("mail-2026.11.25");
        assertThat(new IndexLayout("logs-mail", IndexLayout.Mode.DATA_STREAM, 30).indexFor(Instant.EPOCH)).isEqualTo("logs-mail");
    }

    @Test
    void theIlmPolicyDeletesAfterTheRetentionAsTheClientSerialisesIt() throws Exception {
        IndexLayout l = new IndexLayout("mail", IndexLayout.Mode.DAILY, 30);
        PutLifecycleRequest request = PutLifecycleRequest.of(p -> p.name(l.policyName()).withJson(new StringReader(l.lifecyclePolicyJson())));
        JsonNode body = JSON.readTree(serialise(request));
        assertThat(body.at("/policy/phases/delete/min_age").asText()).isEqualTo("30d");
        assertThat(body.at("/policy/phases/delete/actions/delete").isObject()).isTrue();
        assertThat(l.policyName()).isEqualTo("mail-retention");
    }

    @Test
    void theTemplateAttachesThePolicyOnlyWithIlm() throws Exception {
        IndexLayout l = IndexLayout.defaults();
        JsonNode with = JSON.readTree(serialise(PutIndexTemplateRequest.of(t -> t.name("mail").withJson(new StringReader(l.templateJson(true))))));
        assertThat(with.at("/index_patterns/0").asText()).isEqualTo("mail-2*");
        assertThat(with.at("/template/settings/index/lifecycle/name").asText()).isEqualTo("mail-retention");
        assertThat(with.at("/template/mappings/properties/mail/properties/recipients/type").asText()).isEqualTo("nested");
        JsonNode without = JSON.readTree(serialise(PutIndexTemplateRequest.of(t -> t.name("mail").withJson(new StringReader(l.templateJson(false))))));
        assertThat(without.at("/template/settings/index/lifecycle").isMissingNode()).isTrue();
        JsonNode stream = JSON.readTree(new IndexLayout("mail", IndexLayout.Mode.DATA_STREAM, 90).templateJson(false));
        assertThat(stream.at("/data_stream").isObject()).isTrue();
        assertThat(stream.at("/template/lifecycle/data_retention").asText()).isEqualTo("90d");
    }

    private static String serialise(co.elastic.clients.json.JsonpSerializable request) {
        JacksonJsonpMapper mapper = new JacksonJsonpMapper();
        java.io.StringWriter w = new java.io.StringWriter();
        try (jakarta.json.stream.JsonGenerator g = mapper.jsonProvider().createGenerator(w)) {
            request.serialize(g, mapper);
        }
        return w.toString();
    }

    @Test
    void refusesBadPrefixesAndRetention() {
        assertThatThrownBy(() -> new IndexLayout("Mail", IndexLayout.Mode.DAILY, 90)).hasMessageContaining("invalid index prefix [Mail]");
        assertThatThrownBy(() -> new IndexLayout("mail", IndexLayout.Mode.DAILY, 0)).hasMessageContaining("at least 1 day");
        assertThat(IndexLayout.defaults().dayOf("mail-2026.02.30")).isNull();
        assertThat(IndexLayout.defaults().dayOf("mail-archive")).isNull();
    }
}
