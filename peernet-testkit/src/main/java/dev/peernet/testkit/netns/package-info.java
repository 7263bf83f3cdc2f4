/**
 * A private LAN of Linux network namespaces for tests that need real sockets between several
 * hosts, such as mDNS discovery. {@link dev.peernet.testkit.netns.NetnsLab} needs root and
 * {@code ip netns}; tests skip with {@link dev.peernet.testkit.netns.NetnsLab#unavailableReason()}.
 */
package dev.peernet.testkit.netns;
