package dev.peernet.share;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;

/**
 * The rules for a path inside a share as the share protocol carries it: relative, names separated
 * by {@code /}, and no way out of the share on any system that might write it. The server checks
 * every request path with them before it looks anything up, and the client checks every path a
 * member sends back before a caller can write a file under it.
 *
 * <p>Refused: absolute paths, empty names ({@code a//b}, a trailing {@code /}), {@code .} and
 * {@code ..}, {@code \}, NUL and other control characters, more than {@value #MAX_BYTES} bytes of
 * UTF-8 in all or {@value #MAX_NAME_BYTES} in one name (Linux's limits), names whose NFKC form is
 * {@code .} or {@code ..} or holds {@code /} or {@code \} (fullwidth dots U+FF0E, U+FF0F), names
 * holding a character drawn like a slash that NFKC leaves alone (U+2215 "∕" and the others in
 * {@link #SLASH_LOOKALIKES}), and names Windows would trim to nothing, {@code .} or {@code ..}
 * (it drops trailing dots and spaces). Percent escapes are not decoded: {@code %2e%2e} is a name.
 */
public final class SharePath {
    /** Linux's PATH_MAX. */
    public static final int MAX_BYTES = 4096;

    /** Linux's NAME_MAX (ext4, btrfs, XFS). */
    public static final int MAX_NAME_BYTES = 255;

    /**
     * Characters drawn like {@code /} or {@code \} that NFKC does not map to them (it does map the
     * fullwidth and small forms U+FF0F, U+FF3C, U+FE68): DIVISION SLASH, FRACTION SLASH, SET MINUS,
     * REVERSE SOLIDUS OPERATOR, BIG SOLIDUS, BIG REVERSE SOLIDUS. A name holding one would read
     * like two names in a listing. Checked in the name as sent, not in its NFKC form, so "½"
     * (whose NFKC form is "1⁄2") stays allowed.
     */
    static final String SLASH_LOOKALIKES = "\u2215\u2044\u2216\u29F5\u29F8\u29F9";

    private SharePath() {}

    /**
     * Why {@code path} is not an acceptable path inside a share, as one sentence; empty if it is.
     * The empty path is the share's root.
     */
    public static Optional<String> problem(String path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (path.startsWith("/")) {
            return bad(path, "is absolute; paths in a share are relative to it");
        }
        if (utf8Length(path) > MAX_BYTES) {
            return bad(path, "is longer than " + MAX_BYTES + " bytes");
        }
        for (String name : names(path)) {
            Optional<String> problem = nameProblem(path, name);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Why {@code path} cannot name a file: {@link #problem}, or it is empty (the root). */
    public static Optional<String> fileProblem(String path) {
        return path.isEmpty() ? Optional.of("An empty path names the share itself, not a file in it.") : problem(path);
    }

    /**
     * Returns {@code path} if it is acceptable.
     *
     * @throws IllegalArgumentException with the sentence of {@link #problem} otherwise
     */
    public static String require(String path) {
        Optional<String> problem = problem(path);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return path;
    }

    /** The names of an acceptable path; none for the root. */
    public static List<String> names(String path) {
        return path.isEmpty() ? List.of() : List.of(path.split("/", -1));
    }

    /** {@code child} below the directory {@code dir} ("" for the root). */
    public static String join(String dir, String child) {
        return dir.isEmpty() ? child : dir + "/" + child;
    }

    private static Optional<String> nameProblem(String path, String name) {
        if (name.isEmpty()) {
            return bad(path, "has an empty name (two '/' in a row, or one at the end)");
        }
        if (name.equals(".") || name.equals("..")) {
            return bad(path, "has a '" + name + "' name, which would leave its place in the share");
        }
        Optional<String> characters = characterProblem(path, name);
        if (characters.isPresent()) {
            return characters;
        }
        if (utf8Length(name) > MAX_NAME_BYTES) {
            return bad(path, "has a name longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (isAscii(name)) {
            return windowsTrimProblem(path, name);
        }
        String normal = Normalizer.normalize(name, Normalizer.Form.NFKC);
        if (normal.equals(".") || normal.equals("..") || normal.indexOf('/') >= 0 || normal.indexOf('\\') >= 0) {
            return bad(path, "has a name that reads as '" + normal + "' once Unicode-normalized (NFKC)");
        }
        return windowsTrimProblem(path, normal);
    }

    private static Optional<String> characterProblem(String path, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                return bad(path, "holds '\\', which some systems read as a separator");
            }
            if (Character.isISOControl(c)) {
                return bad(path, "holds a control character (U+" + String.format("%04X", (int) c) + ")");
            }
            if (SLASH_LOOKALIKES.indexOf(c) >= 0) {
                return bad(path, "holds U+" + String.format("%04X", (int) c) + ", which looks like a separator");
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++; // a valid pair: a character outside the BMP
            } else if (Character.isSurrogate(c)) {
                return bad(path, "is not valid Unicode (a lone surrogate)");
            }
        }
        return Optional.empty();
    }

    /** Windows drops trailing dots and spaces from a name: ". ." or "..." would become "." or nothing. */
    private static Optional<String> windowsTrimProblem(String path, String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        if (end == name.length()) {
            return Optional.empty();
        }
        String trimmed = name.substring(0, end);
        if (trimmed.isEmpty() || trimmed.equals(".") || trimmed.equals("..")) {
            return bad(path, "has a name of only dots and spaces, which Windows would read as '.' or '..'");
        }
        return Optional.empty();
    }

    private static Optional<String> bad(String path, String why) {
        return Optional.of("The path '" + printable(path) + "' " + why + ".");
    }

    /** The path for a message: control characters escaped, at most 100 characters. */
    static String printable(String path) {
        StringBuilder out = new StringBuilder();
        int end = Math.min(path.length(), 100);
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : c);
        }
        return end < path.length() ? out + "…" : out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Length(String s) {
        return isAscii(s) ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
