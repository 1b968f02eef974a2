package dev.mailtrace.dovecot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;

/** The dialects as services: discovery, the programs they claim, the event types they declare. */
class DialectsTest {

    private static final DialectRegistry REGISTRY = DialectRegistry.load();

    @Test
    void areFoundByServiceLoaderUnderTheirNames() {
        Map<String, Class<?>> expected = Map.of("dovecot", DovecotDialect.class, "opendkim", OpendkimDialect.class,
                "milter_greylist", GreylistDialect.class, "amavis", AmavisDialect.class,
                "mailscanner", MailScannerDialect.class);
        expected.forEach((name, type) -> {
            LogDialect d = REGISTRY.forName(name.toUpperCase(java.util.Locale.ROOT));
            assertThat(d).as(name).isInstanceOf(type);
            assertThat(d.name()).isEqualTo(name);
        });
        assertThat(REGISTRY.names()).containsAll(expected.keySet());
    }

    @Test
    void claimTheirPrograms() {
        Map<String, String> claims = Map.ofEntries(Map.entry("dovecot", "dovecot"), Map.entry("imap-login", "dovecot"),
                Map.entry("pop3-login", "dovecot"), Map.entry("submission-login", "dovecot"),
                Map.entry("managesieve-login", "dovecot"), Map.entry("imap", "dovecot"), Map.entry("lmtp", "dovecot"),
                Map.entry("auth", "dovecot"), Map.entry("auth-worker", "dovecot"), Map.entry("dovecot-auth", "dovecot"),
                Map.entry("deliver", "dovecot"), Map.entry("opendkim", "opendkim"),
                Map.entry("milter-greylist", "milter_greylist"), Map.entry("amavis", "amavis"),
                Map.entry("amavisd", "amavis"), Map.entry("/usr/sbin/amavisd", "amavis"),
                Map.entry("amavisd-new", "amavis"), Map.entry("MailScanner", "mailscanner"));
        claims.forEach((program, dialect) ->
                assertThat(REGISTRY.dialectFor(program)).as(program).isNotNull()
                        .extracting(LogDialect::name).isEqualTo(dialect));
        assertThat(REGISTRY.dialectFor("postfix/lmtp")).as("postfix's lmtp is not dovecot's")
                .satisfiesAnyOf(d -> assertThat(d).isNull(), d -> assertThat(d.name()).isNotEqualTo("dovecot"));
    }

    @Test
    void declareEachEventTypeOnceWithUniqueSnakeCaseFields() {
        for (LogDialect dialect : new LogDialect[] {new DovecotDialect(), new OpendkimDialect(), new GreylistDialect(),
            new AmavisDialect(), new MailScannerDialect()}) {
            Set<String> names = new HashSet<>();
            for (EventType t : dialect.eventTypes()) {
                assertThat(t.dialect()).isEqualTo(dialect.name());
                assertThat(names.add(t.name())).as("event type %s declared once", t).isTrue();
                assertThat(t.name()).matches("[a-z][a-z0-9_]*");
                assertThat(t.description()).isNotBlank();
                Set<String> fields = new HashSet<>();
                for (FieldSpec f : t.fields()) {
                    assertThat(f.name()).as("field of %s", t).matches("[a-z][a-z0-9_]*");
                    assertThat(fields.add(f.name())).as("field %s of %s declared once", f.name(), t).isTrue();
                    assertThat(f.description()).as("description of %s.%s", t, f.name()).isNotBlank();
                }
            }
            assertThat(names).as("%s has a notice type for the rest", dialect.name()).contains("notice");
        }
    }

    @Test
    void loginReasonsAreDovecot24Names() {
        assertThat(LoginReasons.codes()).contains("auth_failed", "no_auth_attempts", "cleartext_auth_disabled",
                "tls_handshake_not_finished").allMatch(c -> c.matches("[a-z][a-z0-9_]*"));
    }
}
