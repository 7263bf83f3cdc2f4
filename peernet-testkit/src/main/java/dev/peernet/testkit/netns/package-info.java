/**
 * A private LAN of Linux network namespaces for tests that need real sockets between several
 * hosts, such as mDNS discovery, and long-running processes in them ({@link
 * dev.peernet.testkit.netns.NodeProcess}), such as real daemons. {@link
 * dev.peernet.testkit.netns.NetnsLab} needs root and {@code ip netns}; tests skip with {@link
 * dev.peernet.testkit.netns.NetnsLab#unavailableReason()}.
 */
package dev.peernet.testkit.netns;
