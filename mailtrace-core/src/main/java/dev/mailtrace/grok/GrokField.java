package dev.mailtrace.grok;

import java.util.Objects;

/**
 * A field a compiled {@link Grok} can produce: its name as written in the pattern
 * ({@code client}, {@code [source][ip]}, {@code @metadata}) and the type its values are converted to.
 *
 * @param name the field name
 * @param type the type of its values
 */
public record GrokField(String name, GrokType type) {
    public GrokField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return type == GrokType.STRING ? name : name + ":" + type.grokName();
    }
}
