/**
 * The Peernet application: the {@code peernet} program ({@link dev.peernet.app.Main}), its daemon,
 * command line and local control API. Arrows point one way: cli → client → api ← daemon → node.
 */
package dev.peernet.app;
