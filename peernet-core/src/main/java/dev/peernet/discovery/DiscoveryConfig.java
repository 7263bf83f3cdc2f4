package dev.peernet.discovery;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * How discovery runs.
 *
 * @param interfaces the interface names to use; empty means every up, non-loopback,
 *     multicast-capable interface with an IPv4 address
 * @param clock decides {@code lastSeen} and when heard records expire
 * @param ttl the TTL of this node's records, whole seconds: how long a crashed node stays listed
 *     by others
 * @param refreshInterval how often this node re-announces; below {@code ttl} so a live node's
 *     records never expire, even when two announcements in a row are lost
 * @param interfacePollInterval how often local interfaces and addresses are read again, to
 *     announce on address changes and follow interfaces going down and up
 */
public record DiscoveryConfig(
        List<String> interfaces,
        InstantSource clock,
        Duration ttl,
        Duration refreshInterval,
        Duration interfacePollInterval) {
    /**
     * Our records live 6 s so a crashed node leaves others' lists within 6 s; re-announcing every
     * 2 s tolerates two lost announcements in a row. RFC 6762 suggests 120 s / 75 min with
     * re-queries, which would keep a crashed node listed for minutes.
     */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(6);

    /** A third of {@link #DEFAULT_TTL}. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(2);

    /** Reading the interface list costs well under a millisecond; once a second notices changes fast. */
    public static final Duration DEFAULT_INTERFACE_POLL = Duration.ofSeconds(1);

    public DiscoveryConfig {
        interfaces = List.copyOf(interfaces);
        Objects.requireNonNull(clock, "clock");
        if (ttl.toMillis() % 1000 != 0 || ttl.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "the discovery TTL is a whole number of seconds, at least 1, not " + ttl);
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero() || refreshInterval.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException(
                    "the refresh interval " + refreshInterval + " must be positive and shorter than the TTL " + ttl);
        }
        if (interfacePollInterval.isNegative() || interfacePollInterval.isZero()) {
            throw new IllegalArgumentException("the interface poll interval must be positive");
        }
    }

    /** Every suitable interface, the system clock, default timings. */
    public static DiscoveryConfig defaults() {
        return new DiscoveryConfig(
                List.of(), InstantSource.system(), DEFAULT_TTL, DEFAULT_REFRESH, DEFAULT_INTERFACE_POLL);
    }

    /** The defaults, on the named interfaces only. */
    public static DiscoveryConfig onInterfaces(List<String> names) {
        return defaults().withInterfaces(names);
    }

    public DiscoveryConfig withInterfaces(List<String> names) {
        return new DiscoveryConfig(names, clock, ttl, refreshInterval, interfacePollInterval);
    }

    public DiscoveryConfig withClock(InstantSource newClock) {
        return new DiscoveryConfig(interfaces, newClock, ttl, refreshInterval, interfacePollInterval);
    }

    /** Another TTL, re-announcing at a third of it. */
    public DiscoveryConfig withTtl(Duration newTtl) {
        return new DiscoveryConfig(interfaces, clock, newTtl, newTtl.dividedBy(3), interfacePollInterval);
    }
}
