package dev.peernet.share;

import java.util.Locale;

/**
 * A search pattern of share.proto's {@code Find}: a case-insensitive glob where {@code *} matches
 * any run of characters (also {@code /}) and {@code ?} one, against the whole path or, for a
 * pattern with no {@code /}, against the file's name alone (so {@code file-9*} finds
 * {@code d/file-90.txt}, as {@code find -name} would); a pattern with neither matches any path
 * containing it; the empty pattern matches all. Matched without regular expressions, in at most
 * pattern × path steps, so no pattern can make a search backtrack exponentially.
 */
final class Glob {
    private final int[] pattern;
    private final String literal;
    private final boolean byName;

    private Glob(String pattern) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        boolean wild = lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0;
        this.pattern = wild ? lower.codePoints().toArray() : null;
        this.literal = wild ? null : lower;
        this.byName = wild && lower.indexOf('/') < 0;
    }

    static Glob of(String pattern) {
        return new Glob(pattern);
    }

    boolean matches(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (literal != null) {
            return lower.contains(literal);
        }
        if (matches(pattern, lower.codePoints().toArray())) {
            return true;
        }
        int slash = lower.lastIndexOf('/');
        return byName
                && slash >= 0
                && matches(pattern, lower.substring(slash + 1).codePoints().toArray());
    }

    /** The usual greedy match: on a mismatch, the last '*' takes one more character and matching resumes. */
    private static boolean matches(int[] p, int[] s) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int resume = 0;
        while (si < s.length) {
            if (pi < p.length && (p[pi] == '?' || p[pi] == s[si])) {
                pi++;
                si++;
            } else if (pi < p.length && p[pi] == '*') {
                star = pi++;
                resume = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }
}
