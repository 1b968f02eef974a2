package dev.mailtrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.LoggerFactory;

import dev.mailtrace.io.LineReader;
import dev.mailtrace.io.LogInput;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The log inputs of a subcommand ({@code FILE...}, stdin if none) and the loop over their lines.
 *
 * <p>An input that cannot be opened or read is reported and skipped, and the others are still
 * read, as {@code grep} and {@code cat} do: one rotated file with bad permissions should not cost
 * the results of the rest. The command then exits with status 1.
 */
final class InputOptions {

    /** Handles one line; an {@link IOException} from here is an output failure and ends the run. */
    @FunctionalInterface
    interface LineHandler {
        /**
         * @param file the input's name as given, or {@code null} if there is only one input
         * @param line the reader, positioned on the line
         */
        void line(String file, LineReader line) throws IOException;
    }

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Log files to read, in order; standard input if none, and - means standard input."
                    + " Gzip is decompressed, whatever the name (detected by content). A file that cannot be read is"
                    + " reported and skipped, the others are still read, and the exit status is 1.")
    List<String> names = new ArrayList<>();

    @Option(names = "--max-line-length", paramLabel = "BYTES", defaultValue = "" + LineReader.DEFAULT_MAX_LINE_LENGTH,
            description = "Longer lines are cut to this many bytes (and flagged), never fatal. Default: ${DEFAULT-VALUE}.")
    int maxLineLength;

    /** The inputs to read: the files given, or standard input. */
    List<String> inputs() {
        return names.isEmpty() ? List.of(LogInput.STDIN) : names;
    }

    /** Whether output must say which input a line came from. */
    boolean several() {
        return inputs().size() > 1;
    }

    /**
     * Passes every line of every input to {@code handler}, in order, lines numbered per input.
     *
     * @param error receives one-line messages about inputs that cannot be read
     * @return how many inputs could not be read entirely
     * @throws IOException from {@code handler} (output failed)
     */
    int forEachLine(InputStream stdin, Consumer<String> error, LineHandler handler) throws IOException {
        if (maxLineLength < 1) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--max-line-length must be at least 1, got " + maxLineLength);
        }
        boolean several = several();
        int failed = 0;
        for (String name : inputs()) {
            InputStream in;
            try {
                in = LogInput.open(LogInput.isStdin(name) ? null : Path.of(name), stdin);
            } catch (IOException | InvalidPathException e) {
                error.accept("cannot read [" + name + "]: " + CliFailure.reason(e));
                failed++;
                continue;
            }
            LineReader reader = new LineReader(in, maxLineLength);
            long truncatedBefore = 0;
            try {
                while (true) {
                    try {
                        if (!reader.next()) {
                            break;
                        }
                    } catch (IOException e) {
                        // Lines before the error have been handled; say where reading stopped.
                        error.accept("error reading [" + name + "] at line " + (reader.lineNumber() + 1) + ": "
                                + CliFailure.reason(e));
                        failed++;
                        break;
                    }
                    if (reader.truncated() && truncatedBefore++ == 0) {
                        LoggerFactory.getLogger(InputOptions.class).warn(
                                "{}:{}: line longer than {} bytes cut (--max-line-length); later ones in this input"
                                        + " are only flagged", name, reader.lineNumber(), maxLineLength);
                    }
                    handler.line(several ? name : null, reader);
                }
            } finally {
                closeQuietly(reader);
            }
        }
        return failed;
    }

    private static void closeQuietly(LineReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // Everything was read; a failing close of an input changes nothing.
        }
    }
}
