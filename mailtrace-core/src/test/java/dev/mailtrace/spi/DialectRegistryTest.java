package dev.mailtrace.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;

class DialectRegistryTest {

    /** A dialect that claims what it is told and recognises nothing. */
    record Fake(String name, Set<String> programs) implements LogDialect {
        @Override
        public List<EventType> eventTypes() {
            return List.of();
        }

        @Override
        public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
            return false;
        }
    }

    private static final Fake POSTFIX = new Fake("postfix", Set.of("postfix*/*"));
    private static final Fake DOVECOT = new Fake("dovecot", Set.of("dovecot", "imap-login", "pop3-login"));
    private static final Fake SPECIAL = new Fake("special", Set.of("postfix-special/*", "postfix/pickup"));

    @Test
    void dispatchesByExactNameAndPattern() {
        DialectRegistry r = DialectRegistry.builder().add(POSTFIX).add(DOVECOT).build();
        assertThat(r.dialectFor("postfix/smtpd")).isSameAs(POSTFIX);
        assertThat(r.dialectFor("postfix-out/qmgr")).as("multi-instance").isSameAs(POSTFIX);
        assertThat(r.dialectFor("postfix")).isNull();
        assertThat(r.dialectFor("imap-login")).isSameAs(DOVECOT);
        assertThat(r.dialectFor("sshd")).isNull();
        assertThat(r.names()).containsExactly("postfix", "dovecot");
    }

    @Test
    void exactAndLongerClaimsWin() {
        DialectRegistry r = DialectRegistry.builder().add(POSTFIX).add(SPECIAL).build();
        assertThat(r.dialectFor("postfix/pickup")).isSameAs(SPECIAL);
        assertThat(r.dialectFor("postfix-special/smtp")).isSameAs(SPECIAL);
        assertThat(r.dialectFor("postfix/smtp")).isSameAs(POSTFIX);
    }

    @Test
    void aliasesOverrideAndRegistersCanBeReplaced() {
        Fake mine = new Fake("postfix", Set.of("postfix/*"));
        DialectRegistry r = DialectRegistry.builder().add(POSTFIX).add(DOVECOT).override(mine)
                .alias("mta-out/*", "postfix").alias("dovecot", "postfix").build();
        assertThat(r.dialectFor("mta-out/smtp")).isSameAs(mine);
        assertThat(r.dialectFor("dovecot")).as("an alias beats an exact claim").isSameAs(mine);
        assertThat(r.forName("POSTFIX")).isSameAs(mine);
        assertThatThrownBy(() -> DialectRegistry.builder().add(POSTFIX).alias("x", "exim").build())
                .hasMessage("alias [x] names unknown dialect [exim]; available: [postfix]");
    }

    @Test
    void rejectsBadAndDuplicateNames() {
        assertThatThrownBy(() -> DialectRegistry.builder().add(new Fake("Exim4", Set.of())))
                .hasMessageContaining("invalid dialect name [Exim4]");
        LogDialect otherPostfix = new ServiceLoadedTestDialect() {
            @Override
            public String name() {
                return "postfix";
            }
        };
        assertThatThrownBy(() -> DialectRegistry.builder().add(POSTFIX).add(otherPostfix).build())
                .hasMessageContaining("two dialects named [postfix]").hasMessageContaining("use override()");
        assertThat(DialectRegistry.builder().add(POSTFIX).add(new Fake("postfix", Set.of("x"))).build().dialectFor("x"))
                .as("the same implementation added twice (ServiceLoader run twice) is not a conflict").isNotNull();
        assertThatThrownBy(() -> DialectRegistry.builder().add(POSTFIX).build().forName("exim"))
                .hasMessage("unknown dialect [exim]; available: [postfix]");
    }

    @Test
    void findsDialectsThroughServiceLoader() {
        DialectRegistry r = DialectRegistry.load();
        assertThat(r.names()).contains(ServiceLoadedTestDialect.NAME);
        assertThat(r.dialectFor("testprog")).isInstanceOf(ServiceLoadedTestDialect.class);
    }

    @Test
    void resolverMemoisesPerProgramWithoutAllocatingTheName() {
        DialectRegistry r = DialectRegistry.builder().add(POSTFIX).add(DOVECOT).build();
        ProgramResolver resolver = r.resolver();
        byte[] line = "xx postfix/smtpd yy dovecot postfix/smtpd".getBytes(StandardCharsets.US_ASCII);
        resolver.resolve(line, 3, 16);
        String first = resolver.program();
        assertThat(first).isEqualTo("postfix/smtpd");
        assertThat(resolver.dialect()).isSameAs(POSTFIX);
        resolver.resolve(line, 20, 27);
        assertThat(resolver.program()).isEqualTo("dovecot");
        assertThat(resolver.dialect()).isSameAs(DOVECOT);
        resolver.resolve(line, 28, 41);
        assertThat(resolver.program()).isSameAs(first);
    }

    @Test
    void resolverStaysBoundedUnderManyDistinctPrograms() {
        ProgramResolver resolver = DialectRegistry.builder().add(POSTFIX).build().resolver();
        for (int i = 0; i < 3 * ProgramResolver.MAX_PROGRAMS; i++) {
            byte[] p = ("postfix/x" + i).getBytes(StandardCharsets.US_ASCII);
            resolver.resolve(p, 0, p.length);
            assertThat(resolver.dialect()).isSameAs(POSTFIX);
            assertThat(resolver.program()).isEqualTo("postfix/x" + i);
        }
    }
}
