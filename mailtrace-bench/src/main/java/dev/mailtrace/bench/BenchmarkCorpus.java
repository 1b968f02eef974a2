package dev.mailtrace.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines the grok benchmarks run over: the real postfix lines of the shared corpora (RFC 3164
 * lines whose program starts with {@code postfix}), repeated until there are at least
 * {@value #DEFAULT_MIN_LINES}. Copy 0 is the original; every further copy gets new queue ids (same
 * length and alphabet, one new id per original id within a copy, so a transaction's lines still
 * share their id) and new IPv4 addresses (likewise consistent within a copy), so that a benchmark
 * does not replay byte-identical lines. Deterministic: the same seed lines and seed give the same
 * bytes.
 *
 * <p>Held twice: as one UTF-8 {@code byte[]} of {@code \n}-terminated lines with their start
 * offsets (what mailtrace's byte API reads), and as {@code String[]} (what Elasticsearch's API
 * takes). Immutable; accessors return copies.
 */
public final class BenchmarkCorpus {

    /** The seed of {@link #fromShared(SharedData)}. */
    public static final long DEFAULT_SEED = 0x6d61696c74726163L;

    /** The size of {@link #fromShared(SharedData)}. */
    public static final int DEFAULT_MIN_LINES = 200_000;

    /** An RFC 3164 header whose program starts with postfix: {@code Oct 22 02:12:45 host postfix/anvil[26709]: }. */
    private static final Pattern POSTFIX_RFC3164 = Pattern.compile(
            "^[A-Z][a-z]{2} +[0-9]{1,2} [0-9]{2}:[0-9]{2}:[0-9]{2} \\S+ postfix[^\\s\\[:]*(?:\\[[0-9]+\\])?: ");

    /** A queue id at the start of a message ({@code POSTFIX_QUEUEID} without NOQUEUE). */
    private static final Pattern QUEUE_ID_PREFIX = Pattern.compile("^([0-9A-F]{6,}|[0-9a-zA-Z]{12,}): ");
    private static final Pattern HEX_ID = Pattern.compile("[0-9A-F]+");
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z]{6,}");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})(?![0-9])(?!\\.[0-9])");

    private static final String HEX = "0123456789ABCDEF";
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    private final String[] lines;
    private final byte[] bytes;
    private final int[] starts;
    private final int seedLines;
    private final int copies;

    private BenchmarkCorpus(String[] lines, byte[] bytes, int[] starts, int seedLines, int copies) {
        this.lines = lines;
        this.bytes = bytes;
        this.starts = starts;
        this.seedLines = seedLines;
        this.copies = copies;
    }

    /** {@value #DEFAULT_MIN_LINES}+ lines from the postfix lines of the shared corpora, default seed. */
    public static BenchmarkCorpus fromShared(SharedData shared) throws IOException {
        return build(postfixLines(shared), DEFAULT_MIN_LINES, DEFAULT_SEED);
    }

    /** The RFC 3164 lines of {@link SharedData#logLines()} whose program starts with {@code postfix}. */
    public static List<String> postfixLines(SharedData shared) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : shared.logLines()) {
            if (isPostfixRfc3164(line)) {
                out.add(line);
            }
        }
        return out;
    }

    /** Whether {@code line} has an RFC 3164 header with a program starting with {@code postfix}. */
    public static boolean isPostfixRfc3164(String line) {
        return POSTFIX_RFC3164.matcher(line).find();
    }

    /**
     * Repeats {@code seedLines} (copy 0 verbatim, then varied copies) until there are at least
     * {@code minLines}.
     *
     * @throws IllegalArgumentException if there are no seed lines or one contains a line break
     */
    public static BenchmarkCorpus build(List<String> seedLines, int minLines, long seed) {
        if (seedLines.isEmpty()) {
            throw new IllegalArgumentException("no seed lines");
        }
        for (String s : seedLines) {
            if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("seed line contains a line break: [" + s + "]");
            }
        }
        Set<String> queueIds = queueIds(seedLines);
        int copies = Math.max(1, (minLines + seedLines.size() - 1) / seedLines.size());
        String[] lines = new String[copies * seedLines.size()];
        int n = 0;
        for (int copy = 0; copy < copies; copy++) {
            Variation v = copy == 0 ? null : new Variation(new SplittableRandom(seed + copy), queueIds);
            for (String s : seedLines) {
                lines[n++] = v == null ? s : v.apply(s);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines.length * 160);
        int[] starts = new int[lines.length + 1];
        for (int i = 0; i < lines.length; i++) {
            starts[i] = out.size();
            out.writeBytes(lines[i].getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        starts[lines.length] = out.size();
        return new BenchmarkCorpus(lines, out.toByteArray(), starts, seedLines.size(), copies);
    }

    /** The queue ids that start a message, in first-seen order. */
    private static Set<String> queueIds(List<String> seedLines) {
        Set<String> ids = new LinkedHashSet<>();
        for (String s : seedLines) {
            Matcher h = POSTFIX_RFC3164.matcher(s);
            if (h.find()) {
                Matcher q = QUEUE_ID_PREFIX.matcher(s).region(h.end(), s.length());
                if (q.lookingAt()) {
                    ids.add(q.group(1));
                }
            }
        }
        return ids;
    }

    /** The replacements of one copy: each original id and address maps to one new one. */
    private static final class Variation {
        private final SplittableRandom random;
        private final Set<String> queueIds;
        private final Map<String, String> ids = new HashMap<>();
        private final Set<String> usedIds = new HashSet<>();
        private final Map<String, String> addresses = new HashMap<>();

        Variation(SplittableRandom random, Set<String> queueIds) {
            this.random = random;
            this.queueIds = queueIds;
        }

        String apply(String line) {
            StringBuilder sb = new StringBuilder(line.length() + 16);
            Matcher t = TOKEN.matcher(line);
            int last = 0;
            while (t.find()) {
                if (queueIds.contains(t.group())) {
                    sb.append(line, last, t.start()).append(ids.computeIfAbsent(t.group(), this::newId));
                    last = t.end();
                }
            }
            sb.append(line, last, line.length());
            String withIds = sb.toString();
            sb.setLength(0);
            Matcher ip = IPV4.matcher(withIds);
            last = 0;
            while (ip.find()) {
                if (isIpv4(ip)) {
                    sb.append(withIds, last, ip.start()).append(addresses.computeIfAbsent(ip.group(), k -> newAddress()));
                    last = ip.end();
                }
            }
            sb.append(withIds, last, withIds.length());
            return sb.toString();
        }

        private String newId(String original) {
            boolean hex = HEX_ID.matcher(original).matches();
            while (true) {
                char[] c = new char[original.length()];
                for (int i = 0; i < c.length; i++) {
                    char o = original.charAt(i);
                    String alphabet = hex ? HEX
                            : o >= '0' && o <= '9' ? DIGITS
                            : o >= 'A' && o <= 'Z' ? UPPER
                            : LOWER;
                    c[i] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                String id = new String(c);
                if (!id.equals(original) && usedIds.add(id)) {
                    return id;
                }
            }
        }

        private String newAddress() {
            return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + (1 + random.nextInt(254));
        }

        private static boolean isIpv4(Matcher m) {
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(m.group(g)) > 255) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Number of lines. */
    public int size() {
        return lines.length;
    }

    /** Line {@code i}, without its line break. */
    public String line(int i) {
        return lines[i];
    }

    /** All lines (a copy of the array; the strings are shared). */
    public String[] lines() {
        return lines.clone();
    }

    /** The UTF-8 bytes of all lines, each followed by {@code \n} (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Start offsets of the lines in {@link #bytes()}, plus one final entry, the total length: line
     * {@code i} is {@code [starts[i], starts[i + 1] - 1)} (a copy).
     */
    public int[] lineStarts() {
        return starts.clone();
    }

    /** Total bytes, line breaks included. */
    public long totalBytes() {
        return bytes.length;
    }

    /** Number of distinct original lines. */
    public int seedLines() {
        return seedLines;
    }

    /** Number of copies of the seed lines. */
    public int copies() {
        return copies;
    }

    /** A fingerprint of the bytes, to check that two builds are identical. */
    public int fingerprint() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BenchmarkCorpus[" + lines.length + " lines (" + seedLines + " x " + copies + "), "
                + bytes.length + " bytes]";
    }
}
