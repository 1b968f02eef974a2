package dev.mailtrace.grok;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.joni.Matcher;
import org.joni.Option;
import org.joni.Region;

import dev.mailtrace.io.Utf8;

/**
 * Matches lines against a {@link Grok} and exposes the captures of the last line as offsets into
 * the caller's buffer; values are decoded and converted only when asked for.
 *
 * <p>Not thread-safe: use one per thread. The buffer passed to {@link #match(byte[], int, int)}
 * must not change while captures of that match are read.
 */
public final class GrokMatcher {

    private final Grok grok;
    private final Grok.CompiledPattern[] patterns;
    private final long timeoutNanos;
    private final boolean breakOnMatch;
    private final boolean keepEmpty;
    private final Region[] regions;
    /** Per pattern, where an elided tail (see TailElision) starts and ends on this line, relative; -1 if not. */
    private final int[] tailBeg;
    private final int[] tailEnd;

    private byte[] bytes;
    private int offset;
    private MatchOutcome outcome = MatchOutcome.NO_MATCH;
    private int firstMatched = -1;
    private int timedOutPattern = -1;
    private List<ConversionError> conversionErrors = List.of();

    /**
     * A captured value that does not convert to its declared type, e.g. {@code 99999999999} for
     * {@code :int}. Elasticsearch's grok throws for these; we keep the text and report it.
     *
     * @param field the field and its declared type
     * @param text the captured text
     */
    public record ConversionError(GrokField field, String text) {
    }

    GrokMatcher(Grok grok) {
        this.grok = grok;
        this.patterns = grok.compiled();
        long t = grok.matchTimeout().toNanos();
        this.timeoutNanos = t == 0 ? -1 : t;
        this.breakOnMatch = grok.isEnabled(GrokFeature.BREAK_ON_MATCH);
        this.keepEmpty = grok.isEnabled(GrokFeature.KEEP_EMPTY_CAPTURES);
        this.regions = new Region[patterns.length];
        this.tailBeg = new int[patterns.length];
        this.tailEnd = new int[patterns.length];
    }

    /** The grok this matcher runs. */
    public Grok grok() {
        return grok;
    }

    /**
     * Matches {@code length} bytes of UTF-8 text at {@code offset}; the patterns are searched as
     * Elasticsearch does (unanchored unless the pattern has {@code ^}/{@code $}).
     *
     * <p>Text that is not well-formed UTF-8 is matched as Java (and so Elasticsearch, which gets
     * {@code String}s) decodes it: every malformed sequence becomes U+FFFD. Then the captures'
     * offsets refer to that cleaned copy, which {@link #bytes()} returns. This is not only for
     * equal results: joni's {@code .*} runs past the end of a slice that ends in a cut-off
     * sequence, and must never see one.
     */
    public MatchOutcome match(byte[] bytes, int offset, int length) {
        if (!Utf8.isValid(bytes, offset, offset + length)) {
            byte[] clean = new String(bytes, offset, length, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            return matchValid(clean, 0, clean.length);
        }
        return matchValid(bytes, offset, length);
    }

    private MatchOutcome matchValid(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.firstMatched = -1;
        this.timedOutPattern = -1;
        this.conversionErrors = List.of();
        int end = offset + length;
        MatchOutcome result = MatchOutcome.NO_MATCH;
        for (int i = 0; i < patterns.length; i++) {
            Grok.CompiledPattern p = patterns[i];
            tailBeg[i] = -1;
            Matcher m = p.matchRegex().matcher(bytes, offset, end, timeoutNanos);
            int r = m.search(offset, end, Option.DEFAULT);
            if (r >= 0 && p.tail()) {
                int tail = asciiLineEnd(bytes, offset + m.getEnd(), end);
                if (tail >= 0) {
                    tailBeg[i] = m.getEnd();
                    tailEnd[i] = tail - offset;
                } else {
                    // Not plain ASCII: joni's character decoding decides where .* stops.
                    m = p.regex().matcher(bytes, offset, end, timeoutNanos);
                    r = m.search(offset, end, Option.DEFAULT);
                }
            }
            if (r == Matcher.INTERRUPTED) {
                // Logstash stops at a timed-out pattern too: the line is tagged, not retried.
                regions[i] = null;
                clearFrom(i + 1);
                timedOutPattern = i;
                this.outcome = MatchOutcome.TIMED_OUT;
                return outcome;
            }
            if (r >= 0) {
                regions[i] = eagerRegion(m, r);
                if (firstMatched < 0) {
                    firstMatched = i;
                }
                result = MatchOutcome.MATCHED;
                if (breakOnMatch) {
                    clearFrom(i + 1);
                    break;
                }
            } else {
                regions[i] = null;
            }
        }
        this.outcome = result;
        return result;
    }

    /** Where {@code .*} from {@code from} stops (the next newline or the end), or -1 if a non-ASCII byte comes first. */
    private static int asciiLineEnd(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (c == '\n') {
                return i;
            }
            if (c < 0) {
                return -1;
            }
        }
        return end;
    }

    /** Start of group {@code g} of pattern {@code p} relative to the line, or -1. */
    private int beg(int p, int g) {
        return g == patterns[p].tailGroup() && tailBeg[p] >= 0 ? tailBeg[p] : regions[p].getBeg(g);
    }

    /** End of group {@code g} of pattern {@code p} relative to the line. */
    private int end(int p, int g) {
        return g == patterns[p].tailGroup() && tailBeg[p] >= 0 ? tailEnd[p] : regions[p].getEnd(g);
    }

    private static Region eagerRegion(Matcher m, int start) {
        Region region = m.getEagerRegion();
        return region != null ? region : Region.newRegion(start, m.getEnd());
    }

    private void clearFrom(int i) {
        for (int k = i; k < regions.length; k++) {
            regions[k] = null;
        }
    }

    /** Matches a string, encoded as UTF-8 (allocates; prefer the byte form on hot paths). */
    public MatchOutcome match(CharSequence line) {
        byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
        return match(b, 0, b.length);
    }

    /** Outcome of the last match. */
    public MatchOutcome outcome() {
        return outcome;
    }

    /** Index of the first pattern that matched the last line, or -1. */
    public int patternIndex() {
        return firstMatched;
    }

    /** Index of the pattern that ran out of budget on the last line, or -1. */
    public int timedOutPattern() {
        return timedOutPattern;
    }

    /** Whether pattern {@code index} matched the last line. */
    public boolean matched(int index) {
        return regions[index] != null;
    }

    /** The buffer of the last match: the one given, or the cleaned copy of text that was not UTF-8. */
    public byte[] bytes() {
        return bytes;
    }

    /** Start offset (in {@link #bytes()}) of the text matched by pattern {@code index}, or -1. */
    public int matchStart(int index) {
        Region r = regions[index];
        return r == null ? -1 : offset + r.getBeg(0);
    }

    /** End offset of the text matched by pattern {@code index}, or -1. */
    public int matchEnd(int index) {
        Region r = regions[index];
        if (r == null) {
            return -1;
        }
        return offset + (tailBeg[index] >= 0 ? tailEnd[index] : r.getEnd(0));
    }

    /**
     * Passes every captured value of the last match to {@code consumer}, in Elasticsearch's order:
     * patterns in order, then joni's name-table order, then group order. Allocates nothing.
     */
    public void forEachCapture(CaptureConsumer consumer) {
        for (int p = 0; p < patterns.length; p++) {
            Region r = regions[p];
            if (r == null) {
                continue;
            }
            for (Grok.Capture c : patterns[p].captures()) {
                for (int g : c.backRefs()) {
                    int b = beg(p, g);
                    if (b >= 0 && (keepEmpty || end(p, g) > b)) {
                        consumer.capture(c.field(), bytes, offset + b, offset + end(p, g));
                    }
                }
            }
        }
    }

    /**
     * Start offset of the first value of {@code field} in the last match, or -1 if it did not
     * capture. With {@link #end(String)}, reads a field without decoding it.
     */
    public int start(String field) {
        long span = span(field);
        return span < 0 ? -1 : (int) (span >>> 32);
    }

    /** End offset of the first value of {@code field}, or -1. */
    public int end(String field) {
        long span = span(field);
        return span < 0 ? -1 : (int) span;
    }

    /** First value's start and end packed in a long (start in the high half), or -1. */
    private long span(String field) {
        int idx = grok.fieldIndex(field);
        if (idx < 0) {
            return -1;
        }
        for (int p = 0; p < patterns.length; p++) {
            Region r = regions[p];
            if (r == null) {
                continue;
            }
            for (Grok.Capture c : patterns[p].captures()) {
                if (c.nameIndex() != idx) {
                    continue;
                }
                for (int g : c.backRefs()) {
                    int b = beg(p, g);
                    if (b >= 0 && (keepEmpty || end(p, g) > b)) {
                        return ((long) (offset + b) << 32) | (offset + end(p, g));
                    }
                }
            }
        }
        return -1;
    }

    /** The first value of {@code field} in the last match as text, or null if it did not capture. */
    public String value(String field) {
        long span = span(field);
        if (span < 0) {
            return null;
        }
        int s = (int) (span >>> 32);
        return new String(bytes, s, (int) span - s, StandardCharsets.UTF_8);
    }

    /**
     * The captures of the last match as a map, typed and shaped exactly like Elasticsearch's
     * {@code Grok.captures}: a field captured once maps to its value, several times to a list.
     * Values that do not convert are kept as text and listed in {@link #conversionErrors()}.
     * Allocates; empty if the last line did not match.
     */
    public Map<String, Object> toMap() {
        if (outcome != MatchOutcome.MATCHED) {
            return Collections.emptyMap();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        List<ConversionError> errors = new ArrayList<>(0);
        forEachCapture((field, b, s, e) -> {
            String text = new String(b, s, e - s, StandardCharsets.UTF_8);
            Object value = text;
            if (field.type() != GrokType.STRING) {
                try {
                    value = field.type().convert(text);
                } catch (NumberFormatException ex) {
                    errors.add(new ConversionError(field, text));
                }
            }
            addValue(result, field.name(), value);
        });
        conversionErrors = errors.isEmpty() ? List.of() : List.copyOf(errors);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void addValue(Map<String, Object> map, String key, Object value) {
        Object prev = map.get(key);
        if (prev == null && !map.containsKey(key)) {
            map.put(key, value);
        } else if (prev instanceof MultiValue) {
            ((List<Object>) prev).add(value);
        } else {
            MultiValue list = new MultiValue();
            list.add(prev);
            list.add(value);
            map.put(key, list);
        }
    }

    /** Marks lists we built, so a captured value is never mistaken for one. */
    private static final class MultiValue extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        MultiValue() {
            super(2);
        }
    }

    /** Values of the last {@link #toMap()} that did not convert to their type. */
    public List<ConversionError> conversionErrors() {
        return conversionErrors;
    }
}
