package dev.mailtrace.sink;

import java.util.Map;

/**
 * Creates {@link Sink}s of one kind. Found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/dev.mailtrace.sink.SinkProvider} (and {@code provides}
 * it in {@code module-info} if the jar is modular); {@link SinkRegistry} looks them up by name.
 *
 * <p><b>Lifecycle:</b> one instance per registry, used from any thread: keep it stateless.
 */
public interface SinkProvider {

    /** The sink's name: {@code [a-z][a-z0-9_]*}, unique, e.g. {@code ndjson}. */
    String name();

    /** One line for people. */
    String description();

    /** The options {@link #open} understands, name to description (with the default). Unknown ones are refused before {@code open}. */
    Map<String, String> options();

    /**
     * Opens a sink.
     *
     * @throws SinkException if it cannot be opened (a file that cannot be created, a server that does not answer),
     *     or an option value is invalid
     */
    Sink open(SinkOptions options);
}
