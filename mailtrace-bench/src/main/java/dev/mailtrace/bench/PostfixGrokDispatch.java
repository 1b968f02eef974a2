package dev.mailtrace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The program dispatch of postfix-grok-patterns' Logstash filter ({@code 50-filter-postfix.conf}):
 * an {@code if [program] =~ /regex/ { grok { match => [ "message", "pattern" ] } } else if ...}
 * chain, read into an ordered list of {@link Route}s and applied the way Logstash applies it: the
 * first route whose regex is found in the program wins.
 *
 * <pre>{@code
 * PostfixGrokDispatch d = PostfixGrokDispatch.parse(shared.postfixFilterConf());
 * Route r = d.route("postfix/anvil");   // regex ^postfix.*\/anvil$, pattern ^%{POSTFIX_ANVIL}$
 * }</pre>
 *
 * <p>Only what the dispatch needs is read: the {@code [program]} conditions, the {@code message}
 * pattern of the grok inside each, and its failure tag (or, for a branch without grok, the tag it
 * adds). Strings are taken verbatim, as Logstash does without {@code config.support_escapes}.
 * Program regexes are Ruby regexes in Logstash; they are compiled with {@code java.util.regex} in
 * {@link Pattern#MULTILINE} mode, Ruby's meaning of {@code ^} and {@code $}, which is the same
 * language for the plain regexes such files use.
 *
 * <p>Immutable and thread-safe.
 */
public final class PostfixGrokDispatch {

    /**
     * One branch of the chain.
     *
     * @param index position in the chain, from 0
     * @param programRegex the regex as written between the slashes ({@code ^postfix.*\/anvil$})
     * @param program the compiled regex
     * @param grokPattern the pattern the branch groks {@code message} with, or {@code null} for a
     *     branch that only tags (the trailing catch-all for {@code ^postfix.*})
     * @param tag the branch's {@code tag_on_failure}, or for a branch without grok the tag it adds;
     *     {@code null} if none
     * @param line the 1-based line of the condition in the file
     */
    public record Route(int index, String programRegex, Pattern program, String grokPattern, String tag, int line) {
        public Route {
            Objects.requireNonNull(programRegex, "programRegex");
            Objects.requireNonNull(program, "program");
        }

        /** Whether this branch groks the message. */
        public boolean hasGrok() {
            return grokPattern != null;
        }
    }

    private static final Pattern CONDITION = Pattern.compile(
            "\\b(else\\s+)?if\\s+\\[program\\]\\s*=~\\s*/((?:\\\\.|[^/\\\\])*)/\\s*\\{");
    private static final Pattern MESSAGE_MATCH = Pattern.compile(
            "\\bmatch\\s*=>\\s*(?:\\[\\s*\"message\"\\s*,|\\{\\s*\"message\"\\s*=>)\\s*\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern TAG_ON_FAILURE = Pattern.compile(
            "\\btag_on_failure\\s*=>\\s*\\[?\\s*\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern ADD_TAG = Pattern.compile(
            "\\badd_tag\\s*=>\\s*\\[?\\s*\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern GROK_BLOCK = Pattern.compile("\\bgrok\\s*\\{");

    private final String source;
    private final List<Route> routes;

    private PostfixGrokDispatch(String source, List<Route> routes) {
        this.source = source;
        this.routes = Collections.unmodifiableList(routes);
    }

    /** Reads the dispatch chain of a Logstash filter file. */
    public static PostfixGrokDispatch parse(Path conf) throws IOException {
        return parse(Files.readString(conf, StandardCharsets.UTF_8), conf.toString());
    }

    /**
     * Reads the dispatch chain of Logstash filter text.
     *
     * @param source a name for error messages, such as the file name
     * @throws IllegalArgumentException naming {@code source:line} if there is no {@code [program]}
     *     condition, a block does not close, a second chain starts, a regex does not compile, or
     *     a grok branch has no {@code message} pattern
     */
    public static PostfixGrokDispatch parse(String text, String source) {
        String code = stripComments(text);
        List<Route> routes = new ArrayList<>();
        Matcher c = CONDITION.matcher(code);
        int searchFrom = 0;
        int previousEnd = -1;
        while (c.find(searchFrom)) {
            int line = lineOf(code, c.start());
            boolean isElse = c.group(1) != null;
            if (routes.isEmpty() == isElse) {
                throw new IllegalArgumentException(source + ":" + line + ": "
                        + (isElse ? "[else if [program]] without a preceding [if [program]]"
                                  : "a second [if [program]] chain; only one dispatch chain is supported"));
            }
            if (isElse && !code.substring(previousEnd, c.start()).isBlank()) {
                throw new IllegalArgumentException(source + ":" + line
                        + ": [else if [program]] does not follow the previous branch directly");
            }
            int bodyStart = c.end();
            int bodyEnd = closingBrace(code, bodyStart - 1, source);
            String body = code.substring(bodyStart, bodyEnd);
            routes.add(route(routes.size(), c.group(2), body, source, line));
            previousEnd = bodyEnd + 1;
            // The next branch must start with "else" right after this block's closing brace.
            searchFrom = bodyEnd + 1;
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException(source + ": no [if [program] =~ /regex/ { ... }] dispatch found");
        }
        return new PostfixGrokDispatch(source, routes);
    }

    private static Route route(int index, String regex, String body, String source, int line) {
        Pattern program;
        try {
            program = Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(source + ":" + line + ": program regex [" + regex
                    + "] does not compile: " + e.getDescription(), e);
        }
        boolean hasGrok = GROK_BLOCK.matcher(body).find();
        String pattern = null;
        String tag;
        if (hasGrok) {
            Matcher m = MESSAGE_MATCH.matcher(body);
            if (!m.find()) {
                throw new IllegalArgumentException(source + ":" + line + ": the grok of branch [" + regex
                        + "] has no [match => [ \"message\", \"...\" ]]");
            }
            pattern = m.group(1);
            tag = firstGroup(TAG_ON_FAILURE, body);
        } else {
            tag = firstGroup(ADD_TAG, body);
        }
        return new Route(index, regex, program, pattern, tag, line);
    }

    private static String firstGroup(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** Index of the brace closing the one at {@code open}, skipping quoted strings. */
    private static int closingBrace(String code, int open, String source) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '"' || ch == '\'') {
                i = skipQuoted(code, i, ch);
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(source + ":" + lineOf(code, open) + ": block does not close");
    }

    private static int skipQuoted(String code, int start, char quote) {
        for (int i = start + 1; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == quote) {
                return i;
            }
        }
        return code.length();
    }

    /** Blanks {@code #} comments (outside strings), keeping offsets and line numbers. */
    private static String stripComments(String text) {
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < sb.length(); i++) {
            char ch = sb.charAt(i);
            if (ch == '"' || ch == '\'') {
                i = skipQuoted(text, i, ch);
            } else if (ch == '#') {
                while (i < sb.length() && sb.charAt(i) != '\n') {
                    sb.setCharAt(i++, ' ');
                }
            }
        }
        return sb.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The branches, in file order. */
    public List<Route> routes() {
        return routes;
    }

    /** Where the dispatch was read from. */
    public String source() {
        return source;
    }

    /**
     * The branch Logstash takes for {@code program}: the first whose regex is found in it.
     *
     * @return the branch, or {@code null} if no condition holds (not a postfix program)
     */
    public Route route(CharSequence program) {
        for (Route r : routes) {
            if (r.program().matcher(program).find()) {
                return r;
            }
        }
        return null;
    }

    /** The distinct grok patterns of the branches, in branch order. */
    public List<String> grokPatterns() {
        List<String> out = new ArrayList<>();
        for (Route r : routes) {
            if (r.hasGrok() && !out.contains(r.grokPattern())) {
                out.add(r.grokPattern());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "PostfixGrokDispatch[" + source + ", " + routes.size() + " routes]";
    }
}
