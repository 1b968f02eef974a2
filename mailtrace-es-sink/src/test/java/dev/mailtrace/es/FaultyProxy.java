package dev.mailtrace.es;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP proxy in front of a node that answers the next bulk requests with injected faults,
 * in order, then passes everything through. Other requests always pass; while the node is down it
 * answers 502. In the test-jar, for the CLI's tests too.
 */
public final class FaultyProxy implements AutoCloseable {

    /** What to do with one bulk request. */
    public enum Fault {
        /** Close the connection without an answer. */
        RESET,
        /** 429 Too Many Requests for the whole request. */
        TOO_MANY,
        /** 500 for the whole request. */
        ERROR_500,
        /** 503 for the whole request. */
        UNAVAILABLE,
        /** Pass it on, but report the first operation as rejected with 429 (a partial failure). */
        PARTIAL
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private volatile Fault always;
    public final AtomicInteger bulkRequests = new AtomicInteger();
    /** The Authorization header of the last request, or null. */
    public volatile String authorization;

    public FaultyProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void inject(List<Fault> next) {
        faults.addAll(next);
    }

    /** How many injected faults have not happened yet. */
    public int faultsLeft() {
        return faults.size();
    }

    /** Every bulk request fails this way (null: none). */
    public void always(Fault f) {
        this.always = f;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        authorization = ex.getRequestHeaders().getFirst("Authorization");
        boolean bulk = ex.getRequestURI().getPath().endsWith("/_bulk");
        Fault fault = null;
        if (bulk) {
            bulkRequests.incrementAndGet();
            fault = always != null ? always : faults.poll();
        }
        if (fault == Fault.RESET) {
            ex.close();
            return;
        }
        if (fault == Fault.TOO_MANY || fault == Fault.ERROR_500 || fault == Fault.UNAVAILABLE) {
            int status = fault == Fault.TOO_MANY ? 429 : fault == Fault.ERROR_500 ? 500 : 503;
            send(ex, status, ("{\"error\":{\"type\":\"injected\",\"reason\":\"injected " + status + "\"},\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Content-Type", "Accept")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                rb.header(h, v);
            }
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
            return;
        } catch (IOException e) {
            send(ex, 502, "{\"error\":\"node down\",\"status\":502}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] answer = r.body();
        if (fault == Fault.PARTIAL && r.statusCode() == 200) {
            ObjectNode tree = (ObjectNode) JSON.readTree(answer);
            ObjectNode item = (ObjectNode) tree.withArray("items").get(0).elements().next();
            item.put("status", 429);
            item.putObject("error").put("type", "es_rejected_execution_exception").put("reason", "injected partial failure");
            tree.put("errors", true);
            answer = JSON.writeValueAsBytes(tree);
        }
        send(ex, r.statusCode(), answer);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
