package dev.mailtrace.grok;

import java.util.Objects;

/**
 * One named pattern of a {@link PatternBank}: {@code POSTFIX_QUEUEID ([0-9A-F]{6,}|[0-9a-zA-Z]{12,}|NOQUEUE)}.
 *
 * @param name the name references use ({@code %{POSTFIX_QUEUEID}})
 * @param regex the definition: a joni (Ruby syntax) regex that may contain references
 * @param origin where it was defined, e.g. {@code postfix.grok:8} or {@code builtin base.grok:12}
 */
public record PatternDefinition(String name, String regex, String origin) {
    public PatternDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(origin, "origin");
    }
}
