package dev.mailtrace.postfix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table "Field mapping from postfix-grok-patterns" of this module's README, read as test data
 * so that the documentation is what is tested. A mapping cell is one or more alternatives joined
 * by {@code or}:
 * <ul>
 *   <li>{@code `field`} — the same value in that field (numbers compared numerically);
 *       {@code `field` (absent when `V`)} — and when postfix-grok-patterns has {@code V}, the field
 *       is absent;</li>
 *   <li>{@code `a`/`b`} — the two fields joined by a slash;</li>
 *   <li>{@code `field` = true} — a flag that is set;</li>
 *   <li>{@code event `name`} — implied by the event type;</li>
 *   <li>{@code expanded} — an intermediate field the Logstash filter expands into others.</li>
 * </ul>
 * A {@code *} in a postfix-grok-patterns name matches any run of characters and is substituted
 * into the mailtrace field.
 */
final class GrokPatternsMapping {

    sealed interface Alt permits Field, Join, Flag, Event, Expanded {
    }

    record Field(String name, String absentWhen) implements Alt {
    }

    record Join(String first, String second) implements Alt {
    }

    record Flag(String name) implements Alt {
    }

    record Event(String name) implements Alt {
    }

    record Expanded() implements Alt {
    }

    static final String SECTION = "## Field mapping from postfix-grok-patterns";

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_*-]+)` \\| (.+?) \\|(.*)\\|$");
    private static final Pattern FIELD = Pattern.compile("^`([a-z0-9_*]+)`(?: \\(absent when `([^`]*)`\\))?$");
    private static final Pattern JOIN = Pattern.compile("^`([a-z0-9_]+)`/`([a-z0-9_]+)`$");
    private static final Pattern FLAG = Pattern.compile("^`([a-z0-9_]+)` = true$");
    private static final Pattern EVENT = Pattern.compile("^event `([a-z0-9_]+)`$");

    final Map<String, List<Alt>> rules = new LinkedHashMap<>();

    static GrokPatternsMapping read(Path readme) throws IOException {
        GrokPatternsMapping m = new GrokPatternsMapping();
        boolean in = false;
        int n = 0;
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            n++;
            if (line.startsWith("## ")) {
                in = line.equals(SECTION);
                continue;
            }
            if (!in) {
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            List<Alt> alts = new ArrayList<>();
            for (String alt : row.group(2).trim().split(" or ")) {
                alts.add(alt(alt.trim(), readme, n));
            }
            if (m.rules.put(row.group(1), alts) != null) {
                throw new IllegalStateException("duplicate row [" + row.group(1) + "] (" + readme + ":" + n + ")");
            }
        }
        if (m.rules.isEmpty()) {
            throw new IllegalStateException("no mapping table under [" + SECTION + "] in " + readme);
        }
        return m;
    }

    private static Alt alt(String text, Path file, int line) {
        if (text.equals("expanded")) {
            return new Expanded();
        }
        Matcher x = EVENT.matcher(text);
        if (x.matches()) {
            return new Event(x.group(1));
        }
        x = JOIN.matcher(text);
        if (x.matches()) {
            return new Join(x.group(1), x.group(2));
        }
        x = FLAG.matcher(text);
        if (x.matches()) {
            return new Flag(x.group(1));
        }
        x = FIELD.matcher(text);
        if (x.matches()) {
            return new Field(x.group(1), x.group(2));
        }
        throw new IllegalStateException("bad mapping [" + text + "] (" + file + ":" + line + "); expected `field`, "
                + "`field` (absent when `V`), `a`/`b`, `field` = true, event `name` or expanded");
    }

    /** The alternatives for a postfix-grok-patterns field with wildcards substituted, or null if unmapped. */
    List<Alt> rule(String pgpField) {
        List<Alt> exact = rules.get(pgpField);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, List<Alt>> r : rules.entrySet()) {
            String key = r.getKey();
            int star = key.indexOf('*');
            if (star < 0) {
                continue;
            }
            String prefix = key.substring(0, star);
            String suffix = key.substring(star + 1);
            if (pgpField.startsWith(prefix) && pgpField.endsWith(suffix)
                    && pgpField.length() > prefix.length() + suffix.length()) {
                String wild = pgpField.substring(prefix.length(), pgpField.length() - suffix.length());
                List<Alt> out = new ArrayList<>();
                for (Alt a : r.getValue()) {
                    out.add(a instanceof Field f ? new Field(f.name().replace("*", wild), f.absentWhen()) : a);
                }
                return out;
            }
        }
        return null;
    }
}
