package dev.mailtrace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mailtrace.bench.es.EsGrok;
import dev.mailtrace.bench.es.EsGrokTimeoutException;
import dev.mailtrace.grok.GrokMatcher;
import dev.mailtrace.grok.MatchOutcome;

/**
 * What one engine made of one line, in terms both engines share: a match with its captures, no
 * match, a timeout, or a typed capture that does not convert (Elasticsearch throws
 * {@code NumberFormatException}, mailtrace lists a conversion error).
 */
record Outcome(Kind kind, Map<String, Object> captures, String detail) {

    enum Kind { MATCH, NO_MATCH, TIMEOUT, CONVERSION_ERROR }

    static Outcome es(EsGrok grok, String line) {
        try {
            Map<String, Object> m = grok.captures(line);
            return m == null ? new Outcome(Kind.NO_MATCH, null, null) : new Outcome(Kind.MATCH, m, null);
        } catch (EsGrokTimeoutException e) {
            return new Outcome(Kind.TIMEOUT, null, e.getMessage());
        } catch (NumberFormatException e) {
            return new Outcome(Kind.CONVERSION_ERROR, null, e.getMessage());
        }
    }

    /** Ours, through the byte API on a slice of a larger buffer (as the benchmarks and real input use it). */
    static Outcome ours(GrokMatcher m, byte[] bytes, int offset, int length) {
        return ours(m, m.match(bytes, offset, length));
    }

    /** Ours, through the String API. */
    static Outcome ours(GrokMatcher m, String line) {
        return ours(m, m.match(line));
    }

    private static Outcome ours(GrokMatcher m, MatchOutcome r) {
        switch (r) {
            case NO_MATCH:
                return new Outcome(Kind.NO_MATCH, null, null);
            case TIMED_OUT:
                return new Outcome(Kind.TIMEOUT, null, "pattern #" + m.timedOutPattern());
            default:
                Map<String, Object> map = m.toMap();
                if (!m.conversionErrors().isEmpty()) {
                    return new Outcome(Kind.CONVERSION_ERROR, map, m.conversionErrors().toString());
                }
                return new Outcome(Kind.MATCH, map, null);
        }
    }

    /**
     * Whether two outcomes are the same: same kind and, for matches, the same keys in the same
     * order with values of the same Java class ({@code Integer} is not {@code Long}) and equal,
     * lists element by element in order.
     */
    boolean sameAs(Outcome other) {
        return sameAs(other, true);
    }

    /** As {@link #sameAs(Outcome)}, optionally ignoring the order of the keys. */
    boolean sameAs(Outcome other, boolean keyOrder) {
        if (kind != other.kind) {
            return false;
        }
        return kind != Kind.MATCH || sameMap(captures, other.captures, keyOrder);
    }

    static boolean sameMap(Map<String, Object> a, Map<String, Object> b, boolean keyOrder) {
        boolean sameKeys = keyOrder
                ? new ArrayList<>(a.keySet()).equals(new ArrayList<>(b.keySet()))
                : a.keySet().equals(b.keySet());
        if (!sameKeys) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!sameValue(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!sameValue(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a == null || b == null || a instanceof List || b instanceof List) {
            return a == b;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    /** The outcome with every value's class, for failure messages. */
    String describe() {
        if (kind != Kind.MATCH && kind != Kind.CONVERSION_ERROR) {
            return kind + (detail == null ? "" : " (" + detail + ")");
        }
        StringBuilder sb = new StringBuilder(kind.toString()).append(" {");
        if (captures != null) {
            String sep = "";
            for (Map.Entry<String, Object> e : captures.entrySet()) {
                sb.append(sep).append(e.getKey()).append('=').append(typed(e.getValue()));
                sep = ", ";
            }
        }
        sb.append('}');
        return detail == null ? sb.toString() : sb + " (" + detail + ")";
    }

    private static String typed(Object v) {
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(typed(x)));
            return parts.toString();
        }
        return v == null ? "null" : "\"" + v + "\":" + v.getClass().getSimpleName();
    }
}
