package dev.mailtrace.es;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;

/**
 * Where and how to reach Elasticsearch: the node URLs, how {@code https} servers are verified (a CA
 * certificate file, a certificate fingerprint, or the JVM's trust store), and the credentials (basic
 * auth or an API key). Immutable; {@link #open()} makes a client.
 *
 * <p>Credentials never come from a command line: {@link Builder#credentialsFromEnvironment} reads
 * {@code MAILTRACE_ES_USER}/{@code MAILTRACE_ES_PASSWORD} or {@code MAILTRACE_ES_API_KEY};
 * {@link Builder#credentialsFromFile} reads the same keys ({@code user}, {@code password}, {@code api_key})
 * from a properties file. {@link #toString()} never shows a secret.
 */
public final class EsConnection {

    /** Environment variable holding the user for basic auth. */
    public static final String ENV_USER = "MAILTRACE_ES_USER";
    /** Environment variable holding the password for basic auth. */
    public static final String ENV_PASSWORD = "MAILTRACE_ES_PASSWORD";
    /** Environment variable holding an API key (the encoded form Kibana shows, {@code id:key} base64). */
    public static final String ENV_API_KEY = "MAILTRACE_ES_API_KEY";

    private final List<HttpHost> hosts;
    private final Path caCertificate;
    private final String fingerprint;
    private final String user;
    private final String password;
    private final String apiKey;

    private EsConnection(Builder b) {
        this.hosts = List.copyOf(b.hosts);
        this.caCertificate = b.caCertificate;
        this.fingerprint = b.fingerprint;
        this.user = b.user;
        this.password = b.password;
        this.apiKey = b.apiKey;
    }

    /**
     * A connection to {@code urls}, comma-separated ({@code https://es1:9200,https://es2:9200}).
     *
     * @throws IllegalArgumentException for a URL that is not {@code http://host:port} or {@code https://host:port}
     */
    public static Builder builder(String urls) {
        return new Builder(urls);
    }

    /** The hosts as given, for messages: {@code [https://es1:9200]}. */
    public List<String> urls() {
        return hosts.stream().map(HttpHost::toURI).toList();
    }

    /**
     * A client on this connection; close its transport ({@code client._transport().close()}) when done.
     *
     * @throws IllegalArgumentException when the CA certificate cannot be read or the fingerprint is malformed
     */
    public ElasticsearchClient open() {
        SSLContext ssl = sslContext();
        RestClientBuilder rb = RestClient.builder(hosts.toArray(new HttpHost[0]));
        if (apiKey != null) {
            rb.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
        }
        rb.setHttpClientConfigCallback(hc -> {
            if (ssl != null) {
                hc.setSSLContext(ssl);
            }
            if (user != null) {
                BasicCredentialsProvider creds = new BasicCredentialsProvider();
                creds.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user, password));
                hc.setDefaultCredentialsProvider(creds);
            }
            return hc;
        });
        return new ElasticsearchClient(new EsTransport(rb.build(), new JacksonJsonpMapper()));
    }

    /**
     * A client on this connection, checked with one request (cluster health), so that a wrong
     * password, an untrusted certificate or a node that does not answer is reported here, clearly,
     * and not in the middle of a run.
     *
     * @throws EsConnectException saying what failed
     */
    public ElasticsearchClient connect() {
        ElasticsearchClient client = open();
        try {
            client.cluster().health();
            return client;
        } catch (IOException | RuntimeException e) {
            try {
                client._transport().close();
            } catch (IOException ignored) {
                // the failure below is what matters
            }
            throw new EsConnectException(explain(e), e);
        }
    }

    private String explain(Exception e) {
        int status = EsSink.statusOf(e);
        String where = "Elasticsearch " + urls();
        if (status == 401) {
            return where + " refused the credentials" + (user != null ? " of user [" + user + "]" : apiKey != null
                    ? " (API key)" : " (none given: set " + ENV_USER + " and " + ENV_PASSWORD + ", " + ENV_API_KEY
                    + ", or a credentials file)") + ": authentication failed";
        }
        if (status == 403) {
            return where + ": " + (user != null ? "user [" + user + "]" : "the API key") + " may not read cluster health";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return where + ": TLS failed (" + t.getMessage() + "); give the CA certificate or its fingerprint";
            }
            if (t instanceof java.net.ConnectException) {
                return where + " does not answer: " + t.getMessage();
            }
        }
        return where + ": " + (status > 0 ? "HTTP " + status + ": " : "") + e.getMessage();
    }

    private SSLContext sslContext() {
        if (caCertificate != null) {
            try {
                return TransportUtils.sslContextFromHttpCaCrt(caCertificate.toFile());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read the CA certificate [" + caCertificate + "]: " + e.getMessage(), e);
            }
        }
        if (fingerprint != null) {
            try {
                return TransportUtils.sslContextFromCaFingerprint(fingerprint);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid certificate fingerprint: " + e.getMessage(), e);
            }
        }
        return null; // https verified against the JVM's trust store
    }

    /** Hosts and the kinds of verification and credentials, never their values. */
    @Override
    public String toString() {
        return "EsConnection" + urls() + (caCertificate != null ? " ca=" + caCertificate : "")
                + (fingerprint != null ? " fingerprint" : "") + (user != null ? " user=" + user : "")
                + (apiKey != null ? " api_key" : "");
    }

    /** Configures an {@link EsConnection}. */
    public static final class Builder {
        private final List<HttpHost> hosts = new ArrayList<>();
        private Path caCertificate;
        private String fingerprint;
        private String user;
        private String password;
        private String apiKey;

        private Builder(String urls) {
            for (String url : urls.split(",")) {
                hosts.add(host(url.trim()));
            }
        }

        private static HttpHost host(String url) {
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid Elasticsearch URL [" + url + "]: " + e.getMessage(), e);
            }
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null) {
                throw new IllegalArgumentException("invalid Elasticsearch URL [" + url
                        + "]; expected http://host:port or https://host:port");
            }
            if (u.getUserInfo() != null) {
                throw new IllegalArgumentException("Elasticsearch URL [" + u.getScheme() + "://" + u.getHost()
                        + "...] carries credentials; give them through " + ENV_USER + "/" + ENV_PASSWORD + " or a credentials file");
            }
            return new HttpHost(u.getHost(), u.getPort() < 0 ? 9200 : u.getPort(), scheme);
        }

        /** Verify {@code https} servers with this CA certificate (PEM), e.g. Elasticsearch's {@code http_ca.crt}. */
        public Builder caCertificate(Path pem) {
            this.caCertificate = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /** Verify {@code https} servers by the SHA-256 fingerprint of their CA certificate (hex, colons allowed). */
        public Builder fingerprint(String sha256) {
            this.fingerprint = Objects.requireNonNull(sha256, "sha256").replace(":", "");
            return this;
        }

        /** Basic auth. */
        public Builder basicAuth(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** An API key, encoded ({@code base64(id:key)}) or as {@code id:key}. */
        public Builder apiKey(String key) {
            Objects.requireNonNull(key, "key");
            this.apiKey = key.contains(":") ? Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : key;
            return this;
        }

        /**
         * Credentials from {@link #ENV_API_KEY}, or {@link #ENV_USER} and {@link #ENV_PASSWORD}, when set.
         *
         * @throws IllegalArgumentException when only one of user and password is set
         */
        public Builder credentialsFromEnvironment(Map<String, String> env) {
            return credentials(env.get(ENV_USER), env.get(ENV_PASSWORD), env.get(ENV_API_KEY), "environment variables "
                    + ENV_USER + " and " + ENV_PASSWORD);
        }

        /**
         * Credentials from a properties file with {@code user} and {@code password}, or {@code api_key}.
         *
         * @throws IllegalArgumentException when the file cannot be read or holds no usable credentials
         */
        public Builder credentialsFromFile(Path file) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the credentials file [" + file + "]: " + e.getMessage(), e);
            }
            if (p.getProperty("api_key") == null && p.getProperty("user") == null) {
                throw new IllegalArgumentException("credentials file [" + file + "] has neither [user] and [password] nor [api_key]");
            }
            return credentials(p.getProperty("user"), p.getProperty("password"), p.getProperty("api_key"),
                    "[user] and [password] in [" + file + "]");
        }

        private Builder credentials(String u, String pw, String key, String where) {
            if (key != null && !key.isBlank()) {
                return apiKey(key.trim());
            }
            if (u == null && pw == null) {
                return this;
            }
            if (u == null || pw == null) {
                throw new IllegalArgumentException("basic auth needs both " + where + "; only one is set");
            }
            return basicAuth(u, pw);
        }

        /** The connection. */
        public EsConnection build() {
            return new EsConnection(this);
        }
    }
}
