package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;

import org.junit.jupiter.api.Test;

/** On the module path the dialect is found through {@code provides}, not META-INF/services. */
class ModuleDescriptorTest {

    @Test
    void providesTheDialectAsAService() throws Exception {
        // Read it where SendmailDialect comes from: the class path may hold other modules' descriptors first.
        URL classes = SendmailDialect.class.getProtectionDomain().getCodeSource().getLocation();
        try (InputStream in = classes.toURI().resolve("module-info.class").toURL().openStream()) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            assertThat(d.name()).isEqualTo("dev.mailtrace.sendmail");
            assertThat(d.provides()).anySatisfy(p -> {
                assertThat(p.service()).isEqualTo("dev.mailtrace.spi.LogDialect");
                assertThat(p.providers()).containsExactly(SendmailDialect.class.getName());
            });
            assertThat(d.requires()).anyMatch(r -> r.name().equals("dev.mailtrace.core"));
        }
    }
}
