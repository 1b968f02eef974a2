package dev.mailtrace.es;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;

/**
 * A transport that starts each asynchronous request, and completes its future, on an executor of
 * its own. {@code BulkIngester} sends while holding its lock, and the REST client may fail a request
 * (connection refused) on an I/O thread that holds the connection pool's lock and then calls back into
 * the ingester: with a node down that deadlocks (seen with client 8.19.24). Here neither lock is ever
 * taken while holding the other.
 */
final class DecoupledTransport implements ElasticsearchTransport {

    private final ElasticsearchTransport delegate;
    private final ExecutorService executor;

    DecoupledTransport(ElasticsearchTransport delegate, ExecutorService executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint,
            TransportOptions options) throws IOException {
        return delegate.performRequest(request, endpoint, options);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        CompletableFuture<ResponseT> result = new CompletableFuture<>();
        executor.execute(() -> delegate.performRequestAsync(request, endpoint, options).whenComplete((r, e) ->
                executor.execute(() -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(r);
                    }
                })));
        return result;
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return delegate.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return delegate.options();
    }

    /** Leaves the delegate open: it belongs to the caller. */
    @Override
    public void close() {
    }
}
