package dev.peernet.bench;

/** Turns an exception and its causes into one line for the report. */
final class Failures {
    private Failures() {}

    static String describe(Throwable e) {
        StringBuilder line = new StringBuilder(one(e));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            line.append("; caused by ").append(one(cause));
        }
        return line.toString();
    }

    private static String one(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
