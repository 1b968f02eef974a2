package dev.mailtrace.grok;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits grok text into regex text and pattern references ({@code %{NAME}}, {@code %{NAME:field}},
 * {@code %{NAME:field:type}}, {@code %{NAME=regex}}).
 *
 * <p>The grammar is Elasticsearch's ({@code Grok.GROK_PATTERN}): a name of letters, digits and
 * underscores; a field of letters, digits and {@code @[]_:.-}; a definition without braces.
 * Elasticsearch silently leaves a malformed reference in the regex as literal text. Real pattern
 * files contain such typos (logstash-patterns-core's ecs-v1 {@code firewalls} has
 * {@code %{DATA:[source][user][name?]}}), so in pattern definitions we do the same, for identical
 * results, and report a warning ({@link PatternBank#warnings()}); in the expression given to
 * {@link Grok.Builder#pattern} it is an error, because there it is a typo being made now.
 */
final class GrokSyntax {

    private GrokSyntax() {
    }

    /** A piece of grok text. */
    sealed interface Part permits Literal, Reference {
        /** 0-based offset of the part in the text it was parsed from. */
        int offset();
    }

    /** Regex text copied verbatim. */
    record Literal(String text, int offset) implements Part {
    }

    /**
     * A reference to a named pattern.
     *
     * @param text the reference as written, {@code %{INT:size:int}}
     * @param patternName {@code INT}
     * @param subname everything after the first colon as written ({@code size:int}), or null
     * @param field the field ({@code size}), or null for {@code %{INT}}
     * @param type the type (STRING unless given)
     * @param definition an inline definition ({@code %{NAME=regex}}), or null
     * @param offset 0-based offset of the {@code %} in the parsed text
     */
    record Reference(String text, String patternName, String subname, String field, GrokType type,
                     String definition, int offset) implements Part {

        /** The capture-group name Elasticsearch gives this reference: {@code INT:size:int}. */
        String groupName() {
            return subname == null ? patternName : patternName + ":" + subname;
        }
    }

    /**
     * Parses grok text.
     *
     * @param text the grok text
     * @param patternName the pattern this text defines, for errors (null for a top-level expression)
     * @param origin where it was defined, for errors (may be null)
     */
    static List<Part> parse(String text, String patternName, String origin, boolean lenient)
            throws PatternCompileException {
        return parse(text, patternName, origin, lenient, null);
    }

    /**
     * Parses grok text.
     *
     * @param lenient keep malformed references as literal text, as Elasticsearch does, instead of
     *     throwing
     * @param warnings where to report malformed references kept as literal text (may be null)
     */
    static List<Part> parse(String text, String patternName, String origin, boolean lenient,
                            List<String> warnings) throws PatternCompileException {
        List<Part> parts = new ArrayList<>();
        int literalStart = 0;
        int i = text.indexOf("%{");
        while (i >= 0) {
            Reference ref;
            try {
                ref = reference(text, i, patternName, origin);
            } catch (PatternCompileException e) {
                if (!lenient || e.reason().startsWith("unknown type")) {
                    throw e;
                }
                if (warnings != null) {
                    warnings.add(e.getMessage() + " (kept as literal text, as Elasticsearch does)");
                }
                i = text.indexOf("%{", i + 2);
                continue;
            }
            if (i > literalStart) {
                parts.add(new Literal(text.substring(literalStart, i), literalStart));
            }
            parts.add(ref);
            literalStart = i + ref.text().length();
            i = text.indexOf("%{", literalStart);
        }
        if (literalStart < text.length()) {
            parts.add(new Literal(text.substring(literalStart), literalStart));
        }
        return parts;
    }

    private static Reference reference(String text, int start, String patternName, String origin)
            throws PatternCompileException {
        int i = start + 2;
        int n = text.length();
        int nameStart = i;
        while (i < n && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i == nameStart) {
            throw malformed(text, start, patternName, origin, "a pattern name ([A-Za-z0-9_]+) after %{");
        }
        String name = text.substring(nameStart, i);
        String subname = null;
        if (i < n && text.charAt(i) == ':') {
            int subStart = ++i;
            while (i < n && isFieldChar(text.charAt(i))) {
                i++;
            }
            if (i == subStart) {
                throw malformed(text, start, patternName, origin, "a field name after ':'");
            }
            subname = text.substring(subStart, i);
        }
        String definition = null;
        if (i < n && text.charAt(i) == '=') {
            int defStart = ++i;
            while (i < n && text.charAt(i) != '{' && text.charAt(i) != '}') {
                i++;
            }
            if (i == defStart) {
                throw malformed(text, start, patternName, origin, "a regex after '='");
            }
            definition = text.substring(defStart, i);
        }
        if (i >= n || text.charAt(i) != '}') {
            throw malformed(text, start, patternName, origin, "'}'");
        }
        String written = text.substring(start, i + 1);
        String field = null;
        GrokType type = GrokType.STRING;
        if (subname != null) {
            String[] bits = subname.split(":", -1);
            if (bits.length > 2 || bits[0].isEmpty()) {
                throw new PatternCompileException(patternName, origin, start + 1,
                        "malformed reference " + written + ": expected %{NAME:field} or %{NAME:field:type}");
            }
            field = bits[0];
            if (bits.length == 2) {
                type = GrokType.forGrokName(bits[1]);
                if (type == null) {
                    throw new PatternCompileException(patternName, origin, start + 1,
                            "unknown type [" + bits[1] + "] in " + written + "; valid types: " + GrokType.validNames());
                }
            }
        }
        return new Reference(written, name, subname, field, type, definition, start);
    }

    private static PatternCompileException malformed(String text, int start, String patternName, String origin,
                                                     String expected) {
        int end = Math.min(text.length(), start + 40);
        return new PatternCompileException(patternName, origin, start + 1,
                "malformed reference [" + text.substring(start, end) + "]: expected " + expected);
    }

    static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    static boolean isFieldChar(char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '[' || c == ']' || c == '_' || c == ':'
                || c == '.' || c == '-';
    }

    /** True if {@code name} can be referenced as {@code %{name}}. */
    static boolean isValidPatternName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
