package dev.mailtrace.postfix;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import dev.mailtrace.testkit.YamlCases;

/**
 * The dialect's rules as data: every {@code cases/*.yaml} beside this test lists lines with the
 * event and fields they must give, in the format {@link YamlCases} documents.
 */
class PostfixCasesTest {

    @TestFactory
    Stream<DynamicNode> cases() {
        return YamlCases.of(new PostfixDialect()).tests(PostfixCasesTest.class, "cases");
    }
}
