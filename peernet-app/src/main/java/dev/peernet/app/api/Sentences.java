package dev.peernet.app.api;

import java.util.Locale;

/** Turns exception messages, often lower-case fragments, into the one sentence a user reads. */
public final class Sentences {
    private Sentences() {}

    /** {@code text} with a capital first letter and a final full stop (or other end mark). */
    public static String of(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return s;
        }
        s = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
        char last = s.charAt(s.length() - 1);
        return last == '.' || last == '!' || last == '?' ? s : s + ".";
    }

    /** The message of {@code error}, as a sentence, or a sentence naming its type if it has none. */
    public static String of(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return "Unexpected " + error.getClass().getSimpleName() + ".";
        }
        return of(message);
    }
}
