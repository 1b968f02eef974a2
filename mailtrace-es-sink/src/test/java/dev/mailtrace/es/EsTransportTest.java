package dev.mailtrace.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;

class EsTransportTest {

    /** Keeps the requests and answers every bulk with success. */
    private static final class Recorder implements TransportHttpClient {
        final List<Request> requests = new ArrayList<>();

        @Override
        public Response performRequest(String endpointId, Node node, Request request, TransportOptions options) {
            requests.add(request);
            return new Response() {
                @Override
                public Node node() {
                    return node;
                }

                @Override
                public int statusCode() {
                    return 200;
                }

                @Override
                public String header(String name) {
                    return name.equalsIgnoreCase("X-Elastic-Product") ? "Elasticsearch" : null;
                }

                @Override
                public List<String> headers(String name) {
                    String h = header(name);
                    return h == null ? List.of() : List.of(h);
                }

                @Override
                public BinaryData body() {
                    return BinaryData.of("{\"took\":1,\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
                }

                @Override
                public Object originalResponse() {
                    return null;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public CompletableFuture<Response> performRequestAsync(String endpointId, Node node, Request request, TransportOptions options) {
            return CompletableFuture.completedFuture(performRequest(endpointId, node, request, options));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aBulkRequestReachesTheHttpClientAsOneBuffer() throws IOException {
        Recorder http = new Recorder();
        ElasticsearchClient client = new ElasticsearchClient(new EsTransport(http, new JacksonJsonpMapper()));
        byte[] doc = "{\"type\":\"transaction\"}".getBytes(StandardCharsets.UTF_8);
        BulkResponse r = client.bulk(b -> b
                .operations(o -> o.create(c -> c.index("mail-2026.11.24").id("a").document(BinaryData.of(doc, ContentType.APPLICATION_JSON))))
                .operations(o -> o.create(c -> c.index("mail-2026.11.24").id("b").document(BinaryData.of(doc, ContentType.APPLICATION_JSON)))));

        assertThat(r.errors()).isFalse();
        List<ByteBuffer> body = new ArrayList<>();
        http.requests.get(0).body().forEach(body::add);
        assertThat(body).hasSize(1);
        assertThat(StandardCharsets.UTF_8.decode(body.get(0)).toString()).isEqualTo(
                "{\"create\":{\"_id\":\"a\",\"_index\":\"mail-2026.11.24\"}}\n{\"type\":\"transaction\"}\n"
                + "{\"create\":{\"_id\":\"b\",\"_index\":\"mail-2026.11.24\"}}\n{\"type\":\"transaction\"}\n");
    }

    @Test
    void requestsWithoutABodyOrWithOneBufferPassAsTheyAre() {
        TransportHttpClient.Request none = new TransportHttpClient.Request("GET", "/_cluster/health", java.util.Map.of(), java.util.Map.of(), null);
        TransportHttpClient.Request one = new TransportHttpClient.Request("POST", "/x/_doc", java.util.Map.of(), java.util.Map.of(),
                List.of(ByteBuffer.wrap(new byte[] {'{', '}'})));
        assertThat(EsTransport.joined(none)).isSameAs(none);
        assertThat(EsTransport.joined(one)).isSameAs(one);
    }
}
