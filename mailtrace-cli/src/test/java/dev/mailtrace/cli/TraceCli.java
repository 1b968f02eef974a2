package dev.mailtrace.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.mailtrace.spi.DialectRegistry;
import picocli.CommandLine;

/** Runs {@code mailtrace trace} in-process with a given dialect registry (null: the class path's). */
final class TraceCli {

    /** The bundled example: mx1 → amavis → mx1 → mbox1, a bounce, a greylisting reject, a deferred mail. */
    static final Path EXAMPLE = Path.of("../examples/logs/mail.log");

    private TraceCli() {
    }

    static Cli.Result run(DialectRegistry registry, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        MailtraceCommand command = new MailtraceCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out);
        CommandLine cl = MailtraceCommand.newCommandLine(command);
        ((TraceCommand) cl.getSubcommands().get("trace").getCommand()).registry = registry;
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "trace";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = cl.execute(all);
        return new Cli.Result(status, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
