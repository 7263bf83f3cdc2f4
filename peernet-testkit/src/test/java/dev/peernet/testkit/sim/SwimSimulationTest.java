package dev.peernet.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.identity.PeerId;
import dev.peernet.liveness.MemberState;
import dev.peernet.liveness.SwimConfig;
import java.time.Duration;
import java.util.List;
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
        for (PeerId observer : ids) {
            assertThat(sim.view(observer)).hasSize(200);
        }
        assertThat(sim.falseDeaths()).isZero();
    }

    @Test
    void aCrashedNodeIsDeclaredDeadByAll() {
        SwimSimulation sim = started(2, 100);
        PeerId victim = sim.running().get(37);

        sim.crash(victim);

        assertThat(sim.runUntil(() -> sim.allRunningSee(victim, MemberState.DEAD), SECOND, Duration.ofSeconds(30)))
                .isTrue();
    }

    @Test
    void withFivePercentLossAndOneSlowNodeNoOneIsDeclaredDead() {
        SwimSimulation sim = started(3, 100);
        sim.clearChanges();
        sim.setLoss(0.05);
        sim.setExtraDelay(sim.running().get(5), Duration.ofMillis(300));

        sim.runFor(Duration.ofMinutes(3));

        assertThat(sim.falseDeaths()).isZero();
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
        assertThat(sim.changes()).noneMatch(c -> c.member().state() == MemberState.DEAD);
    }
}
