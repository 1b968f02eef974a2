package dev.mailtrace.grok;

import java.util.List;

import org.joni.exception.JOniException;

/**
 * Turns joni's position-less compile errors into {@link PatternCompileException}s that name the
 * innermost pattern definition at fault and the column of the offending atom.
 *
 * <p>Runs only when compilation has already failed, so it may compile many prefixes.
 */
final class RegexErrors {

    private RegexErrors() {
    }

    static PatternCompileException locate(PatternBank bank, String source, String label, JOniException e) {
        try {
            return locate(GrokExpander.forExplaining(bank), bank, source, null, label, e.getMessage());
        } catch (PatternCompileException pce) {
            return pce;
        }
    }

    private static PatternCompileException locate(GrokExpander expander, PatternBank bank, String text,
                                                  String name, String origin, String message)
            throws PatternCompileException {
        List<List<RegexStructure.Atom>> alternatives;
        try {
            alternatives = RegexStructure.alternatives(text);
        } catch (RegexStructure.BrokenStructure b) {
            return new PatternCompileException(name, origin, b.offset + 1, "invalid regex: " + b.getMessage());
        }
        // A referenced definition that fails on its own is the culprit: descend into it.
        for (GrokSyntax.Part part : GrokSyntax.parse(text, name, origin, true)) {
            if (part instanceof GrokSyntax.Reference r && r.definition() == null) {
                PatternDefinition d = bank.get(r.patternName());
                if (d != null && compileError(expander, d.regex(), d.name(), d.origin()) != null) {
                    return locate(expander, bank, d.regex(), d.name(), d.origin(),
                            compileError(expander, d.regex(), d.name(), d.origin()));
                }
            }
        }
        // This text is at fault: the first atom whose prefix fails is where the problem is.
        for (List<RegexStructure.Atom> alternative : alternatives) {
            for (RegexStructure.Atom atom : alternative) {
                String prefix = text.substring(0, atom.start() + atom.text().length());
                String err = compileError(expander, prefix, name, origin);
                if (err != null) {
                    return new PatternCompileException(name, origin, atom.start() + 1,
                            "invalid regex at [" + atom.text() + "]: " + err);
                }
            }
        }
        return new PatternCompileException(name, origin, -1, "invalid regex: " + message);
    }

    private static String compileError(GrokExpander expander, String text, String name, String origin)
            throws PatternCompileException {
        try {
            Grok.compileRegex(expander.expand(text, name, origin));
            return null;
        } catch (JOniException e) {
            return e.getMessage();
        }
    }
}
