package dev.mailtrace.es;

/**
 * Elasticsearch could not be used: not reachable, the certificate not trusted, the credentials
 * refused. The message says which and what to check; it never contains a secret.
 */
public final class EsConnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EsConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
