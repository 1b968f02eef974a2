package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
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
import dev.mailtrace.event.ImplicitCompletion;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.MessageAccepted;
import dev.mailtrace.event.MessageExpired;
import dev.mailtrace.event.MessageIdentified;
import dev.mailtrace.event.MessageRemoved;
import dev.mailtrace.event.MultiRecipientAttempt;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.RecipientAttempt;
import dev.mailtrace.event.Rejection;
import dev.mailtrace.event.TlsEstablished;
import dev.mailtrace.testkit.DialectTester;
import dev.mailtrace.testkit.Yamls;

/**
 * The dialect's rules as data: every {@code cases/*.yaml} beside this test lists lines with the
 * event and fields they must give. A file holds
 *
 * <pre>
 * program: sm-mta                 # default program of its cases
 * cases:
 *   - line: "NOQUEUE: connect from mail.example.org [192.0.2.1]"
 *     program: sendmail           # optional override
 *     event: connect              # or  recognised: false
 *     fields: {client_ip: 192.0.2.1}
 *     absent: [client_user]
 *     is: [Rejection]             # generic interfaces the event implements (not: for the contrary)
 *     generic: {recipient: a@example.org, status: SENT}   # what the aggregator reads: accessor = value
 * </pre>
 */
class SendmailCasesTest {

    private static final DialectTester TESTER = DialectTester.of(new SendmailDialect());

    static final Map<String, Class<?>> INTERFACES = Map.ofEntries(
            Map.entry("MessageAccepted", MessageAccepted.class), Map.entry("MessageIdentified", MessageIdentified.class),
            Map.entry("EnvelopeSender", EnvelopeSender.class), Map.entry("RecipientAttempt", RecipientAttempt.class),
            Map.entry("MultiRecipientAttempt", MultiRecipientAttempt.class),
            Map.entry("MessageRemoved", MessageRemoved.class), Map.entry("MessageExpired", MessageExpired.class),
            Map.entry("BounceCreated", BounceCreated.class), Map.entry("Rejection", Rejection.class),
            Map.entry("QueueEvent", QueueEvent.class), Map.entry("ImplicitCompletion", ImplicitCompletion.class),
            Map.entry("TlsEstablished", TlsEstablished.class));

    @TestFactory
    Stream<DynamicNode> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(SendmailCasesTest.class.getResource("cases").toURI());
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
    private static void run(Path file, String program, String line, Map<String, Object> c) throws Exception {
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
        Map<String, Object> generic = (Map<String, Object>) c.getOrDefault("generic", Map.of());
        for (Map.Entry<String, Object> g : generic.entrySet()) {
            assertThat(accessor(r.event(), g.getKey())).as("%s() of %s", g.getKey(), line).isEqualTo(g.getValue());
        }
    }

    /** A no-argument accessor's value as text ({@code null} for null, lists as {@code [a, b]}). */
    static String accessor(LogEvent event, String name) throws ReflectiveOperationException {
        Method m = event.getClass().getMethod(name);
        m.setAccessible(true);
        return String.valueOf(m.invoke(event));
    }

    private static Class<?> type(String name, Path file) {
        Class<?> t = INTERFACES.get(name);
        assertThat(t).as("interface [%s] in %s; known: %s", name, file, INTERFACES.keySet()).isNotNull();
        return t;
    }
}
