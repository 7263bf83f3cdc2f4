package dev.peernet.bench;

import dev.peernet.identity.PeerId;
import dev.peernet.liveness.MemberState;
import dev.peernet.liveness.SwimConfig;
import dev.peernet.testkit.sim.SwimSimulation;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures the liveness protocol in the testkit's discrete-event simulation (virtual time, no
 * sockets): false deaths under loss, rounds to spread a join, bytes per member per second, and the
 * time from a crash to "dead" everywhere. Every figure is for a fixed seed, so a run repeats exactly.
 */
public final class LivenessBench {
    private static final String USAGE = """
            Usage: bench/liveness.sh [--seed N] [--quick] [--suspicion MIN,MAX] [--probe-timeout MS]
                                     [--gossip-fanout N]
              --seed N              the simulations' seed (default 1); one seed gives one result, exactly
              --quick               fewer trials and shorter runs, for a look in seconds
              --suspicion MIN,MAX   SwimConfig's suspicionMultiplier and suspicionMaxMultiplier
              --probe-timeout MS    SwimConfig's probeTimeout
              --gossip-fanout N     pushes per gossip interval; 0 = piggyback on probes and acks only
            """;

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final SwimConfig config;
    private final PrintStream out;
    private final long seed;
    private final boolean quick;

    private LivenessBench(PrintStream out, SwimConfig config, long seed, boolean quick) {
        this.out = out;
        this.config = config;
        this.seed = seed;
        this.quick = quick;
    }

    public static void main(String[] args) {
        long seed = 1;
        boolean quick = false;
        SwimConfig config = SwimConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--quick" -> quick = true;
                case "--suspicion" -> {
                    String[] v = args[++i].split(",");
                    config = config.withSuspicion(Double.parseDouble(v[0]), Double.parseDouble(v[1]));
                }
                case "--probe-timeout" ->
                    config = config.withProbeTimeout(Duration.ofMillis(Long.parseLong(args[++i])));
                case "--gossip-fanout" ->
                    config = config.withGossip(config.gossipInterval(), Integer.parseInt(args[++i]));
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> BenchCommand.unknownOption(args[i], USAGE);
            }
        }
        new LivenessBench(System.out, config, seed, quick).run(BenchCommand.line(LivenessBench.class, args));
    }

    private void run(String command) {
        long start = System.nanoTime();
        out.println("# Liveness (SWIM + Lifeguard) in simulation");
        out.println("command: " + command);
        out.println("config:  " + config);
        out.println("network: 1-5 ms per message, no loss unless stated; seed " + seed);
        out.println();
        falseDeaths();
        joinRounds();
        bytesPerSecond();
        crashToDead(50, false);
        crashToDead(200, false);
        crashToDead(50, true);
        crashToDead(200, true);
        out.printf(Locale.ROOT, "%nwall time %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** A cluster of {@code n} that has converged. */
    private SwimSimulation cluster(long runSeed, int n) {
        SwimSimulation sim = new SwimSimulation(runSeed, config);
        sim.join(n, Duration.ofMillis(20));
        if (!sim.runUntil(sim::converged, SECOND, Duration.ofMinutes(5))) {
            throw new IllegalStateException(n + " nodes did not converge in 5 simulated minutes");
        }
        sim.runFor(Duration.ofSeconds(10));
        return sim;
    }

    private void falseDeaths() {
        int n = 200;
        Duration run = quick ? Duration.ofMinutes(2) : Duration.ofMinutes(10);
        out.printf(Locale.ROOT, "## False deaths: N = %d, 5 %% loss, %d simulated minutes%n", n, run.toMinutes());
        for (boolean slow : new boolean[] {false, true}) {
            SwimSimulation sim = cluster(seed, n);
            sim.clearChanges();
            sim.setLoss(0.05);
            if (slow) {
                sim.setExtraDelay(sim.running().get(0), Duration.ofMillis(300));
            }
            sim.runFor(run);
            long suspicions = sim.changes().stream()
                    .filter(c -> c.member().state() == MemberState.SUSPECT)
                    .count();
            out.printf(
                    Locale.ROOT,
                    "%-44s false deaths: %d (target 0); suspect transitions across all views: %d%n",
                    slow ? "one slow member (+300 ms each way):" : "all members equal:",
                    sim.falseDeaths(),
                    suspicions);
        }
        out.println();
    }

    private void joinRounds() {
        out.println("## Rounds (probe periods) until every view holds a new member alive, and it holds them");
        out.println("   median of trials (min-max); the second column leaves dissemination to probes and acks alone");
        out.printf(Locale.ROOT, "%6s  %6s  %-22s  %s%n", "N", "log2 N", "as configured", "gossipFanout = 0");
        for (int n : new int[] {50, 200, 1000}) {
            if (quick && n == 1000) {
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "%6d  %6.1f  %-22s  %s%n",
                    n,
                    Math.log(n) / Math.log(2),
                    joinRounds(config, n),
                    joinRounds(config.withGossip(config.gossipInterval(), 0), n));
        }
        out.println();
    }

    private String joinRounds(SwimConfig c, int n) {
        int trials = quick ? 3 : 5;
        SwimSimulation sim = new SwimSimulation(seed + n, c);
        sim.join(n - 1, Duration.ofMillis(20));
        sim.runUntil(sim::converged, SECOND, Duration.ofMinutes(5));
        List<Double> rounds = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            sim.runFor(Duration.ofSeconds(10));
            long joinedAt = sim.nowNanos();
            PeerId joiner = sim.join();
            sim.runUntil(sim::converged, Duration.ofMillis(50), Duration.ofMinutes(2));
            rounds.add((sim.nowNanos() - joinedAt) / (double) c.probeInterval().toNanos());
            sim.leave(joiner); // back to n - 1 members
            sim.runUntil(() -> sim.allRunningSee(joiner, MemberState.LEFT), SECOND, Duration.ofMinutes(2));
        }
        Collections.sort(rounds);
        return String.format(
                Locale.ROOT, "%.1f (%.1f-%.1f)", rounds.get(rounds.size() / 2), rounds.get(0), rounds.getLast());
    }

    private void bytesPerSecond() {
        int n = 200;
        Duration window = Duration.ofMinutes(1);
        SwimSimulation sim = cluster(seed + 7, n);
        List<PeerId> ids = sim.running();
        long[] before = ids.stream().mapToLong(sim::bytesSent).toArray();
        long[] messagesBefore = ids.stream().mapToLong(sim::messagesSent).toArray();
        sim.runFor(window);
        double seconds = window.toSeconds();
        List<Double> rates = new ArrayList<>();
        double messages = 0;
        for (int i = 0; i < ids.size(); i++) {
            rates.add((sim.bytesSent(ids.get(i)) - before[i]) / seconds);
            messages += (sim.messagesSent(ids.get(i)) - messagesBefore[i]) / seconds;
        }
        Collections.sort(rates);
        out.printf(
                Locale.ROOT,
                "## Membership traffic at N = %d, steady state, %d s window%n"
                        + "bytes sent per member per second: median %.0f, max %.0f (%.1f messages/s on average)%n%n",
                n,
                window.toSeconds(),
                rates.get(rates.size() / 2),
                rates.get(rates.size() - 1),
                messages / ids.size());
    }

    /**
     * Silent crashes (a host losing power, a cable pulled) or, with {@code kill}, processes killed
     * on a running host, whose kernel closes their connections ({@link SwimSimulation#kill}).
     */
    private void crashToDead(int n, boolean kill) {
        int trials = quick ? 5 : 20;
        List<Double> everywhere = new ArrayList<>();
        List<Double> firstSuspect = new ArrayList<>();
        SwimSimulation sim = cluster(seed + 100 + n, n + trials);
        for (int t = 0; t < trials; t++) {
            sim.clearChanges();
            PeerId victim = sim.running().get(t * 7 % sim.running().size());
            long crashedAt = sim.nowNanos();
            if (kill) {
                sim.kill(victim);
            } else {
                sim.crash(victim);
            }
            sim.runUntil(
                    () -> sim.allRunningSee(victim, MemberState.DEAD), Duration.ofMillis(10), Duration.ofMinutes(1));
            everywhere.add((sim.nowNanos() - crashedAt) / 1e9);
            firstSuspect.add(sim.changes().stream()
                                    .filter(c -> c.member().id().equals(victim)
                                            && c.member().state() == MemberState.SUSPECT)
                                    .mapToLong(SwimSimulation.Change::atNanos)
                                    .min()
                                    .orElse(sim.nowNanos())
                            / 1e9
                    - crashedAt / 1e9);
            sim.runFor(Duration.ofSeconds(5));
        }
        Collections.sort(everywhere);
        Collections.sort(firstSuspect);
        out.printf(
                Locale.ROOT,
                "## %s to dead at every other member, N = %d -> %d, %d trials, probe interval %d s%n"
                        + "median %.2f s, worst %.2f s (targets <= 3 s, <= 5 s); to first suspicion: median %.2f s, worst %.2f s%n%n",
                kill ? "Kill (connections closed by the kernel)" : "Silent crash",
                n + trials,
                n,
                trials,
                config.probeInterval().toSeconds(),
                everywhere.get((trials - 1) / 2),
                everywhere.get(trials - 1),
                firstSuspect.get((trials - 1) / 2),
                firstSuspect.get(trials - 1));
    }
}
