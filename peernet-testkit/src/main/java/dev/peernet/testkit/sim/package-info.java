/**
 * Discrete-event simulation of the liveness protocol: many {@link dev.peernet.liveness.Swim} nodes in
 * virtual time over a lossy, delaying, partitionable in-memory network, deterministic for a seed.
 */
package dev.peernet.testkit.sim;
