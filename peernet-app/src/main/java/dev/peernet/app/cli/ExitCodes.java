package dev.peernet.app.cli;

/** The process exit codes every command uses. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NO_NODE = 3;

    private ExitCodes() {}
}
