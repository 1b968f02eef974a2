package dev.mailtrace.postfix;

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

import dev.mailtrace.event.BounceCreated;
import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageExpired;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MessageRemoved;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.testkit.DialectTester;
import dev.mailtrace.testkit.Yamls;

/**
 * The dialect's rules as data: every {@code cases/*.yaml} beside this test lists lines with the
 * event and fields they must give. A file holds
 *
 * <pre>
 * program: postfix/smtpd          # default program of its cases
 * cases:
 *   - line: "connect from mail.example.org[192.0.2.1]"
 *     program: postfix-in/smtpd   # optional override
 *     event: connect              # or  recognised: false
 *     fields: {client_ip: 192.0.2.1}
 *     absent: [client_port]
 *     is: [MessageAccepted]       # generic interfaces the event implements (not: for the contrary)
 * </pre>
 */
class PostfixCasesTest {

    private static final DialectTester TESTER = DialectTester.of(new PostfixDialect());

    private static final Map<String, Class<?>> INTERFACES = Map.of(
            "MessageAccepted", MessageAccepted.class, "MessageIdentified", MessageIdentified.class,
            "EnvelopeSender", EnvelopeSender.class, "RecipientAttempt", RecipientAttempt.class,
            "MessageRemoved", MessageRemoved.class, "MessageExpired", MessageExpired.class,
            "BounceCreated", BounceCreated.class, "Rejection", Rejection.class, "QueueEvent", QueueEvent.class);

    @TestFactory
    Stream<DynamicNode> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(PostfixCasesTest.class.getResource("cases").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("case files in %s", dir).isNotEmpty();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), cases(file)));
        }
        return nodes.stream();
    }

    @SuppressWarnings("unchecked")
    private static Stream<DynamicTest> cases(Path file) throws IOException {
        Map<String, Object> doc = (Map<String, Object>) Yamls.load(file);
        String program = (String) doc.get("program");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("cases");
        assertThat(cases).as("cases of %s", file).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Map<String, Object> c = cases.get(i);
            String line = (String) c.get("line");
            String prog = (String) c.getOrDefault("program", program);
            String name = (i + 1) + ": " + (line.length() > 90 ? line.substring(0, 90) + "..." : line);
            tests.add(DynamicTest.dynamicTest(name, () -> run(file, prog, line, c)));
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void run(Path file, String program, String line, Map<String, Object> c) {
        assertThat(program).as("program of a case in %s", file).isNotNull();
        DialectTester.Case r = TESTER.line(program, line);
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
