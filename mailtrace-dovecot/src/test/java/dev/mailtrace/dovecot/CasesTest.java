package dev.mailtrace.dovecot;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.testkit.YamlCases;

/**
 * The rules of this module's dialects as data: every {@code cases/*.yaml} beside this test names
 * its dialect and lists lines with the event and fields they must give, in the format
 * {@link YamlCases} documents.
 */
class CasesTest {

    @TestFactory
    Stream<DynamicNode> cases() {
        return YamlCases.of(DialectRegistry.builder().addServiceLoaded(CasesTest.class.getClassLoader()).build())
                .tests(CasesTest.class, "cases");
    }
}
