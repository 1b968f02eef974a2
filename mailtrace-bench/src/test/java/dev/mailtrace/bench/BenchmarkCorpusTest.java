package dev.mailtrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class BenchmarkCorpusTest {

    static final List<String> SEED = List.of(
            "Jul  5 06:52:11 mx postfix/cleanup[21893]: 3mPVKl0Mhjz7sXv: message-id=<E1ZB06G@example.net>",
            "Jul  5 06:52:11 mx postfix/qmgr[20459]: 3mPVKl0Mhjz7sXv: from=<>, size=2666, nrcpt=2 (queue active)",
            "Jul  5 06:52:12 mx postfix/smtpd[22030]: 7EE668039: client=unknown[192.0.2.7]",
            "Jul  5 06:52:13 mx postfix/smtp[22031]: 7EE668039: to=<a@b.example>, relay=10.2.2.85[10.2.2.85]:25, status=sent (250 Ok: queued as 153053D)",
            "Jul  5 06:52:14 mx postfix/smtpd[22030]: disconnect from unknown[192.0.2.7] ehlo=1 quit=1 commands=2",
            "Jul  5 06:52:15 mx postfix/qmgr[20459]: 7EE668039: removed");

    private static final Pattern QUEUE_ID = Pattern.compile(": ([0-9A-Za-z]{9,}): ");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");

    @Test
    void repeatsTheSeedWithConsistentNewQueueIdsAndAddresses() {
        BenchmarkCorpus c = BenchmarkCorpus.build(SEED, 20, 42);
        assertThat(c.size()).isEqualTo(24);
        assertThat(c.copies()).isEqualTo(4);
        for (int i = 0; i < SEED.size(); i++) {
            assertThat(c.line(i)).isEqualTo(SEED.get(i));
        }
        Set<String> allIds = new HashSet<>();
        for (int copy = 0; copy < c.copies(); copy++) {
            Map<String, String> idOf = new HashMap<>();
            Map<String, String> ipOf = new HashMap<>();
            for (int i = 0; i < SEED.size(); i++) {
                String original = SEED.get(i);
                String varied = c.line(copy * SEED.size() + i);
                assertThat(BenchmarkCorpus.isPostfixRfc3164(varied)).isTrue();
                Matcher o = QUEUE_ID.matcher(original);
                Matcher v = QUEUE_ID.matcher(varied);
                assertThat(o.find()).isEqualTo(v.find());
                if (o.find(0) && v.find(0)) {
                    String oldId = o.group(1);
                    String newId = v.group(1);
                    assertThat(newId).hasSameSizeAs(oldId);
                    boolean hex = oldId.matches("[0-9A-F]+");
                    assertThat(newId).matches(hex ? "[0-9A-F]+" : "[0-9A-Za-z]+");
                    // One transaction, one id within a copy; a new id in every copy.
                    assertThat(idOf.computeIfAbsent(oldId, k -> newId)).isEqualTo(newId);
                    if (copy > 0) {
                        assertThat(newId).isNotEqualTo(oldId);
                    }
                    allIds.add(newId);
                }
                List<String> oldIps = all(IPV4, original);
                List<String> newIps = all(IPV4, varied);
                assertThat(newIps).hasSameSizeAs(oldIps);
                for (int k = 0; k < oldIps.size(); k++) {
                    String ip = newIps.get(k);
                    for (String octet : ip.split("\\.")) {
                        assertThat(Integer.parseInt(octet)).isBetween(0, 255);
                    }
                    assertThat(ipOf.computeIfAbsent(oldIps.get(k), x -> ip)).isEqualTo(ip);
                }
            }
        }
        assertThat(allIds).hasSize(2 * c.copies());
        // A downstream id that never starts a message of ours stays as it is.
        assertThat(c.line(3 + SEED.size())).endsWith("queued as 153053D)");
    }

    @Test
    void holdsTheLinesAsBytesWithOffsetsAndAsStrings() {
        List<String> seed = new ArrayList<>(SEED);
        seed.add("Jul  5 06:52:16 mx postfix/cleanup[21893]: 3mPVKl0Mhjz7sXv: warning: header Subject: Grüße");
        BenchmarkCorpus c = BenchmarkCorpus.build(seed, 30, 7);
        byte[] bytes = c.bytes();
        int[] starts = c.lineStarts();
        assertThat(starts).hasSize(c.size() + 1);
        assertThat(c.totalBytes()).isEqualTo(bytes.length).isEqualTo(starts[c.size()]);
        String[] lines = c.lines();
        for (int i = 0; i < c.size(); i++) {
            int end = starts[i + 1] - 1;
            assertThat(bytes[end]).isEqualTo((byte) '\n');
            assertThat(new String(bytes, starts[i], end - starts[i], StandardCharsets.UTF_8)).isEqualTo(lines[i]);
        }
        bytes[0] = 'X';
        assertThat(c.bytes()[0]).isEqualTo((byte) 'J');
    }

    @Test
    void isDeterministicForASeedAndVariesWithIt() {
        assertThat(BenchmarkCorpus.build(SEED, 100, 1).fingerprint())
                .isEqualTo(BenchmarkCorpus.build(SEED, 100, 1).fingerprint())
                .isNotEqualTo(BenchmarkCorpus.build(SEED, 100, 2).fingerprint());
        assertThatThrownBy(() -> BenchmarkCorpus.build(List.of(), 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkCorpus.build(List.of("a\nb"), 10, 1)).hasMessageContaining("line break");
    }

    @Test
    void theSharedCorporaGiveTwoHundredThousandPostfixLines() throws Exception {
        SharedData shared = TestData.shared();
        List<String> postfix = BenchmarkCorpus.postfixLines(shared);
        BenchmarkCorpus c = BenchmarkCorpus.fromShared(shared);
        System.out.println(c + ", " + postfix.size() + " postfix lines in the corpora");
        assertThat(c.size()).isGreaterThanOrEqualTo(BenchmarkCorpus.DEFAULT_MIN_LINES);
        assertThat(c.seedLines()).isEqualTo(postfix.size()).isGreaterThan(6000);
        assertThat(postfix).allMatch(BenchmarkCorpus::isPostfixRfc3164);
        assertThat(c.line(c.size() - 1)).isNotEqualTo(postfix.get(postfix.size() - 1));
        assertThat(c.fingerprint()).isEqualTo(BenchmarkCorpus.fromShared(shared).fingerprint());
    }

    private static List<String> all(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
