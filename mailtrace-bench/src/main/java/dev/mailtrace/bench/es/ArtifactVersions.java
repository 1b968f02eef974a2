package dev.mailtrace.bench.es;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The Maven version of the jar a class was loaded from, read from the {@code pom.properties} Maven
 * puts in every jar it builds. Jar manifests are no help here: joni 2.1.29 says
 * {@code Implementation-Version: 1.1.7}.
 */
public final class ArtifactVersions {

    private ArtifactVersions() {
    }

    /**
     * The version of {@code groupId:artifactId} recorded in the jar {@code type} came from.
     *
     * @return the version, or empty if the class does not come from a jar or the jar has no
     *     {@code pom.properties} for that artifact
     */
    public static Optional<String> of(Class<?> type, String groupId, String artifactId) {
        Optional<Path> jar = jarOf(type);
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        String entryName = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (JarFile jf = new JarFile(jar.get().toFile())) {
            ZipEntry entry = jf.getEntry(entryName);
            if (entry == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (InputStream in = jf.getInputStream(entry)) {
                p.load(in);
            }
            return Optional.ofNullable(p.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entryName + " from " + jar.get(), e);
        }
    }

    /** The jar file {@code type} was loaded from, if it was loaded from one. */
    public static Optional<Path> jarOf(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        URL location = cs == null ? null : cs.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(location.toURI());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
