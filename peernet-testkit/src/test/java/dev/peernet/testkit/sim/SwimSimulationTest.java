package dev.peernet.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.identity.PeerId;
import dev.peernet.liveness.MemberState;
import dev.peernet.liveness.SwimConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The liveness protocol at scale, in virtual time; each run is seeded and takes a few seconds at most. */
@Timeout(60)
class SwimSimulationTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static SwimSimulation started(long seed, int nodes) {
        SwimSimulation sim = new SwimSimulation(seed, SwimConfig.defaults());
        sim.join(nodes, Duration.ofMillis(20));
        assertThat(sim.runUntil(sim::converged, SECOND, Duration.ofMinutes(2)))
                .as("%d nodes converge after joining", nodes)
                .isTrue();
        return sim;
    }

    @Test
    void twoHundredNodesConvergeOnTheSameMemberListAfterJoins() {
        SwimSimulation sim = new SwimSimulation(1, SwimConfig.defaults());
        List<PeerId> ids = sim.join(200, Duration.ofMillis(20));

        assertThat(sim.runUntil(sim::converged, SECOND, Duration.ofMinutes(1))).isTrue();
        sim.runFor(Duration.ofSeconds(5));
        Map<PeerId, List<String>> announced = new HashMap<>();
        for (PeerId id : ids) {
            announced.put(id, sim.view(id).getFirst().addresses());
        }
        for (PeerId observer : ids) {
            assertThat(sim.view(observer)).hasSize(200).allSatisfy(m -> {
                assertThat(m.state()).isEqualTo(MemberState.ALIVE);
                assertThat(m.addresses()).isEqualTo(announced.get(m.id()));
                assertThat(m.version()).isEqualTo("peernet/0.1.0");
            });
            assertThat(sim.view(observer))
                    .as("its own probes have measured round trips")
                    .anySatisfy(m -> assertThat(m.rtt()).isPresent());
        }
        assertThat(sim.falseDeaths()).isZero();
    }

    @Test
    void aCrashedNodeIsDeclaredDeadByAllWithinSeconds() {
        SwimSimulation sim = started(2, 100);
        PeerId victim = sim.running().get(37);
        sim.clearChanges();

        sim.crash(victim);

        assertThat(sim.runUntil(
                        () -> sim.allRunningSee(victim, MemberState.DEAD),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(30)))
                .isTrue();
        assertThat(sim.nowNanos())
                .isLessThan(sim.changes().getFirst().atNanos()
                        + Duration.ofSeconds(8).toNanos());
    }

    @Test
    void aKilledNodeIsSuspectedAsSoonAsOneProbeOfItCanFailBecauseItsConnectionsClose() {
        SwimSimulation sim = started(3, 30);
        PeerId victim = sim.running().get(11);
        sim.clearChanges();
        long killedAt = sim.nowNanos();
        SwimConfig config = SwimConfig.defaults();

        sim.kill(victim);

        assertThat(sim.runUntil(
                        () -> sim.allRunningSee(victim, MemberState.DEAD),
                        Duration.ofMillis(10),
                        Duration.ofSeconds(30)))
                .isTrue();
        long firstSuspicion = sim.changes().stream()
                .filter(c -> c.member().id().equals(victim) && c.member().state() == MemberState.SUSPECT)
                .mapToLong(SwimSimulation.Change::atNanos)
                .min()
                .orElseThrow();
        assertThat(firstSuspicion - killedAt)
                .as("the hint's probe: a message delay, then a direct and an indirect probe timeout")
                .isLessThanOrEqualTo(2 * config.probeTimeout().toNanos()
                        + Duration.ofMillis(10).toNanos());
        assertThat(sim.falseDeaths()).isZero();
    }

    @Test
    void withFivePercentLossAndOneSlowNodeNoOneIsDeclaredDead() {
        SwimSimulation sim = started(3, 100);
        PeerId slow = sim.running().get(5);
        sim.clearChanges();
        sim.setLoss(0.05);
        sim.setExtraDelay(slow, Duration.ofMillis(300));

        sim.runFor(Duration.ofMinutes(2));

        assertThat(sim.falseDeaths()).isZero();
        assertThat(sim.changes())
                .as("the slow node was suspected and refuted it")
                .anyMatch(c -> c.member().id().equals(slow) && c.member().state() == MemberState.SUSPECT);
        for (PeerId observer : sim.running()) {
            assertThat(sim.view(observer)).hasSize(100).noneMatch(m -> m.state() == MemberState.DEAD);
        }
    }

    @Test
    void aPartitionHealsAfterRepair() {
        SwimSimulation sim = started(4, 100);
        List<PeerId> west = sim.running().subList(0, 40);
        List<PeerId> east = sim.running().subList(40, 100);
        sim.partition(west);
        assertThat(sim.runUntil(
                        () -> seesAllDead(sim, west, east) && seesAllDead(sim, east, west),
                        SECOND,
                        Duration.ofMinutes(1)))
                .as("each side declares the other dead")
                .isTrue();

        sim.heal();

        assertThat(sim.runUntil(sim::converged, SECOND, Duration.ofMinutes(5))).isTrue();
    }

    private static boolean seesAllDead(SwimSimulation sim, List<PeerId> observers, List<PeerId> subjects) {
        return observers.stream()
                .allMatch(o -> subjects.stream().allMatch(s -> sim.stateOf(o, s).orElseThrow() == MemberState.DEAD));
    }

    @Test
    void aCleanStopIsSeenAsLeftNotDead() {
        SwimSimulation sim = started(5, 100);
        PeerId leaver = sim.running().get(11);
        sim.clearChanges();

        sim.leave(leaver);
        sim.runFor(Duration.ofSeconds(30));

        assertThat(sim.allRunningSee(leaver, MemberState.LEFT)).isTrue();
        assertThat(sim.running()).doesNotContain(leaver);
        assertThat(sim.changes()).noneMatch(c -> c.member().state() == MemberState.DEAD);
    }

    @Test
    void oneSeedGivesOneRun() {
        assertThat(crashRun(9)).isEqualTo(crashRun(9)).isNotEqualTo(crashRun(10));
    }

    private static List<SwimSimulation.Change> crashRun(long seed) {
        SwimSimulation sim = new SwimSimulation(seed, SwimConfig.defaults());
        sim.setLoss(0.05);
        List<PeerId> ids = sim.join(30, Duration.ofMillis(20));
        sim.runFor(Duration.ofSeconds(10));
        sim.crash(ids.get(3));
        sim.runFor(Duration.ofSeconds(20));
        return sim.changes();
    }
}
