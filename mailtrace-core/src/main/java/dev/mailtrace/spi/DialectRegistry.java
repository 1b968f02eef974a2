package dev.mailtrace.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The dialects in use and which program each line goes to.
 *
 * <pre>{@code
 * DialectRegistry registry = DialectRegistry.load();          // every dialect on the class path
 * DialectRegistry custom = DialectRegistry.builder()
 *         .addServiceLoaded(getClass().getClassLoader())
 *         .override(new MyPostfixDialect())                    // replaces the one named "postfix"
 *         .alias("mta-out/*", "postfix")                       // a custom syslog_name
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Lookups by program go through a {@link ProgramResolver}, one per
 * thread, which memoises the answer per distinct program so that dispatch is one hash probe.
 */
public final class DialectRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Map<String, LogDialect> byName;
    private final List<ProgramClaim> claims;

    private DialectRegistry(Map<String, LogDialect> byName, List<ProgramClaim> claims) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.claims = List.copyOf(claims);
    }

    /** Every dialect found by {@link ServiceLoader} with the thread's context class loader. */
    public static DialectRegistry load() {
        return builder().addServiceLoaded(Thread.currentThread().getContextClassLoader()).build();
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The dialects, in registration order. */
    public List<LogDialect> dialects() {
        return List.copyOf(byName.values());
    }

    /** The dialect names, in registration order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The dialect of that name, ignoring case.
     *
     * @throws IllegalArgumentException naming the available dialects if there is none
     */
    public LogDialect forName(String name) {
        LogDialect d = byName.get(name.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("unknown dialect [" + name + "]; available: " + byName.keySet());
        }
        return d;
    }

    /** The dialect that claims {@code program}, or null. Not memoised: use a {@link ProgramResolver} per line. */
    public LogDialect dialectFor(String program) {
        ProgramClaim best = null;
        for (ProgramClaim c : claims) {
            if (c.matches(program) && (best == null || c.specificity() > best.specificity())) {
                best = c;
            }
        }
        return best == null ? null : best.dialect();
    }

    /** A new memoising resolver over this registry; not thread-safe, one per thread. */
    public ProgramResolver resolver() {
        return new ProgramResolver(this);
    }

    @Override
    public String toString() {
        return "DialectRegistry" + byName.keySet();
    }

    /** Builds a {@link DialectRegistry}. */
    public static final class Builder {
        private final Map<String, LogDialect> byName = new LinkedHashMap<>();
        private final List<String[]> aliases = new ArrayList<>();

        private Builder() {
        }

        /** Adds every dialect {@link ServiceLoader} finds through {@code loader}. */
        public Builder addServiceLoaded(ClassLoader loader) {
            for (LogDialect d : ServiceLoader.load(LogDialect.class, loader)) {
                add(d);
            }
            return this;
        }

        /**
         * Adds a dialect.
         *
         * @throws IllegalArgumentException if its name is invalid or already taken (use {@link #override})
         */
        public Builder add(LogDialect dialect) {
            String name = checkName(dialect);
            LogDialect previous = byName.get(name);
            if (previous != null && previous.getClass() != dialect.getClass()) {
                throw new IllegalArgumentException("two dialects named [" + name + "]: "
                        + previous.getClass().getName() + " and " + dialect.getClass().getName()
                        + "; use override() to replace one");
            }
            byName.put(name, dialect);
            return this;
        }

        /** Adds a dialect, replacing any of the same name. */
        public Builder override(LogDialect dialect) {
            byName.put(checkName(dialect), dialect);
            return this;
        }

        /** Removes the dialect of that name, if any. */
        public Builder remove(String name) {
            byName.remove(name.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Sends programs matching {@code programPattern} (exact or with {@code *}) to the named
         * dialect, in addition to what it claims itself: for custom syslog names. An alias is as
         * specific as an exact claim.
         */
        public Builder alias(String programPattern, String dialectName) {
            aliases.add(new String[] {Objects.requireNonNull(programPattern), dialectName.toLowerCase(Locale.ROOT)});
            return this;
        }

        /**
         * Builds the registry.
         *
         * @throws IllegalArgumentException if an alias names a dialect that is not registered
         */
        public DialectRegistry build() {
            // Aliases come first: dialectFor keeps the first of equally specific claims, so the
            // user's choice wins over a dialect's own exact claim.
            List<ProgramClaim> claims = new ArrayList<>();
            for (String[] a : aliases) {
                LogDialect d = byName.get(a[1]);
                if (d == null) {
                    throw new IllegalArgumentException("alias [" + a[0] + "] names unknown dialect [" + a[1]
                            + "]; available: " + byName.keySet());
                }
                claims.add(new ProgramClaim(a[0], d, true));
            }
            for (LogDialect d : byName.values()) {
                for (String p : d.programs()) {
                    claims.add(new ProgramClaim(p, d, false));
                }
            }
            return new DialectRegistry(byName, claims);
        }

        private static String checkName(LogDialect dialect) {
            String name = Objects.requireNonNull(dialect.name(), "dialect name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid dialect name [" + name + "] of "
                        + dialect.getClass().getName() + ": expected [a-z][a-z0-9_]*");
            }
            return name;
        }
    }
}
