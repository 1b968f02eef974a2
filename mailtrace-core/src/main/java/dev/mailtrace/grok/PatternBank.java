package dev.mailtrace.grok;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable set of named grok patterns, validated when built: every reference resolves and no
 * pattern refers to itself through any chain, so a {@link Grok} compiled from it fails only for
 * reasons in its own expression.
 *
 * <p>Banks are layered like Logstash's {@code patterns_dir}: the built-in base patterns first (our
 * own definitions of the usual names, see {@code base.grok}), then any number of pattern files and
 * directories; a later definition of a name replaces an earlier one.
 *
 * <pre>{@code
 * PatternBank bank = PatternBank.builder()
 *         .addBuiltin()
 *         .addFile(Path.of("/etc/logstash/patterns.d/postfix.grok"))
 *         .add("QUEUEID", "[0-9A-F]{6,}")
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe and immutable.
 */
public final class PatternBank {

    private static final String BUILTIN_RESOURCE = "base.grok";

    private static final Logger LOG = LoggerFactory.getLogger(PatternBank.class);

    private final Map<String, PatternDefinition> definitions;
    private final List<String> warnings;

    private PatternBank(Map<String, PatternDefinition> definitions, List<String> warnings) {
        this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
        this.warnings = List.copyOf(warnings);
    }

    /** The built-in base patterns (WORD, INT, IP, HOSTNAME, SYSLOGBASE, TIMESTAMP_ISO8601, ...). */
    public static PatternBank builtin() {
        return loadBuiltin();
    }

    /** A bank with no patterns. */
    public static PatternBank empty() {
        return new PatternBank(Map.of(), List.of());
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with this bank's patterns, to layer more on top. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.definitions.putAll(definitions);
        return b;
    }

    /** The definition of {@code name}, or {@code null}. */
    public PatternDefinition get(String name) {
        return definitions.get(name);
    }

    /** The names defined, in definition order. */
    public Set<String> names() {
        return definitions.keySet();
    }

    /**
     * Problems that did not stop the bank from being built, one line each with pattern, origin and
     * column: malformed references ({@code %{DATA:[name?]}}) in definitions, which are kept as
     * literal regex text exactly as Elasticsearch keeps them.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Number of patterns. */
    public int size() {
        return definitions.size();
    }

    @Override
    public String toString() {
        return "PatternBank[" + definitions.size() + " patterns]";
    }

    /** Builds a {@link PatternBank}; not thread-safe. */
    public static final class Builder {
        private final Map<String, PatternDefinition> definitions = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds the built-in base patterns. */
        public Builder addBuiltin() {
            definitions.putAll(loadBuiltin().definitions);
            return this;
        }

        /** Adds (or replaces) one pattern defined in code. */
        public Builder add(String name, String regex) throws PatternCompileException {
            Objects.requireNonNull(regex, "regex");
            if (name == null || !GrokSyntax.isValidPatternName(name)) {
                throw new PatternCompileException(name, "code", -1,
                        "invalid pattern name [" + name + "]: expected [A-Za-z0-9_]+");
            }
            definitions.put(name, new PatternDefinition(name, regex, "code"));
            return this;
        }

        /** Adds every pattern of another bank. */
        public Builder addAll(PatternBank bank) {
            definitions.putAll(bank.definitions);
            return this;
        }

        /**
         * Adds the patterns of one file in Logstash format: {@code NAME regex} lines, {@code #}
         * comments and blank lines.
         */
        public Builder addFile(Path file) throws IOException, PatternCompileException {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return addPatterns(r, file.toString());
            }
        }

        /**
         * Adds every regular, non-hidden file of a directory, in file-name order, like Logstash's
         * {@code patterns_dir}.
         */
        public Builder addDirectory(Path dir) throws IOException, PatternCompileException {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                        files.add(p);
                    }
                }
            }
            files.sort(null);
            for (Path p : files) {
                addFile(p);
            }
            return this;
        }

        /**
         * Adds patterns in Logstash format read from {@code reader}.
         *
         * @param source the name used in error messages and {@link PatternDefinition#origin()}
         */
        public Builder addPatterns(Reader reader, String source) throws IOException, PatternCompileException {
            BufferedReader br = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
            String line;
            int lineNo = 0;
            while ((line = br.readLine()) != null) {
                lineNo++;
                // Logstash's rule: leading whitespace is ignored, '#' starts a comment line, the name
                // ends at the first run of whitespace and the rest, trailing whitespace included
                // (as Elasticsearch keeps it), is the regex.
                int nameStart = 0;
                while (nameStart < line.length() && Character.isWhitespace(line.charAt(nameStart))) {
                    nameStart++;
                }
                if (nameStart == line.length() || line.charAt(nameStart) == '#') {
                    continue;
                }
                String origin = source + ":" + lineNo;
                int nameEnd = nameStart;
                while (nameEnd < line.length() && !Character.isWhitespace(line.charAt(nameEnd))) {
                    nameEnd++;
                }
                String name = line.substring(nameStart, nameEnd);
                int regexStart = nameEnd;
                while (regexStart < line.length() && Character.isWhitespace(line.charAt(regexStart))) {
                    regexStart++;
                }
                if (!GrokSyntax.isValidPatternName(name) || regexStart == line.length()) {
                    throw new PatternCompileException(null, origin, nameStart + 1,
                            "expected a pattern name ([A-Za-z0-9_]+), whitespace and a regex, found ["
                                    + abbreviate(line) + "]");
                }
                definitions.put(name, new PatternDefinition(name, line.substring(regexStart), origin));
            }
            return this;
        }

        /**
         * Validates and builds the bank.
         *
         * @throws PatternCompileException if a definition has a malformed reference, refers to a
         *     pattern that is not defined, or takes part in a cycle
         */
        public PatternBank build() throws PatternCompileException {
            Map<String, List<GrokSyntax.Reference>> refs = new LinkedHashMap<>();
            List<String> warnings = new ArrayList<>();
            for (PatternDefinition d : definitions.values()) {
                List<GrokSyntax.Reference> rs = new ArrayList<>();
                for (GrokSyntax.Part p : GrokSyntax.parse(d.regex(), d.name(), d.origin(), true, warnings)) {
                    if (p instanceof GrokSyntax.Reference r && r.definition() == null) {
                        if (!definitions.containsKey(r.patternName())) {
                            throw new PatternCompileException(d.name(), d.origin(), r.offset() + 1,
                                    "unknown pattern [" + r.patternName() + "] in " + r.text());
                        }
                        rs.add(r);
                    }
                }
                refs.put(d.name(), rs);
            }
            checkCycles(refs);
            warnings.forEach(w -> LOG.warn("{}", w));
            return new PatternBank(definitions, warnings);
        }

        private void checkCycles(Map<String, List<GrokSyntax.Reference>> refs) throws PatternCompileException {
            Set<String> done = new HashSet<>();
            for (String start : refs.keySet()) {
                if (!done.contains(start)) {
                    visit(start, refs, done, new ArrayDeque<>(), new HashSet<>());
                }
            }
        }

        private void visit(String name, Map<String, List<GrokSyntax.Reference>> refs, Set<String> done,
                           Deque<String> path, Set<String> onPath) throws PatternCompileException {
            path.addLast(name);
            onPath.add(name);
            for (GrokSyntax.Reference r : refs.get(name)) {
                String next = r.patternName();
                if (onPath.contains(next)) {
                    List<String> cycle = new ArrayList<>();
                    boolean in = false;
                    for (String p : path) {
                        in |= p.equals(next);
                        if (in) {
                            cycle.add(p);
                        }
                    }
                    cycle.add(next);
                    PatternDefinition d = definitions.get(name);
                    throw new PatternCompileException(name, d.origin(), r.offset() + 1,
                            "circular reference " + r.text() + ": " + String.join(" -> ", cycle));
                }
                if (!done.contains(next)) {
                    visit(next, refs, done, path, onPath);
                }
            }
            path.removeLast();
            onPath.remove(name);
            done.add(name);
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }

    private static volatile PatternBank builtin;

    /** Loads the built-in bank on first use; a broken build fails every call with the same message. */
    private static PatternBank loadBuiltin() {
        PatternBank b = builtin;
        if (b != null) {
            return b;
        }
        synchronized (PatternBank.class) {
            if (builtin == null) {
                try (InputStream in = PatternBank.class.getResourceAsStream(BUILTIN_RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("built-in patterns missing from the class path: "
                                + PatternBank.class.getPackageName().replace('.', '/') + "/" + BUILTIN_RESOURCE);
                    }
                    builtin = new Builder()
                            .addPatterns(new InputStreamReader(in, StandardCharsets.UTF_8), "builtin " + BUILTIN_RESOURCE)
                            .build();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (PatternCompileException e) {
                    throw new IllegalStateException("built-in patterns are invalid: " + e.getMessage(), e);
                }
            }
            return builtin;
        }
    }
}
