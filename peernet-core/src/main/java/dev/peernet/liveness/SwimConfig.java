package dev.peernet.liveness;

import java.time.Duration;

/**
 * Tuning of {@link Swim}. Start from {@link #defaults()} and change what differs with the {@code
 * with*} methods.
 *
 * @param probeInterval one probe period: each member probes one other member per period
 * @param probeTimeout how long a direct probe waits for its ack before asking others to probe, and
 *     then how long the indirect probes wait before the member is suspected; at most half the interval
 * @param indirectProbes how many members are asked to probe indirectly (SWIM's k)
 * @param suspicionMultiplier the shortest suspicion timeout, in probe intervals per decade of
 *     members: {@code multiplier × max(1, log10 N) × probeInterval}
 * @param suspicionMaxMultiplier the longest suspicion timeout, as a multiple of the shortest; used
 *     when no independent confirmation has arrived
 * @param retransmitMultiplier each update is sent {@code multiplier × ceil(log10(N + 1))} times
 * @param gossipInterval how often pending updates are pushed on their own
 * @param gossipFanout to how many members each push goes; 0 leaves dissemination to probes and acks
 * @param antiEntropyInterval how often the whole view is exchanged with one random member
 * @param maxPiggyback most updates carried by one probe, ack or push
 */
public record SwimConfig(
        Duration probeInterval,
        Duration probeTimeout,
        int indirectProbes,
        double suspicionMultiplier,
        double suspicionMaxMultiplier,
        int retransmitMultiplier,
        Duration gossipInterval,
        int gossipFanout,
        Duration antiEntropyInterval,
        int maxPiggyback) {

    public SwimConfig {
        requirePositive("probeInterval", probeInterval);
        requirePositive("probeTimeout", probeTimeout);
        requirePositive("gossipInterval", gossipInterval);
        requirePositive("antiEntropyInterval", antiEntropyInterval);
        if (probeTimeout.multipliedBy(2).compareTo(probeInterval) > 0) {
            throw new IllegalArgumentException(
                    "probeTimeout " + probeTimeout + " must be at most half the probeInterval " + probeInterval);
        }
        if (indirectProbes < 0 || gossipFanout < 0 || retransmitMultiplier < 1 || maxPiggyback < 1) {
            throw new IllegalArgumentException("indirectProbes and gossipFanout must be >= 0, retransmitMultiplier"
                    + " and maxPiggyback >= 1: " + this);
        }
        if (!(suspicionMultiplier > 0) || !(suspicionMaxMultiplier >= 1)) {
            throw new IllegalArgumentException(
                    "suspicionMultiplier must be > 0 and suspicionMaxMultiplier >= 1: " + this);
        }
    }

    /**
     * The defaults. SWIM's 1 s period and k = 3 (memberlist's LAN profile); a 400 ms probe timeout,
     * so a silent member is suspected 0.8 s into its probe. Suspicion lasts from 0.3 to 1.8 probe
     * intervals per decade of members (4.1 s down to 0.69 s at N = 200, and never under the 0.8 s a
     * probe may take): the shortest only after k intermediaries confirmed the silence with a Nack and
     * no late ack came, the longest when this node's own links may be at fault. Chosen with {@code
     * bench/liveness.sh} to declare a crashed member dead everywhere within 3 s (median) with no
     * false death at 5 % loss with a slow member; memberlist's 4 to 24 intervals per decade are far
     * slower. Updates are sent 4·log10 N times and pushed to 3 members every 200 ms while there is
     * news (memberlist's gossip); a full-state exchange every 30 s.
     */
    public static SwimConfig defaults() {
        return new SwimConfig(
                Duration.ofSeconds(1),
                Duration.ofMillis(400),
                3,
                0.3,
                6.0,
                4,
                Duration.ofMillis(200),
                3,
                Duration.ofSeconds(30),
                12);
    }

    public SwimConfig withProbeInterval(Duration d) {
        return new SwimConfig(
                d,
                probeTimeout,
                indirectProbes,
                suspicionMultiplier,
                suspicionMaxMultiplier,
                retransmitMultiplier,
                gossipInterval,
                gossipFanout,
                antiEntropyInterval,
                maxPiggyback);
    }

    public SwimConfig withProbeTimeout(Duration d) {
        return new SwimConfig(
                probeInterval,
                d,
                indirectProbes,
                suspicionMultiplier,
                suspicionMaxMultiplier,
                retransmitMultiplier,
                gossipInterval,
                gossipFanout,
                antiEntropyInterval,
                maxPiggyback);
    }

    public SwimConfig withIndirectProbes(int k) {
        return new SwimConfig(
                probeInterval,
                probeTimeout,
                k,
                suspicionMultiplier,
                suspicionMaxMultiplier,
                retransmitMultiplier,
                gossipInterval,
                gossipFanout,
                antiEntropyInterval,
                maxPiggyback);
    }

    public SwimConfig withSuspicion(double multiplier, double maxMultiplier) {
        return new SwimConfig(
                probeInterval,
                probeTimeout,
                indirectProbes,
                multiplier,
                maxMultiplier,
                retransmitMultiplier,
                gossipInterval,
                gossipFanout,
                antiEntropyInterval,
                maxPiggyback);
    }

    public SwimConfig withRetransmitMultiplier(int multiplier) {
        return new SwimConfig(
                probeInterval,
                probeTimeout,
                indirectProbes,
                suspicionMultiplier,
                suspicionMaxMultiplier,
                multiplier,
                gossipInterval,
                gossipFanout,
                antiEntropyInterval,
                maxPiggyback);
    }

    public SwimConfig withGossip(Duration interval, int fanout) {
        return new SwimConfig(
                probeInterval,
                probeTimeout,
                indirectProbes,
                suspicionMultiplier,
                suspicionMaxMultiplier,
                retransmitMultiplier,
                interval,
                fanout,
                antiEntropyInterval,
                maxPiggyback);
    }

    public SwimConfig withAntiEntropyInterval(Duration d) {
        return new SwimConfig(
                probeInterval,
                probeTimeout,
                indirectProbes,
                suspicionMultiplier,
                suspicionMaxMultiplier,
                retransmitMultiplier,
                gossipInterval,
                gossipFanout,
                d,
                maxPiggyback);
    }

    /** How many times one update is sent among {@code members} members. */
    int retransmitLimit(int members) {
        return retransmitMultiplier * (int) Math.ceil(Math.log10(members + 1.0));
    }

    /**
     * Lifeguard's suspicion timeout after {@code confirmations} independent confirmations among
     * {@code members} members: the longest with none, falling with the log of their number to the
     * shortest at {@link #indirectProbes} of them.
     */
    long suspicionTimeoutNanos(int members, int confirmations) {
        double min = suspicionMultiplier * Math.max(1.0, Math.log10(members)) * probeInterval.toNanos();
        double max = suspicionMaxMultiplier * min;
        int expected = Math.max(1, indirectProbes);
        double fraction = Math.log(confirmations + 1.0) / Math.log(expected + 1.0);
        return (long) Math.max(min, max - (max - min) * fraction);
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
