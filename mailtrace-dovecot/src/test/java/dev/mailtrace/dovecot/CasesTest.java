package dev.mailtrace.dovecot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.mailtrace.event.FilterVerdict;
import dev.mailtrace.event.MailboxDelivery;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.testkit.DialectTester;
import dev.mailtrace.testkit.Yamls;

/**
 * The dialects' rules as data: every {@code cases/*.yaml} beside this test lists lines with the
 * event and fields they must give. A file holds
 *
 * <pre>
 * dialect: dovecot                 # the dialect its cases go to
 * program: dovecot                 # default syslog tag of its cases
 * cases:
 *   - line: "imap-login: Login: user=&lt;alice&gt;, method=PLAIN, rip=192.0.2.1, lip=192.0.2.10"
 *     program: lmtp(bob)&lt;42&gt;&lt;s&gt;  # optional override: the whole tag
 *     event: login                 # or  recognised: false
 *     fields: {client_ip: 192.0.2.1}
 *     absent: [client_port]
 *     is: [MailboxDelivery]        # generic interfaces the event implements (not: for the contrary)
 * </pre>
 */
class CasesTest {

    private static final DialectRegistry REGISTRY = DialectRegistry.builder()
            .addServiceLoaded(CasesTest.class.getClassLoader()).build();

    private static final Map<String, Class<?>> INTERFACES = Map.of("FilterVerdict", FilterVerdict.class,
            "MailboxDelivery", MailboxDelivery.class, "QueueEvent", QueueEvent.class, "Rejection", Rejection.class);

    @TestFactory
    Stream<DynamicNode> cases() throws IOException, URISyntaxException {
        List<Path> files = files();
        assertThat(files).as("case files").isNotEmpty();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), cases(file)));
        }
        return nodes.stream();
    }

    static List<Path> files() throws IOException, URISyntaxException {
        Path dir = Path.of(CasesTest.class.getResource("cases").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Every case of every file as (dialect, tag, line). */
    @SuppressWarnings("unchecked")
    static List<String[]> allLines() throws IOException, URISyntaxException {
        List<String[]> all = new ArrayList<>();
        for (Path file : files()) {
            Map<String, Object> doc = (Map<String, Object>) Yamls.load(file);
            for (Map<String, Object> c : (List<Map<String, Object>>) doc.get("cases")) {
                all.add(new String[] {(String) doc.get("dialect"), (String) c.getOrDefault("program", doc.get("program")),
                    (String) c.get("line")});
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Stream<DynamicTest> cases(Path file) throws IOException {
        Map<String, Object> doc = (Map<String, Object>) Yamls.load(file);
        String dialect = (String) doc.get("dialect");
        assertThat(dialect).as("dialect of %s", file).isNotNull();
        DialectTester tester = DialectTester.of(REGISTRY.forName(dialect));
        String program = (String) doc.get("program");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("cases");
        assertThat(cases).as("cases of %s", file).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Map<String, Object> c = cases.get(i);
            String line = (String) c.get("line");
            String prog = (String) c.getOrDefault("program", program);
            String name = (i + 1) + ": " + (line.length() > 90 ? line.substring(0, 90) + "..." : line);
            tests.add(DynamicTest.dynamicTest(name, () -> run(tester, file, prog, line, c)));
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void run(DialectTester tester, Path file, String program, String line, Map<String, Object> c) {
        assertThat(program).as("program of a case in %s", file).isNotNull();
        DialectTester.Case r = tester.line(program, line);
        if ("false".equals(c.get("recognised"))) {
            r.unrecognised();
            return;
        }
        r.event((String) c.get("event"));
        Map<String, Object> fields = (Map<String, Object>) c.getOrDefault("fields", Map.of());
        fields.forEach(r::expect);
        for (String absent : (List<String>) c.getOrDefault("absent", List.of())) {
            r.absent(absent);
        }
        for (String iface : (List<String>) c.getOrDefault("is", List.of())) {
            r.isA(type(iface, file));
        }
        for (String iface : (List<String>) c.getOrDefault("not", List.of())) {
            r.isNotA(type(iface, file));
        }
    }

    private static Class<?> type(String name, Path file) {
        Class<?> t = INTERFACES.get(name);
        assertThat(t).as("interface [%s] in %s; known: %s", name, file, INTERFACES.keySet()).isNotNull();
        return t;
    }
}
