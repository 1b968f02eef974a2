package dev.mailtrace.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code mailtrace} command: entry point of the runnable jar, parent of one class per
 * subcommand ({@link GrokCommand}, ...).
 *
 * <p>Standard input and output are fields rather than {@link System#in}/{@link System#out} so
 * that subcommands can be run in-process (tests, embedding) with other streams; error messages go
 * to picocli's {@link CommandLine#getErr() err} writer for the same reason. Exit codes: 0 success,
 * 1 an input could not be read or an internal error, 2 bad usage or bad patterns.
 */
@Command(name = "mailtrace",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Mail-server logs to transactions and end-to-end message traces.",
        subcommands = {GrokCommand.class, ParseCommand.class, TraceCommand.class, ListenCommand.class, BenchCommand.class,
                IndexCommand.class, SearchCommand.class, PruneCommand.class, CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class MailtraceCommand implements Callable<Integer> {

    /** Exit status for bad usage, a bad pattern or a bad pattern file. */
    static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    /** Exit status when an input could not be read (the others were still processed). */
    static final int EXIT_INPUT = 1;

    private final InputStream stdin;
    private final OutputStream stdout;

    @Spec
    CommandSpec spec;

    // Inherited: "mailtrace -v grok" and "mailtrace grok -v" both land here.
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More output on stderr: -v a summary and info messages, -vv debug, -vvv trace.")
    boolean[] verbose = new boolean[0];

    /** A command on the process's standard input and output. */
    public MailtraceCommand() {
        // FileOutputStream on the descriptor: no PrintStream locking or flushing per write; the
        // subcommands buffer and flush themselves.
        this(System.in, new FileOutputStream(FileDescriptor.out));
    }

    /** A command on the given streams, for running in-process. */
    public MailtraceCommand(InputStream stdin, OutputStream stdout) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(newCommandLine(new MailtraceCommand()).execute(args));
    }

    /**
     * A picocli command line for {@code command}, with mailtrace's logging set-up and error
     * handling: call {@link CommandLine#execute} on it.
     */
    public static CommandLine newCommandLine(MailtraceCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionStrategy(command::executionStrategy);
        cl.setExecutionExceptionHandler(command::handleException);
        cl.setParameterExceptionHandler(MailtraceCommand::handleUsageError);
        return cl;
    }

    /** A usage error: what is wrong and where help is, not the whole help (as GNU tools do). */
    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        String name = failed.getCommandSpec().qualifiedName();
        err.println(name + ": " + CliFailure.oneLine(String.valueOf(e.getMessage())));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    private int executionStrategy(ParseResult parseResult) {
        // After parsing (so -v is known) and before any subcommand code obtains a logger.
        Logging.configure(verbosity());
        return new CommandLine.RunLast().execute(parseResult);
    }

    private int handleException(Exception e, CommandLine failed, ParseResult parseResult) {
        PrintWriter err = failed.getErr();
        String prefix = failed.getCommandSpec().qualifiedName() + ": ";
        if (e instanceof CliFailure f) {
            if (f.getMessage() != null) {
                err.println(prefix + f.getMessage());
            }
            err.flush();
            return f.exitCode();
        }
        err.println(prefix + "internal error: " + CliFailure.oneLine(String.valueOf(e))
                + (verbosity() == 0 ? " (-v for the stack trace)" : ""));
        if (verbosity() > 0) {
            e.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** Without a subcommand: the usage, on stderr, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("mailtrace: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /** How many times {@code -v} was given. */
    int verbosity() {
        return verbose.length;
    }

    /** Standard input of this run. */
    InputStream stdin() {
        return stdin;
    }

    /** Standard output of this run: binary, unbuffered; wrap it and flush before returning. */
    OutputStream stdout() {
        return stdout;
    }
}
