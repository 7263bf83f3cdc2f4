/**
 * The in-memory network that tests and simulations share.
 *
 * <p>{@link dev.peernet.testkit.InMemoryNetwork} gives each node a {@code Transport} whose links are
 * pairs of bounded in-memory pipes, so a node runs unchanged with no socket at all. Each link follows
 * a {@link dev.peernet.testkit.LinkPolicy}: {@code NONE}, {@code delay(d)}, {@code dropAfter(n)},
 * {@code PARTITION} (healable at runtime), {@code STALL} and {@code FAIL_HANDSHAKE}. {@link
 * dev.peernet.testkit.LinkPair} is one such link on its own, for tests of the session layer. {@link
 * dev.peernet.testkit.FakeScheduler} is a scheduler and clock that move only when a test advances
 * them, so timeouts and latencies are tested without sleeping.
 *
 * <p>A link end behaves like a connected socket: reads block until bytes arrive and return what is
 * there; writes block while the other direction's buffer ({@value
 * dev.peernet.testkit.LinkPair#BUFFER_BYTES} bytes) is full. Closing one end lets the other read what
 * was sent, then end of stream, and fails its writes; the closing end's own blocked calls fail at
 * once.
 */
package dev.peernet.testkit;
