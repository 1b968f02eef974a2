package dev.mailtrace.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;

/**
 * A dialect's rules as data: every {@code *.yaml} file of a test's resource folder lists lines with
 * the event and fields they must give, and each case runs through {@link DialectTester} as one
 * dynamic test. A file holds
 *
 * <pre>
 * dialect: dovecot                # the dialect of its cases, where the runner serves several
 * program: postfix/smtpd          # default program (syslog tag) of its cases
 * cases:
 *   - line: "connect from mail.example.org[192.0.2.1]"
 *     program: postfix-in/smtpd   # optional override
 *     event: connect              # or  recognised: false
 *     fields: {client_ip: 192.0.2.1}
 *     absent: [client_port]
 *     is: [MessageAccepted]       # generic interfaces of dev.mailtrace.event it implements (not: for the contrary)
 *     generic: {recipient: a@example.org, status: SENT}   # what the aggregator reads: accessor = value
 * </pre>
 *
 * <p>A dialect's test is then {@code @TestFactory Stream<DynamicNode> cases() { return
 * YamlCases.of(new PostfixDialect()).tests(PostfixCasesTest.class, "cases"); }}.
 */
public final class YamlCases {

    /** The package whose interfaces {@code is:} and {@code not:} name. */
    private static final String EVENT_PACKAGE = LogEvent.class.getPackageName();

    private final LogDialect dialect;
    private final DialectRegistry registry;

    private YamlCases(LogDialect dialect, DialectRegistry registry) {
        this.dialect = dialect;
        this.registry = registry;
    }

    /** Cases of one dialect; a file's {@code dialect:} is not read. */
    public static YamlCases of(LogDialect dialect) {
        return new YamlCases(dialect, null);
    }

    /** Cases of the dialects of {@code registry}: each file names its own with {@code dialect:}. */
    public static YamlCases of(DialectRegistry registry) {
        return new YamlCases(null, registry);
    }

    /** One line of a case file. */
    public record Line(String dialect, String program, String line) {
    }

    /** The {@code *.yaml} files of the resource folder {@code folder} beside {@code testClass}, in name order; never empty. */
    public static List<Path> files(Class<?> testClass, String folder) {
        URL url = testClass.getResource(folder);
        assertThat(url).as("resource folder [%s] beside %s", folder, testClass.getName()).isNotNull();
        try {
            Path dir = Path.of(url.toURI());
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            }
            assertThat(files).as("case files in %s", dir).isNotEmpty();
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }

    /** Every case of the files in {@code folder} beside {@code testClass}: for tests that feed the same lines elsewhere. */
    public static List<Line> lines(Class<?> testClass, String folder) {
        List<Line> all = new ArrayList<>();
        for (Path file : files(testClass, folder)) {
            Map<String, Object> doc = load(file);
            for (Map<String, Object> c : cases(doc, file)) {
                all.add(new Line((String) doc.get("dialect"), (String) c.getOrDefault("program", doc.get("program")),
                        (String) c.get("line")));
            }
        }
        return all;
    }

    /** One container a file of {@code folder} beside {@code testClass}, one test a case. */
    public Stream<DynamicNode> tests(Class<?> testClass, String folder) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files(testClass, folder)) {
            nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests(file)));
        }
        return nodes.stream();
    }

    private Stream<DynamicTest> tests(Path file) {
        Map<String, Object> doc = load(file);
        DialectTester tester = DialectTester.of(dialect != null ? dialect : dialectOf(doc, file));
        String program = (String) doc.get("program");
        List<Map<String, Object>> cases = cases(doc, file);
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

    private LogDialect dialectOf(Map<String, Object> doc, Path file) {
        String name = (String) doc.get("dialect");
        assertThat(name).as("dialect of %s", file).isNotNull();
        return registry.forName(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) {
        try {
            return (Map<String, Object>) Yamls.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(Map<String, Object> doc, Path file) {
        List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("cases");
        assertThat(cases).as("cases of %s", file).isNotEmpty();
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static void run(DialectTester tester, Path file, String program, String line, Map<String, Object> c)
            throws ReflectiveOperationException {
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
            r.isA(eventInterface(iface, file));
        }
        for (String iface : (List<String>) c.getOrDefault("not", List.of())) {
            r.isNotA(eventInterface(iface, file));
        }
        Map<String, Object> generic = (Map<String, Object>) c.getOrDefault("generic", Map.of());
        for (Map.Entry<String, Object> g : generic.entrySet()) {
            assertThat(accessor(r.event(), g.getKey())).as("%s() of %s", g.getKey(), line).isEqualTo(g.getValue());
        }
    }

    /** The interface of {@code dev.mailtrace.event} called {@code name}. */
    private static Class<?> eventInterface(String name, Path file) {
        Class<?> type = null;
        try {
            type = Class.forName(EVENT_PACKAGE + "." + name, false, LogEvent.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // asserted below, with the name and file
        }
        assertThat(type != null && type.isInterface() && LogEvent.class.isAssignableFrom(type))
                .as("[%s] in %s is an event interface of %s", name, file, EVENT_PACKAGE).isTrue();
        return type;
    }

    /** A no-argument accessor's value as text ({@code null} for null, lists as {@code [a, b]}). */
    private static String accessor(LogEvent event, String name) throws ReflectiveOperationException {
        Method m = event.getClass().getMethod(name);
        m.setAccessible(true);
        return String.valueOf(m.invoke(event));
    }
}
