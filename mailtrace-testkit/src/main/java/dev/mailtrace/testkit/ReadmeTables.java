package dev.mailtrace.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;

/**
 * A dialect's README lists its event types in a table generated from its declarations: this
 * checks the table between two marker comments and, with {@code -Dmailtrace.updateReadme=true},
 * rewrites it instead of failing.
 */
public final class ReadmeTables {

    private ReadmeTables() {
    }

    /** The fields of a type as the table lists them: {@code `queue_id`, `from`}. */
    public static String fieldNames(EventType type) {
        List<String> fields = new ArrayList<>();
        for (FieldSpec f : type.fields()) {
            fields.add("`" + f.name() + "`");
        }
        return String.join(", ", fields);
    }

    /** The table {@code | event | what | fields |} of {@code types}, fields as {@link #fieldNames}. */
    public static String eventTable(List<EventType> types) {
        return eventTable(types, ReadmeTables::fieldNames);
    }

    /** The table {@code | event | what | fields |} of {@code types}, the fields column made by {@code fields}. */
    public static String eventTable(List<EventType> types, Function<EventType, String> fields) {
        StringBuilder sb = new StringBuilder("| event | what | fields |\n|---|---|---|\n");
        for (EventType t : types) {
            sb.append("| `").append(t.name()).append("` | ").append(t.description().replace("|", "\\|")).append(" | ")
                    .append(fields.apply(t)).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * Asserts that the lines after the line {@code begin} and before {@code end} in {@code readme}
     * are {@code expected}; with {@code -Dmailtrace.updateReadme=true} a difference is written
     * into the file instead.
     */
    public static void assertTable(Path readme, String begin, String end, String expected) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertThat(b).as("%s in %s", begin, readme).isNotNegative();
        assertThat(e).as("%s in %s", end, readme).isGreaterThan(b);
        String current = text.substring(b + begin.length() + 1, e);
        if (!current.equals(expected) && Boolean.getBoolean("mailtrace.updateReadme")) {
            Files.writeString(readme, text.substring(0, b + begin.length() + 1) + expected + text.substring(e),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("README event table between %s and %s (rewrite with -Dmailtrace.updateReadme=true)",
                begin, end).isEqualTo(expected);
    }
}
