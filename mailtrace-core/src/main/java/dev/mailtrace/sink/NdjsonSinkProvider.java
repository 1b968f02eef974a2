package dev.mailtrace.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ndjson} sink: {@link NdjsonSink} to a file or standard output.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code path}</td><td>{@code -}</td><td>the file to write (created or truncated; {@code -} is standard output)</td></tr>
 * <tr><td>{@code append}</td><td>false</td><td>append to the file instead of truncating it</td></tr>
 * <tr><td>{@code zone}</td><td>UTC</td><td>the zone whose offset times are written in</td></tr>
 * <tr><td>{@code flush_each_record}</td><td>false</td><td>flush after every record (live tailing)</td></tr>
 * </table>
 */
public final class NdjsonSinkProvider implements SinkProvider {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("path", "file to write, created or truncated; - for standard output (default)");
        OPTIONS.put("append", "true to append to the file (default false)");
        OPTIONS.put("zone", "time zone of the written times, e.g. Europe/Berlin (default UTC)");
        OPTIONS.put("flush_each_record", "true to flush after every record (default false)");
    }

    @Override
    public String name() {
        return NdjsonSink.NAME;
    }

    @Override
    public String description() {
        return "one JSON object per transaction, reject and message, one per line";
    }

    @Override
    public Map<String, String> options() {
        return OPTIONS;
    }

    @Override
    public Sink open(SinkOptions options) {
        String path = options.get("path", "-");
        boolean append = options.bool("append", false);
        OutputStream out;
        boolean close;
        if (path.equals("-")) {
            out = options.stdout();
            close = false;
        } else {
            try {
                Path p = Path.of(path);
                out = new BufferedOutputStream(append
                        ? Files.newOutputStream(p, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)
                        : Files.newOutputStream(p), 64 * 1024);
                close = true;
            } catch (IOException | InvalidPathException e) {
                throw new SinkException(NdjsonSink.NAME, "cannot open [" + path + "]: " + e.getMessage(), e);
            }
        }
        return NdjsonSink.builder(out)
                .zone(options.zone("zone", ZoneOffset.UTC))
                .flushEachRecord(options.bool("flush_each_record", false))
                .closeTarget(close)
                .build();
    }
}
