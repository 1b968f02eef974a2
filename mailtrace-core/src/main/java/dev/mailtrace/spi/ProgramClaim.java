package dev.mailtrace.spi;

/**
 * One entry of {@link LogDialect#programs()} or a user's alias: an exact program name or a pattern
 * with {@code *} wildcards, and how specific it is, to settle overlapping claims.
 */
record ProgramClaim(String pattern, LogDialect dialect, boolean alias) {

    boolean exact() {
        return pattern.indexOf('*') < 0;
    }

    /** Aliases and exact claims beat patterns; among patterns, more literal characters win. */
    int specificity() {
        return alias || exact() ? Integer.MAX_VALUE : pattern.length() - count(pattern, '*');
    }

    boolean matches(String program) {
        return exact() ? pattern.equals(program) : glob(pattern, 0, program, 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        // Iterative wildcard matching with backtracking to the last '*': linear for our short inputs.
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (pi < p.length() && p.charAt(pi) == s.charAt(si)) {
                pi++;
                si++;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
