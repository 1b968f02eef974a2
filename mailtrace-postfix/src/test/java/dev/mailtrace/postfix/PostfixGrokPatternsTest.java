package dev.mailtrace.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;
import dev.mailtrace.testkit.DialectTester;
import dev.mailtrace.testkit.Fields;
import dev.mailtrace.testkit.SharedData;
import dev.mailtrace.testkit.TestLine;
import dev.mailtrace.testkit.Yamls;

/**
 * postfix-grok-patterns' own test cases ({@code ../shared/corpora/postfix-grok-patterns/test/*.yaml}:
 * a pattern, a message, the fields Logstash extracts) through this dialect: every expected field
 * must be extracted with the same value, through the mapping table of this module's README.
 *
 * <p>The expected fields are post-processed as the project's Logstash filter
 * ({@code 50-filter-postfix.conf}) does before anyone sees them: {@code postfix_keyvalue_data} is
 * split by the kv filter (values trimmed of {@code <>,}), and {@code postfix_client},
 * {@code postfix_relay}, {@code postfix_delays}, {@code postfix_tls} and
 * {@code postfix_command_counter_data} are matched with their own patterns from postfix.grok (run on
 * mailtrace's grok engine). Cases of those sub-patterns are embedded in a line that carries them.
 */
class PostfixGrokPatternsTest {

    private static final PostfixDialect DIALECT = new PostfixDialect();
    private static final Pattern PATTERN = Pattern.compile("\\^%\\{POSTFIX_([A-Z_]+)}\\$?");

    private static GrokPatternsMapping mapping;

    @BeforeAll
    static void readMapping() throws IOException {
        mapping = GrokPatternsMapping.read(Path.of("README.md"));
    }

    @TestFactory
    Stream<DynamicTest> everyExpectedFieldIsExtracted() throws IOException, PatternCompileException {
        Path dir = SharedData.require("corpora/postfix-grok-patterns/test");
        Path grokFile = SharedData.require("patterns/postfix-grok-patterns/postfix.grok");
        PatternBank bank = PatternBank.builder().addBuiltin().addFile(grokFile).build();
        Map<String, Grok> sub = new LinkedHashMap<>();
        for (String name : List.of("client", "relay", "delays", "tls", "command_counter_data")) {
            String pattern = name.equals("tls") ? "TLS_FEATURES" : name.toUpperCase();
            sub.put(name, Grok.compile(bank, "^%{POSTFIX_" + pattern + "}$"));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(150);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, sub)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Path file, Map<String, Grok> sub) throws IOException {
        Map<String, Object> doc = (Map<String, Object>) Yamls.load(file);
        Matcher pm = PATTERN.matcher(((String) doc.get("pattern")).trim());
        assertThat(pm.matches()).as("pattern of %s", file).isTrue();
        String[] line = line(pm.group(1), (String) doc.get("data"));
        List<LogEvent> events = new ArrayList<>();
        boolean ok = DIALECT.parse(TestLine.of(line[0], line[1]), events::add);
        assertThat(ok).as("recognised: %s %s", line[0], line[1]).isTrue();
        LogEvent event = events.get(0);
        Map<String, Object> fields = Fields.of(event);

        Map<String, String> expected = expand((Map<String, Object>) doc.get("results"), sub, file);
        List<String> failures = new ArrayList<>();
        expected.forEach((pgp, value) -> {
            List<GrokPatternsMapping.Alt> alts = mapping.rule(pgp);
            if (alts == null) {
                failures.add("[" + pgp + "] is not in the README mapping table");
            } else if (alts.stream().noneMatch(a -> holds(a, value, event, fields))) {
                failures.add("[" + pgp + "] = [" + value + "] not found as " + alts);
            }
        });
        assertThat(failures).as("%s: %s %s -> %s %s", file.getFileName(), line[0], line[1], event.type(), fields)
                .isEmpty();
    }

    /** The program and message for a case: sub-pattern cases ride in a line that carries them. */
    static String[] line(String pattern, String data) {
        switch (pattern) {
            case "COMMAND_COUNTER_DATA":
                return new String[] {"postfix/smtpd", "disconnect from unknown[192.0.2.1] " + data};
            case "DELAYS":
                return new String[] {"postfix/smtp", carrier("delays=" + data)};
            case "RELAY":
                return new String[] {"postfix/smtp", carrier("relay=" + data)};
            case "TLS_FEATURES":
                return new String[] {"postfix/smtp", carrier("relay=none, tls=" + data)};
            case "SCRIPT":
                return new String[] {"postfix/postfix-script", data};
            default:
                return new String[] {"postfix/" + pattern.toLowerCase().replace('_', '-'), data};
        }
    }

    private static String carrier(String field) {
        return "4F9D195432C: to=<bob@example.net>, " + field + ", delay=1, dsn=2.0.0, status=sent (250 Ok)";
    }

    /** The expected fields after the Logstash filter's kv and sub-pattern steps. */
    private static Map<String, String> expand(Map<String, Object> results, Map<String, Grok> sub, Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        results.forEach((k, v) -> out.put(k, String.valueOf(v)));
        String kv = out.remove("postfix_keyvalue_data");
        if (kv != null) {
            for (String token : kv.split(" ")) {
                int eq = token.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String value = trim(token.substring(eq + 1), "<>,");
                if (!value.isEmpty()) {
                    out.put("postfix_" + token.substring(0, eq), value);
                }
            }
        }
        for (Map.Entry<String, Grok> s : sub.entrySet()) {
            String key = "postfix_" + s.getKey();
            String value = out.remove(key);
            if (value == null) {
                continue;
            }
            Map<String, Object> captures = s.getValue().captures(value)
                    .orElseThrow(() -> new AssertionError(key + " [" + value + "] does not match its pattern (" + file + ")"));
            captures.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, String.valueOf(v));
                }
            });
        }
        return out;
    }

    private static String trim(String s, String chars) {
        int a = 0;
        int b = s.length();
        while (a < b && chars.indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean holds(GrokPatternsMapping.Alt alt, String expected, LogEvent event, Map<String, Object> fields) {
        if (alt instanceof GrokPatternsMapping.Expanded) {
            return false;
        }
        if (alt instanceof GrokPatternsMapping.Event e) {
            return event.type().name().equals(e.name());
        }
        if (alt instanceof GrokPatternsMapping.Flag f) {
            return Boolean.TRUE.equals(fields.get(f.name()));
        }
        if (alt instanceof GrokPatternsMapping.Join j) {
            Object a = fields.get(j.first());
            Object b = fields.get(j.second());
            return a != null && b != null && (a + "/" + b).equals(expected);
        }
        GrokPatternsMapping.Field f = (GrokPatternsMapping.Field) alt;
        if (f.absentWhen() != null && f.absentWhen().equals(expected)) {
            return !fields.containsKey(f.name());
        }
        return fields.containsKey(f.name()) && DialectTester.same(fields.get(f.name()), expected);
    }

    /** The table names only fields and events the dialect declares. */
    @Test
    void mappingNamesOnlyDeclaredFieldsAndEvents() {
        Set<String> declared = new HashSet<>();
        Set<String> events = new HashSet<>();
        for (EventType t : DIALECT.eventTypes()) {
            events.add(t.name());
            for (FieldSpec f : t.fields()) {
                declared.add(f.name());
            }
        }
        mapping.rules.forEach((pgp, alts) -> {
            for (GrokPatternsMapping.Alt a : alts) {
                List<String> names = new ArrayList<>();
                if (a instanceof GrokPatternsMapping.Field f) {
                    names.add(f.name().replace("*", "ehlo"));
                } else if (a instanceof GrokPatternsMapping.Join j) {
                    names.add(j.first());
                    names.add(j.second());
                } else if (a instanceof GrokPatternsMapping.Flag f) {
                    names.add(f.name());
                } else if (a instanceof GrokPatternsMapping.Event e) {
                    assertThat(events).as("event in the row of [%s]", pgp).contains(e.name());
                }
                assertThat(declared).as("fields in the row of [%s]", pgp).containsAll(names);
            }
        });
    }
}
