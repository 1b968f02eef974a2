package dev.mailtrace.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real-world pattern files load unchanged and every pattern in them compiles. */
class SharedPatternFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "ecs-v1"})
    void everyLogstashPatternCompiles(String flavour) throws Exception {
        Path dir = SharedData.require("patterns/logstash-patterns-core/" + flavour);
        PatternBank bank = PatternBank.builder().addDirectory(dir).build();
        assertThat(bank.size()).isGreaterThan(300);
        assertAllCompile(bank, bank.names());
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "ecs-v1"})
    void everyPostfixPatternCompilesOnTopOfTheBaseBank(String flavour) throws Exception {
        Path base = SharedData.require("patterns/logstash-patterns-core/" + flavour);
        Path postfix = SharedData.require("patterns/postfix-grok-patterns/postfix.grok");
        PatternBank bank = PatternBank.builder().addDirectory(base).addFile(postfix).build();
        List<String> names = new ArrayList<>();
        for (String n : bank.names()) {
            if (bank.get(n).origin().startsWith(postfix.toString())) {
                names.add(n);
            }
        }
        assertThat(names).hasSizeGreaterThan(80).contains("POSTFIX_SMTPD", "POSTFIX_QMGR", "POSTFIX_SMTP");
        assertAllCompile(bank, names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "ecs-v1"})
    void postfixPatternsCompileOnTheBuiltinBank(String unused) throws Exception {
        Path postfix = SharedData.require("patterns/postfix-grok-patterns/postfix.grok");
        PatternBank bank = PatternBank.builder().addBuiltin().addFile(postfix).build();
        assertAllCompile(bank, List.of("POSTFIX_SMTPD", "POSTFIX_SMTP", "POSTFIX_QMGR", "POSTFIX_CLEANUP"));
    }

    private static void assertAllCompile(PatternBank bank, Iterable<String> names) {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String name : names) {
            try {
                Grok grok = Grok.compile(bank, "%{" + name + "}");
                assertThat(grok.expandedRegex(0)).isNotEmpty();
                n++;
            } catch (PatternCompileException e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).as("patterns that do not compile").isEmpty();
        assertThat(n).isPositive();
    }
}
