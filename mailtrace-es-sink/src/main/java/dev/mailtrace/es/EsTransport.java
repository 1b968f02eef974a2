package dev.mailtrace.es;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.elasticsearch.client.RestClient;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.transport.rest_client.RestClientHttpClient;

/**
 * The client's transport over the low-level REST client, as {@code RestClientTransport}, except that
 * a request's body goes to the REST client as one buffer.
 *
 * <p>Why: the client hands over a bulk request's body as two buffers per operation (action line,
 * document) plus a newline after each, and the REST client writes every buffer as a chunk of its own,
 * each in a {@code write} of its own after an {@code epoll_wait}: six system calls per document. On a
 * 2-core machine that was 10 µs of kernel time per document, half of all the client's CPU, taken from
 * the node it was feeding (which, in turn, read tiny chunks). Joined, a request of 1,000 documents
 * (1.6 MB) is written in a few large writes, for one copy.
 */
final class EsTransport extends ElasticsearchTransportBase {

    EsTransport(RestClient restClient, JsonpMapper mapper) {
        this(new RestClientHttpClient(restClient), mapper);
    }

    EsTransport(TransportHttpClient http, JsonpMapper mapper) {
        super(new ContiguousBody(http), null, mapper, null);
    }

    /** {@code request} with its body in one buffer (as is, when it has no body or a single buffer). */
    static TransportHttpClient.Request joined(TransportHttpClient.Request request) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null) {
            return request;
        }
        long size = 0;
        int buffers = 0;
        for (ByteBuffer b : body) {
            size += b.remaining();
            buffers++;
        }
        if (buffers < 2 || size > Integer.MAX_VALUE - 16) {
            return request;
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        for (ByteBuffer b : body) {
            all.put(b.duplicate());
        }
        all.flip();
        return new TransportHttpClient.Request(request.method(), request.path(), request.queryParams(), request.headers(), List.of(all));
    }

    /** Joins each request's body, then hands it to the REST client. */
    private static final class ContiguousBody implements TransportHttpClient {
        private final TransportHttpClient delegate;

        ContiguousBody(TransportHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public TransportOptions createOptions(TransportOptions options) {
            return delegate.createOptions(options);
        }

        @Override
        public Response performRequest(String endpointId, Node node, Request request, TransportOptions options) throws IOException {
            return delegate.performRequest(endpointId, node, joined(request), options);
        }

        @Override
        public CompletableFuture<Response> performRequestAsync(String endpointId, Node node, Request request, TransportOptions options) {
            return delegate.performRequestAsync(endpointId, node, joined(request), options);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
