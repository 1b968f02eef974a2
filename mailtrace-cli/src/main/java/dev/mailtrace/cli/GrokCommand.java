package dev.mailtrace.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.GrokExplanation;
import dev.mailtrace.grok.GrokFeature;
import dev.mailtrace.grok.GrokField;
import dev.mailtrace.grok.GrokMatcher;
import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;
import dev.mailtrace.io.LineReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace grok}: matches every input line against grok patterns and writes one NDJSON
 * object per line, in input order (the format is {@link GrokJsonWriter}'s and is a public
 * contract: scripts depend on it).
 *
 * <p>Streams in constant memory: lines are byte slices of a {@link LineReader}'s buffer, matched
 * by one {@link GrokMatcher} and written by one jackson generator; only field values become
 * strings.
 */
@Command(name = "grok",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Match log lines against grok patterns: one JSON object per line (NDJSON).",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Match log lines against grok patterns; write one JSON object per input line to stdout (NDJSON), in"
                    + " input order:",
            "  {\"line\":N,\"pattern\":I,\"fields\":{...}}",
            "      pattern I (0-based) matched first; values are typed (:int gives a",
            "      number) and a field captured more than once is a list",
            "  {\"line\":N,\"pattern\":null}",
            "      no pattern matched; --explain adds \"explain\": how far the best pattern got",
            "  {\"line\":N,\"pattern\":null,\"timeout\":true}",
            "      the match budget (--timeout) ran out",
            "With several FILEs each object starts with \"file\" and lines are numbered per file."
                    + " \"truncated\":true marks a line cut at --max-line-length; \"conversion_errors\" lists values"
                    + " that do not convert to their type (kept as text).",
            "Named patterns: the built-in ones, then -d directories, then -f files; a later definition wins.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:all inputs read (whether lines matched or not)",
            "1:an input could not be read: reported on stderr, the other inputs are still read",
            "2:bad usage, bad pattern or bad pattern file: one line on stderr naming the pattern and column",
            "141:stdout was closed early (as in | head), like tools killed by SIGPIPE"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mailtrace grok -p '%%{SYSLOGBASE} %%{GREEDYDATA:message}' /var/log/mail.log",
            "  mailtrace grok -f postfix.grok -p '%%{POSTFIX_SMTPD}' --explain mail.log.2.gz",
            "  tail -F mail.log | mailtrace grok --line-buffered -p '%%{SYSLOGBASE}'"
        })
final class GrokCommand implements Callable<Integer> {

    @ParentCommand
    MailtraceCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--pattern"}, paramLabel = "PATTERN", required = true,
            description = "Grok pattern, e.g. '%%{IP:client} %%{INT:bytes:int}'. Repeatable: tried in order,"
                    + " the first that matches wins (see --no-break-on-match).")
    List<String> patterns = new ArrayList<>();

    @Mixin
    PatternBankOptions bankOptions;

    @Option(names = "--explain",
            description = "For lines that match no pattern, add \"explain\": the pattern that got furthest, the steps"
                    + " it matched, the component that failed (failed_at), the byte offset and the rest of the line."
                    + " Slow: meant for developing patterns.")
    boolean explain;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Match budget per line and pattern, e.g. 250ms, 2s; 0 for none. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--break-on-match", negatable = true, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            paramLabel = "BOOL",
            description = "Stop at the first pattern that matches (default). With --no-break-on-match every"
                    + " pattern is tried and the fields of all that match are merged.")
    boolean breakOnMatch;

    @Option(names = "--keep-empty-captures", negatable = true, arity = "0..1", defaultValue = "true",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Keep fields that captured the empty string, as \"\" (default, as Elasticsearch)."
                    + " --no-keep-empty-captures drops them, as Logstash does.")
    boolean keepEmptyCaptures;

    @Option(names = "--named-captures-only", negatable = true, arity = "0..1", defaultValue = "true",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Only %%{NAME:field} captures (default). --named-captures-only=false also captures %%{NAME}"
                    + " as field NAME.")
    boolean namedCapturesOnly;

    @Option(names = "--list-fields",
            description = "Print the fields the patterns can produce and their types (name<TAB>type), then exit.")
    boolean listFields;

    @Option(names = "--line-buffered",
            description = "Flush after every line (for tail -f); by default output is block-buffered.")
    boolean lineBuffered;

    @Mixin
    InputOptions inputs;

    /** What happened to the lines, for the -v summary. */
    private long lines;
    private long matched;
    private long noMatch;
    private long timeouts;
    private long truncated;

    @Override
    public Integer call() {
        Logger log = LoggerFactory.getLogger(GrokCommand.class);
        PatternBank bank = bankOptions.build();
        Grok grok = compile(bank);
        log.info("{} named patterns, {} pattern(s) to match, {} field(s)", bank.size(), patterns.size(),
                grok.fields().size());
        if (log.isDebugEnabled()) {
            for (int i = 0; i < patterns.size(); i++) {
                log.debug("pattern #{} expands to {}", i, grok.expandedRegex(i));
            }
        }
        OutputStream stdout = new BufferedOutputStream(parent.stdout(), 64 * 1024);
        try {
            if (listFields) {
                listFields(grok, stdout);
                stdout.flush();
                return 0;
            }
            long startNanos = System.nanoTime();
            GrokMatcher matcher = grok.matcher();
            GrokJsonWriter out = new GrokJsonWriter(stdout, lineBuffered);
            int failedInputs = inputs.forEachLine(parent.stdin(), this::error, (file, r) -> line(grok, matcher, out, file, r));
            out.flush();
            if (parent.verbosity() > 0) {
                summary(failedInputs, System.nanoTime() - startNanos);
            }
            return failedInputs > 0 ? MailtraceCommand.EXIT_INPUT : 0;
        } catch (IOException e) {
            throw CliFailure.outputFailed(e);
        }
    }

    private void line(Grok grok, GrokMatcher matcher, GrokJsonWriter out, String file, LineReader r) throws IOException {
        lines++;
        if (r.truncated()) {
            truncated++;
        }
        switch (matcher.match(r.buffer(), r.start(), r.length())) {
            case MATCHED -> {
                matched++;
                out.matched(file, r.lineNumber(), r.truncated(), matcher);
            }
            case NO_MATCH -> {
                noMatch++;
                GrokExplanation why = explain ? explain(grok, r) : null;
                out.noMatch(file, r.lineNumber(), r.truncated(), why);
            }
            case TIMED_OUT -> {
                timeouts++;
                out.timedOut(file, r.lineNumber(), r.truncated());
            }
        }
    }

    private static GrokExplanation explain(Grok grok, LineReader r) {
        return furthest(grok.explain(r.buffer(), r.start(), r.length()));
    }

    /** The explanation of the pattern that matched the longest prefix; the first one on ties. */
    static GrokExplanation furthest(List<GrokExplanation> explanations) {
        GrokExplanation best = null;
        for (GrokExplanation e : explanations) {
            if (best == null || e.offset() > best.offset()) {
                best = e;
            }
        }
        return best;
    }

    private Grok compile(PatternBank bank) {
        try {
            return builder(bank).patterns(patterns).build();
        } catch (PatternCompileException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, describe(bank, e));
        }
    }

    private Grok.Builder builder(PatternBank bank) {
        return Grok.builder(bank)
                .matchTimeout(timeout)
                .configure(GrokFeature.BREAK_ON_MATCH, breakOnMatch)
                .configure(GrokFeature.KEEP_EMPTY_CAPTURES, keepEmptyCaptures)
                .configure(GrokFeature.NAMED_CAPTURES_ONLY, namedCapturesOnly);
    }

    /**
     * One line naming the {@code -p} pattern at fault, then the column and reason: within that
     * pattern if the fault is in its own text, else the named pattern, its file:line and column.
     */
    private String describe(PatternBank bank, PatternCompileException e) {
        // Which -p it is: compile them one by one (only on this error path, so the cost is moot).
        int index = -1;
        for (int i = 0; i < patterns.size() && index < 0; i++) {
            try {
                builder(bank).pattern(patterns.get(i)).build();
            } catch (PatternCompileException single) {
                index = i;
            }
        }
        String which = index < 0 ? "bad pattern" : "bad pattern -p #" + index + " [" + patterns.get(index) + "]";
        if (e.patternName() == null) {
            return which + (e.column() > 0 ? " column " + e.column() : "") + ": " + e.reason();
        }
        return which + ": " + e.getMessage();
    }

    private void listFields(Grok grok, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (GrokField f : grok.fields()) {
            sb.append(f.name()).append('\t').append(f.type().grokName()).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void error(String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + CliFailure.oneLine(message));
        spec.commandLine().getErr().flush();
    }

    private void summary(int failedInputs, long nanos) {
        error(String.format(Locale.ROOT,
                "%d lines: %d matched, %d no match, %d timed out, %d truncated; %d of %d inputs unreadable; %.2f s",
                lines, matched, noMatch, timeouts, truncated, failedInputs, inputs.inputs().size(), nanos / 1e9));
    }
}
