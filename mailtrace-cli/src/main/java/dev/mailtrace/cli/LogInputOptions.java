package dev.mailtrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.mailtrace.io.LogInput;
import dev.mailtrace.io.LogReader;
import dev.mailtrace.io.RotatedLogs;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The log inputs of the commands that read mail logs through the framing layer ({@code parse},
 * {@code trace}): {@code FILE...} (standard input if none), rotated sets, the charset, and the
 * year and zone of timestamps that lack them. A picocli mixin, so the options read the same
 * everywhere.
 */
final class LogInputOptions {

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Log files, read in order; standard input if none, - means standard input. Gzip is read"
                    + " transparently. A file that cannot be opened is reported and skipped (exit status 1).")
    List<String> files = new ArrayList<>();

    @Option(names = "--year", paramLabel = "Y",
            description = "Year of the first RFC 3164 line of each file (default: inferred from the file's"
                    + " modification time); later lines roll over at New Year.")
    Integer year;

    @Option(names = "--tz", paramLabel = "ZONE",
            description = "Time zone of timestamps written without one, e.g. Europe/Berlin. Default: the system zone.")
    String zone;

    @Option(names = "--charset", paramLabel = "CS", defaultValue = "UTF-8",
            description = "Charset of the logs: UTF-8 (default; invalid bytes are kept and flagged) or a"
                    + " single-byte legacy charset such as ISO-8859-1.")
    String charset;

    @Option(names = "--rotated",
            description = "Read each FILE with its rotated predecessors, oldest first (maillog.3.gz, maillog.2.gz,"
                    + " maillog.1, maillog-20261124, maillog).")
    boolean rotated;

    /** The zone of {@code --tz}, or the system zone. */
    ZoneId zone() {
        return zone(zone);
    }

    /** The zone named by a {@code --tz} value, or the system zone for null. */
    static ZoneId zone(String name) {
        if (name == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--tz: unknown time zone [" + name + "]");
        }
    }

    /** The year of {@code --year}, or 0 to infer it; checked. */
    int year() {
        if (year == null) {
            return 0;
        }
        if (year < 1 || year > 9999) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--year: [" + year + "] out of range [1, 9999]");
        }
        return year;
    }

    /**
     * Resolves the FILE arguments (and their rotated sets) into {@code paths}; reports the missing
     * ones to {@code error}.
     *
     * @return how many could not be read
     */
    int collect(List<Path> paths, Consumer<String> error) {
        List<List<Path>> groups = new ArrayList<>();
        int missing = collectGroups(groups, error);
        groups.forEach(paths::addAll);
        return missing;
    }

    /**
     * As {@link #collect}, keeping the files of each FILE argument (it and, with {@code --rotated},
     * its rotated predecessors) together: one group per argument that could be read.
     */
    int collectGroups(List<List<Path>> groups, Consumer<String> error) {
        int missing = 0;
        List<Path> paths = new ArrayList<>();
        boolean stdin = files.isEmpty();
        for (String name : files) {
            if (LogInput.isStdin(name)) {
                stdin = true;
                continue;
            }
            Path p = Path.of(name);
            try {
                if (rotated) {
                    List<Path> set = RotatedLogs.list(p);
                    if (set.isEmpty()) {
                        throw new IOException("no such file or rotated set");
                    }
                    paths.addAll(set);
                    groups.add(set);
                } else if (Files.isReadable(p) && !Files.isDirectory(p)) {
                    paths.add(p);
                    groups.add(List.of(p));
                } else {
                    throw new IOException(Files.exists(p) ? "not a readable file" : "no such file");
                }
            } catch (IOException e) {
                error.accept("cannot read [" + name + "]: " + CliFailure.reason(e));
                missing++;
            }
        }
        if (stdin && !paths.isEmpty()) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "standard input (-) cannot be mixed with files");
        }
        if (!files.isEmpty() && paths.isEmpty() && !stdin) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, null);
        }
        return missing;
    }

    /** One reader per group of {@link #collectGroups}, or one over {@code stdin} when there are none. */
    List<LogReader> openEach(List<List<Path>> groups, InputStream stdin) {
        if (groups.isEmpty()) {
            return List.of(open(List.of(), stdin));
        }
        List<LogReader> readers = new ArrayList<>(groups.size());
        for (List<Path> group : groups) {
            readers.add(open(group, stdin));
        }
        return readers;
    }

    /** A reader over {@code paths}, or over {@code stdin} when there are none, in the charset of {@code --charset}. */
    LogReader open(List<Path> paths, InputStream stdin) {
        LogReader.Builder b = LogReader.builder().stdin(stdin);
        try {
            b.charset(Charset.forName(charset));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--charset " + CliFailure.reason(e));
        }
        if (paths.isEmpty()) {
            return b.open(LogInput.STDIN, stdin);
        }
        return b.open(paths);
    }
}
