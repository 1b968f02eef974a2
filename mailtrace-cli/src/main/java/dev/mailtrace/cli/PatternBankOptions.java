package dev.mailtrace.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;
import picocli.CommandLine.Option;

/**
 * Where named patterns come from, for every subcommand that compiles grok: the built-in bank,
 * then {@code -d} directories, then {@code -f} files, a later definition of a name replacing an
 * earlier one (Logstash's {@code patterns_dir} layering).
 */
final class PatternBankOptions {

    @Option(names = {"-d", "--patterns-dir"}, paramLabel = "DIR",
            description = "Directory of pattern files (Logstash format: NAME regex), all regular non-hidden files"
                    + " in name order. Repeatable; layered over the built-in patterns.")
    List<Path> directories = new ArrayList<>();

    @Option(names = {"-f", "--patterns-file"}, paramLabel = "FILE",
            description = "Pattern file (Logstash format). Repeatable; layered over the built-in patterns and -d,"
                    + " so a name defined here replaces the built-in one.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--no-builtin",
            description = "Start from an empty pattern bank instead of the built-in patterns.")
    boolean noBuiltin;

    /**
     * Builds and validates the bank.
     *
     * @throws CliFailure with {@link MailtraceCommand#EXIT_USAGE} and a one-line message for an
     *     unreadable or invalid pattern file or directory
     */
    PatternBank build() {
        PatternBank.Builder b = noBuiltin ? PatternBank.builder() : PatternBank.builtin().toBuilder();
        try {
            for (Path dir : directories) {
                try {
                    b.addDirectory(dir);
                } catch (IOException e) {
                    throw new CliFailure(MailtraceCommand.EXIT_USAGE,
                            "cannot read pattern directory [" + dir + "]: " + CliFailure.reason(e));
                }
            }
            for (Path file : files) {
                try {
                    b.addFile(file);
                } catch (IOException e) {
                    throw new CliFailure(MailtraceCommand.EXIT_USAGE,
                            "cannot read pattern file [" + file + "]: " + CliFailure.reason(e));
                }
            }
            return b.build();
        } catch (PatternCompileException e) {
            // The message names the pattern, its file:line and the column.
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "bad pattern file: " + e.getMessage());
        }
    }
}
