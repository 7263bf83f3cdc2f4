/**
 * The daemon: a node plus its control API, started together, advertised in {@code
 * STATE/control.json}, and stopped together.
 */
package dev.peernet.app.daemon;
