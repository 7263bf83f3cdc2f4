/**
 * The {@code peernet} command line: {@code up} runs the daemon in the foreground; every other
 * command talks to the running daemon through its control API.
 *
 * <p>Exit codes: 0 success, 1 the operation failed, 2 usage error, 3 no node running.
 */
package dev.peernet.app.cli;
