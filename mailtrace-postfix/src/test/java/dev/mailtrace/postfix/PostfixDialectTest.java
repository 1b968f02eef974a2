package dev.mailtrace.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;

/** The dialect as a service: discovery, the programs it claims, the event types it declares. */
class PostfixDialectTest {

    @Test
    void isFoundByServiceLoaderAndClaimsEveryPostfixProgram() {
        DialectRegistry registry = DialectRegistry.load();
        LogDialect d = registry.forName("Postfix");
        assertThat(d).isInstanceOf(PostfixDialect.class);
        assertThat(d.name()).isEqualTo(PostfixDialect.NAME).isEqualTo("postfix");
        for (String program : new String[] {"postfix/smtpd", "postfix/qmgr", "postfix-out/smtp", "postfix/submission/smtpd",
            "postfix-smo/submission/smtpd", "postfix/postfix-script", "postfix/smtps/smtpd"}) {
            assertThat(registry.dialectFor(program)).as(program).isSameAs(d);
        }
        assertThat(registry.dialectFor("postfix")).isNull();
        assertThat(registry.dialectFor("dovecot")).isNull();
    }

    @Test
    void declaresEachEventTypeOnceWithUniqueSnakeCaseFields() {
        Set<String> names = new HashSet<>();
        for (EventType t : new PostfixDialect().eventTypes()) {
            assertThat(t.dialect()).isEqualTo("postfix");
            assertThat(names.add(t.name())).as("event type %s declared once", t.name()).isTrue();
            assertThat(t.name()).matches("[a-z][a-z0-9_]*");
            assertThat(t.description()).isNotBlank();
            Set<String> fields = new HashSet<>();
            for (FieldSpec f : t.fields()) {
                assertThat(f.name()).as("field of %s", t).matches("[a-z][a-z0-9_]*");
                assertThat(fields.add(f.name())).as("field %s of %s declared once", f.name(), t).isTrue();
                assertThat(f.description()).as("description of %s.%s", t, f.name()).isNotBlank();
            }
        }
        assertThat(names).contains("connect", "disconnect", "client", "message_id", "sender", "delivery", "removed",
                "expired", "reject", "bounce", "tls", "header_check", "milter", "postscreen", "anvil", "warning");
    }
}
