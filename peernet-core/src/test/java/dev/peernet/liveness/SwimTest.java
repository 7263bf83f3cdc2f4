package dev.peernet.liveness;

import static dev.peernet.liveness.SwimCodecTest.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.identity.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of the state machine, one node at a time, with a recording transport and a hand-moved clock. */
class SwimTest {
    private static final long MS = 1_000_000L;

    private final PeerId self = id(10);
    private final PeerId a = id(1);
    private final PeerId b = id(2);
    private final PeerId c = id(3);
    private final PeerId d = id(4);
    private final PeerId outsider = id(99);
    private final List<PeerId> others = List.of(a, b, c, d);
    private final SwimConfig config = SwimConfig.defaults();
    private final RecordingTransport net = new RecordingTransport();
    private final List<String> changes = new ArrayList<>();
    private Swim swim;
    private long now;

    @BeforeEach
    void fiveMembersWhoHaveAllHeardOfEachOther() {
        swim = newSwim(7);
        swim.addListener((m, previous) -> changes.add(m.id().shortForm() + " "
                + previous.map(MemberState::text).orElse("-") + "->" + m.state().text()));
        List<MemberUpdate> alive = new ArrayList<>();
        for (PeerId p : others) {
            swim.addMember(p, List.of("addr-" + p.shortForm()), "v1");
            alive.add(alive(p, 0));
        }
        swim.onMessage(a, new SwimMessage.Gossip(alive), now);
        net.drain();
        changes.clear();
    }

    private Swim newSwim(long seed) {
        return new Swim(self, List.of("10.0.0.10:7707"), "v1", config, net, new SplittableRandom(seed), 0);
    }

    private static MemberUpdate alive(PeerId p, long incarnation) {
        return new MemberUpdate(
                p, MemberState.ALIVE, incarnation, List.of("addr-" + p.shortForm()), "v1", Optional.empty());
    }

    private static MemberUpdate update(PeerId p, MemberState state, long incarnation, PeerId accuser) {
        return new MemberUpdate(p, state, incarnation, List.of(), "", Optional.ofNullable(accuser));
    }

    private MemberState stateOf(PeerId p) {
        return swim.member(p).orElseThrow().state();
    }

    /** Moves the clock in 10 ms steps until the next direct probe goes out; returns it. */
    private RecordingTransport.Sent nextProbe() {
        for (int i = 0; i < 300; i++) {
            now += 10 * MS;
            swim.tick(now);
            for (RecordingTransport.Sent s : net.drain()) {
                if (s.message() instanceof SwimMessage.Ping) {
                    return s;
                }
            }
        }
        throw new AssertionError("no probe within 3 s");
    }

    private void advanceTo(long t) {
        while (now < t) {
            now = Math.min(t, now + 10 * MS);
            swim.tick(now);
        }
    }

    @Test
    void aPingIsAnsweredWithAnAckOfTheSameSeq() {
        swim.onMessage(a, new SwimMessage.Ping(41, List.of()), now);

        assertThat(net.drain())
                .singleElement()
                .satisfies(s -> assertThat(s.to()).isEqualTo(a))
                .satisfies(s -> assertThat(s.message())
                        .isInstanceOfSatisfying(
                                SwimMessage.Ack.class,
                                ack -> assertThat(ack.seq()).isEqualTo(41)));
    }

    @Test
    void messagesFromOutsidersAreIgnored() {
        swim.onMessage(outsider, new SwimMessage.Ping(1, List.of()), now);
        swim.onMessage(outsider, new SwimMessage.Gossip(List.of(alive(outsider, 0))), now);
        swim.onMessage(outsider, new SwimMessage.Sync(false, List.of(alive(outsider, 0))), now);

        assertThat(net.sent()).isEmpty();
        assertThat(swim.member(outsider)).isEmpty();
    }

    @Test
    void gossipAboutOutsidersIsIgnoredAndNeverPassedOn() {
        swim.onMessage(a, new SwimMessage.Gossip(List.of(alive(outsider, 0))), now);
        advanceTo(20_000 * MS);

        assertThat(swim.member(outsider)).isEmpty();
        assertThat(net.sent()).noneMatch(s -> s.to().equals(outsider)).noneMatch(s -> mentions(s.message(), outsider));
    }

    @Test
    void aRemovedMemberStaysOut() {
        swim.removeMember(b);
        swim.onMessage(a, new SwimMessage.Gossip(List.of(alive(b, 5))), now);
        swim.onMessage(b, new SwimMessage.Ping(1, List.of()), now);
        advanceTo(20_000 * MS);

        assertThat(swim.member(b)).isEmpty();
        assertThat(net.sent()).noneMatch(s -> s.to().equals(b)).noneMatch(s -> mentions(s.message(), b));
    }

    @Test
    void aMissedProbeAsksThreeOthersThenSuspects() {
        RecordingTransport.Sent probe = nextProbe();
        long seq = ((SwimMessage.Ping) probe.message()).seq();
        long started = now;

        advanceTo(started + config.probeTimeout().toNanos());
        List<RecordingTransport.Sent> asked = net.drainOf(SwimMessage.PingReq.class);
        assertThat(asked).hasSize(3).allSatisfy(s -> {
            assertThat(s.to()).isNotEqualTo(probe.to());
            assertThat(s.message())
                    .isEqualTo(new SwimMessage.PingReq(seq, probe.to(), ((SwimMessage.PingReq) s.message()).updates()));
        });
        assertThat(stateOf(probe.to())).isEqualTo(MemberState.ALIVE);

        advanceTo(started + 2 * config.probeTimeout().toNanos());
        assertThat(stateOf(probe.to())).isEqualTo(MemberState.SUSPECT);
        assertThat(net.drainOf(SwimMessage.Ping.class))
                .as("the suspect hears of its suspicion at once")
                .anySatisfy(s -> {
                    assertThat(s.to()).isEqualTo(probe.to());
                    assertThat(((SwimMessage.Ping) s.message())
                                    .updates()
                                    .getFirst()
                                    .state())
                            .isEqualTo(MemberState.SUSPECT);
                });
    }

    @Test
    void anAckThroughAnIntermediaryKeepsTheTargetAlive() {
        RecordingTransport.Sent probe = nextProbe();
        long seq = ((SwimMessage.Ping) probe.message()).seq();
        advanceTo(now + config.probeTimeout().toNanos());
        PeerId helper = net.drainOf(SwimMessage.PingReq.class).getFirst().to();

        swim.onMessage(helper, new SwimMessage.Ack(seq, List.of()), now);
        advanceTo(now + config.probeInterval().toNanos());

        assertThat(stateOf(probe.to())).isEqualTo(MemberState.ALIVE);
    }

    @Test
    void suspectedPeerIsRevivedByItsOwnRefutation() {
        PeerId suspect = suspectOneMember(3);

        swim.onMessage(suspect, new SwimMessage.Ack(12345, List.of(alive(suspect, 1))), now);
        advanceTo(now + config.suspicionTimeoutNanos(5, 3) + 100 * MS);

        assertThat(swim.member(suspect).orElseThrow())
                .extracting(Member::state, Member::incarnation)
                .containsExactly(MemberState.ALIVE, 1L);
    }

    @Test
    void aSuspectConfirmedByEveryIntermediaryIsDeadAfterTheShortestTimeoutButNoSoonerThanAProbeMayTake() {
        PeerId suspect = suspectOneMember(3);
        long shortest = Math.max(
                config.suspicionTimeoutNanos(5, 3), 2 * config.probeTimeout().toNanos());

        advanceTo(now + shortest - 20 * MS);
        assertThat(stateOf(suspect)).isEqualTo(MemberState.SUSPECT);
        advanceTo(now + 30 * MS);
        assertThat(stateOf(suspect)).isEqualTo(MemberState.DEAD);
    }

    @Test
    void withoutConfirmationsASuspicionRunsToTheLongestTimeout() {
        PeerId suspect = suspectOneMember(0);
        long longest = config.suspicionTimeoutNanos(5, 0);

        advanceTo(now + longest - 20 * MS);
        assertThat(stateOf(suspect)).isEqualTo(MemberState.SUSPECT);
        advanceTo(now + 30 * MS);
        assertThat(stateOf(suspect)).isEqualTo(MemberState.DEAD);
    }

    @Test
    void aLateAckWithdrawsTheConfirmations() {
        RecordingTransport.Sent probe = nextProbe();
        long seq = ((SwimMessage.Ping) probe.message()).seq();
        PeerId suspect = probe.to();
        advanceTo(now + config.probeTimeout().toNanos());
        for (RecordingTransport.Sent s : net.drainOf(SwimMessage.PingReq.class)) {
            swim.onMessage(s.to(), new SwimMessage.Nack(seq), now);
        }
        advanceTo(now + config.probeTimeout().toNanos());
        assertThat(stateOf(suspect)).isEqualTo(MemberState.SUSPECT);

        swim.onMessage(suspect, new SwimMessage.Ack(seq, List.of()), now);
        advanceTo(now + config.suspicionTimeoutNanos(5, 3) + 100 * MS);

        assertThat(stateOf(suspect)).isEqualTo(MemberState.SUSPECT);
    }

    @Test
    void anAccuserPingsItsSuspectUntilTheSuspicionEnds() {
        PeerId suspect = suspectOneMember(0);
        long from = now;

        advanceTo(from + 1000 * MS);

        List<RecordingTransport.Sent> checks = net.drainOf(SwimMessage.Ping.class).stream()
                .filter(s -> s.to().equals(suspect))
                .toList();
        assertThat(checks.size()).isGreaterThanOrEqualTo(4);
        assertThat(checks)
                .allSatisfy(s -> assertThat(
                                ((SwimMessage.Ping) s.message()).updates().getFirst())
                        .extracting(MemberUpdate::id, MemberUpdate::state)
                        .containsExactly(suspect, MemberState.SUSPECT));
    }

    @Test
    void aPingThatAccusesThisNodeIsAnsweredWithItsRefutationFirst() {
        swim.onMessage(a, new SwimMessage.Ping(5, List.of(update(self, MemberState.SUSPECT, 0, b))), now);
        net.drain();

        swim.onMessage(c, new SwimMessage.Ping(6, List.of(update(self, MemberState.DEAD, 0, null))), now);

        SwimMessage.Ack ack = (SwimMessage.Ack) net.drain().getFirst().message();
        assertThat(ack.updates().getFirst())
                .extracting(MemberUpdate::id, MemberUpdate::state, MemberUpdate::incarnation)
                .as("an accusation already refuted is answered with the refutation again")
                .containsExactly(self, MemberState.ALIVE, 1L);
    }

    @Test
    void aSuspicionOnlyHeardOfIsCheckedWithTheSuspectBeforeADeath() {
        swim.onMessage(a, new SwimMessage.Gossip(List.of(update(b, MemberState.SUSPECT, 0, a))), now);
        advanceTo(config.suspicionTimeoutNanos(5, 0) - 10 * MS);
        net.drain();
        advanceTo(now + 20 * MS);

        assertThat(stateOf(b)).isEqualTo(MemberState.SUSPECT);
        assertThat(net.drainOf(SwimMessage.Ping.class)).anySatisfy(s -> {
            assertThat(s.to()).isEqualTo(b);
            assertThat(((SwimMessage.Ping) s.message()).updates().getFirst())
                    .isEqualTo(new MemberUpdate(
                            b, MemberState.SUSPECT, 0, List.of("addr-" + b.shortForm()), "v1", Optional.empty()));
        });
        advanceTo(now + 2 * config.probeTimeout().toNanos());
        assertThat(stateOf(b)).isEqualTo(MemberState.DEAD);
    }

    @Test
    void aNodeRefutesItsOwnSuspicionWithAHigherIncarnation() {
        swim.onMessage(a, new SwimMessage.Ping(5, List.of(update(self, MemberState.SUSPECT, 0, b))), now);

        SwimMessage.Ack ack = (SwimMessage.Ack) net.drain().getFirst().message();
        assertThat(ack.updates())
                .anySatisfy(u -> assertThat(u)
                        .extracting(MemberUpdate::id, MemberUpdate::state, MemberUpdate::incarnation)
                        .containsExactly(self, MemberState.ALIVE, 1L));
        assertThat(swim.member(self).orElseThrow().incarnation()).isEqualTo(1);
    }

    @Test
    void aDeadMemberComesBackWithAHigherIncarnation() {
        swim.onMessage(a, new SwimMessage.Gossip(List.of(update(b, MemberState.DEAD, 2, null))), now);
        assertThat(stateOf(b)).isEqualTo(MemberState.DEAD);

        swim.onMessage(a, new SwimMessage.Gossip(List.of(alive(b, 2))), now);
        assertThat(stateOf(b)).as("the same incarnation does not revive").isEqualTo(MemberState.DEAD);

        swim.onMessage(a, new SwimMessage.Gossip(List.of(alive(b, 3))), now);
        assertThat(stateOf(b)).isEqualTo(MemberState.ALIVE);
        assertThat(changes).containsExactly(b.shortForm() + " alive->dead", b.shortForm() + " dead->alive");
    }

    @Test
    void aLostConnectionGetsItsMemberProbedAtOnceAndTheHintedProbeTakesTheNextRegularSlot() {
        RecordingTransport.Sent regular = nextProbe();
        swim.onMessage(regular.to(), new SwimMessage.Ack(((SwimMessage.Ping) regular.message()).seq(), List.of()), now);
        PeerId lost =
                others.stream().filter(p -> !p.equals(regular.to())).findFirst().orElseThrow();
        now += 10 * MS;
        long hintedAt = now;

        swim.connectionLost(lost);
        swim.tick(now);

        assertThat(net.drainOf(SwimMessage.Ping.class))
                .singleElement()
                .satisfies(s -> assertThat(s.to()).isEqualTo(lost));
        assertThat(swim.nextTickNanos()).isGreaterThan(now);
        advanceTo(hintedAt + config.probeInterval().toNanos() - 10 * MS);
        assertThat(net.drainOf(SwimMessage.Ping.class))
                .as("no regular probe while the hinted one holds this period's slot")
                .allSatisfy(s -> assertThat(s.to()).isEqualTo(lost));
    }

    @Test
    void aHintAloneNeverMakesAMemberSuspect() {
        swim.connectionLost(c);
        swim.tick(now);
        long seq = ((SwimMessage.Ping)
                        net.drainOf(SwimMessage.Ping.class).getFirst().message())
                .seq();

        swim.onMessage(c, new SwimMessage.Ack(seq, List.of()), now + 5 * MS);
        advanceTo(now + 2 * config.probeTimeout().toNanos() + 10 * MS);

        assertThat(stateOf(c))
                .as("acked, past the time an unacked probe suspects")
                .isEqualTo(MemberState.ALIVE);
        assertThat(changes).noneMatch(change -> change.startsWith(c.shortForm()));
    }

    @Test
    void aHintAboutAnOutsiderOrAMemberNotAliveIsIgnored() {
        swim.onMessage(a, new SwimMessage.Gossip(List.of(update(b, MemberState.DEAD, 2, null))), now);
        net.drain();

        swim.connectionLost(outsider);
        swim.connectionLost(b);

        swim.tick(now);
        assertThat(net.drainOf(SwimMessage.Ping.class))
                .noneSatisfy(s -> assertThat(s.to()).isIn(outsider, b));
    }

    @Test
    void aLeftMemberIsNotProbed() {
        swim.onMessage(a, new SwimMessage.Gossip(List.of(update(b, MemberState.LEFT, 1, null))), now);
        net.drain();

        advanceTo(30_000 * MS);

        assertThat(stateOf(b)).isEqualTo(MemberState.LEFT);
        assertThat(net.sent())
                .filteredOn(s -> s.message() instanceof SwimMessage.Ping || s.message() instanceof SwimMessage.PingReq)
                .isNotEmpty()
                .noneMatch(s -> s.to().equals(b))
                .noneMatch(s -> s.message() instanceof SwimMessage.PingReq r
                        && r.target().equals(b));
    }

    @Test
    void aLeavingNodeAnnouncesItAndStopsAnswering() {
        swim.leave(now);
        swim.tick(now);

        assertThat(swim.member(self).orElseThrow().state()).isEqualTo(MemberState.LEFT);
        assertThat(net.drain(SwimMessage.Gossip.class))
                .hasSize(3)
                .allSatisfy(g -> assertThat(g.updates())
                        .contains(new MemberUpdate(
                                self, MemberState.LEFT, 1, List.of("10.0.0.10:7707"), "v1", Optional.empty())));
        swim.onMessage(a, new SwimMessage.Ping(1, List.of()), now);
        assertThat(net.drain()).isEmpty();
        assertThat(changes).containsExactly(self.shortForm() + " alive->left");
    }

    @Test
    void aLeavingNodeIsDoneOnceItsDepartureWasSentEnoughTimes() {
        swim.leave(now);
        for (int i = 0; i < 100 && !swim.leaveComplete(); i++) {
            now += config.gossipInterval().toNanos();
            swim.tick(now);
        }

        assertThat(swim.leaveComplete()).isTrue();
        assertThat(net.sent()).filteredOn(s -> mentions(s.message(), self)).hasSize(config.retransmitLimit(4));
    }

    @Test
    void aLeavingNodePushesItsDepartureEvenWithPushesOff() {
        RecordingTransport recorder = new RecordingTransport();
        Swim quiet = new Swim(
                self,
                List.of(),
                "v1",
                config.withGossip(config.gossipInterval(), 0),
                recorder,
                new SplittableRandom(1),
                0);
        quiet.addMember(a, List.of(), "v1");
        quiet.onMessage(a, new SwimMessage.Gossip(List.of(alive(a, 0))), 0);

        quiet.leave(0);
        quiet.tick(0);

        assertThat(recorder.drain(SwimMessage.Gossip.class))
                .singleElement()
                .satisfies(g ->
                        assertThat(g.updates()).anyMatch(u -> u.id().equals(self) && u.state() == MemberState.LEFT));
    }

    @Test
    void anIntermediaryForwardsTheTargetsAck() {
        swim.onMessage(a, new SwimMessage.PingReq(77, b, List.of()), now);
        RecordingTransport.Sent ping = net.drainOf(SwimMessage.Ping.class).getFirst();
        assertThat(ping.to()).isEqualTo(b);

        swim.onMessage(b, new SwimMessage.Ack(((SwimMessage.Ping) ping.message()).seq(), List.of()), now + 5 * MS);

        assertThat(net.drainOf(SwimMessage.Ack.class)).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(a);
            assertThat(s.message())
                    .isInstanceOfSatisfying(
                            SwimMessage.Ack.class, ack -> assertThat(ack.seq()).isEqualTo(77));
        });
    }

    @Test
    void anIntermediarySendsANackWhenTheTargetStaysSilent() {
        swim.onMessage(a, new SwimMessage.PingReq(77, b, List.of()), now);
        net.drain();

        advanceTo(config.probeTimeout().toNanos() * 4 / 5);

        assertThat(net.drain()).contains(new RecordingTransport.Sent(a, new SwimMessage.Nack(77)));
    }

    @Test
    void anIntermediaryStillForwardsAnAckThatComesAfterItsNack() {
        swim.onMessage(a, new SwimMessage.PingReq(77, b, List.of()), now);
        long seq = ((SwimMessage.Ping)
                        net.drainOf(SwimMessage.Ping.class).getFirst().message())
                .seq();
        advanceTo(config.probeTimeout().toNanos());
        assertThat(net.drainOf(SwimMessage.Nack.class)).hasSize(1);

        swim.onMessage(b, new SwimMessage.Ack(seq, List.of()), now);

        assertThat(net.drainOf(SwimMessage.Ack.class)).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(a);
            assertThat(((SwimMessage.Ack) s.message()).seq()).isEqualTo(77);
        });
    }

    @Test
    void aSyncIsAnsweredWithTheWholeView() {
        swim.onMessage(a, new SwimMessage.Sync(false, List.of(alive(a, 4))), now);

        SwimMessage.Sync reply = (SwimMessage.Sync) net.drain().getFirst().message();
        assertThat(reply.reply()).isTrue();
        assertThat(reply.members()).extracting(MemberUpdate::id).containsExactlyInAnyOrder(self, a, b, c, d);
        assertThat(reply.members()).contains(alive(a, 4));
    }

    @Test
    void aDeathInAWholeViewIsTakenAsASuspicionTheMemberCanRefute() {
        swim.onMessage(a, new SwimMessage.Sync(true, List.of(update(b, MemberState.DEAD, 0, null))), now);

        assertThat(stateOf(b)).isEqualTo(MemberState.SUSPECT);
        swim.onMessage(b, new SwimMessage.Gossip(List.of(alive(b, 1))), now);
        assertThat(stateOf(b)).isEqualTo(MemberState.ALIVE);
        assertThat(changes).containsExactly(b.shortForm() + " alive->suspect", b.shortForm() + " suspect->alive");
    }

    @Test
    void aDeathInAWholeViewStillEndsInDeathWhenNobodyRefutes() {
        swim.onMessage(a, new SwimMessage.Sync(true, List.of(update(b, MemberState.DEAD, 0, null))), now);

        advanceTo(now + 10 * config.probeInterval().toNanos());

        assertThat(stateOf(b)).isEqualTo(MemberState.DEAD);
    }

    @Test
    void aNodeThatFindsItselfAloneSyncsWithinAProbePeriodThoughItsLastSyncWasJustNow() {
        swim.tick(now); // the first tick syncs; the next would be one anti-entropy interval later
        net.drain();
        List<MemberUpdate> deaths =
                others.stream().map(p -> update(p, MemberState.DEAD, 0, null)).toList();
        swim.onMessage(a, new SwimMessage.Gossip(deaths), now);
        long alone = now;

        advanceTo(alone + config.probeInterval().toNanos() + 10 * MS);

        assertThat(net.drainOf(SwimMessage.Sync.class)).isNotEmpty();
    }

    @Test
    void aMemberHeldDeadThatIsHeardOfAgainGetsThisNodesViewAtOnce() {
        swim.onMessage(a, new SwimMessage.Gossip(List.of(update(b, MemberState.DEAD, 2, null))), now);
        net.drain();

        swim.heardOf(b);
        swim.heardOf(c); // alive: nothing to do

        assertThat(net.drain()).singleElement().satisfies(sent -> {
            assertThat(sent.to()).isEqualTo(b);
            assertThat(sent.message())
                    .isInstanceOfSatisfying(
                            SwimMessage.Sync.class,
                            sync -> assertThat(sync.reply()).isFalse());
        });
    }

    @Test
    void aNewNodeJoinsBySyncingWithARosterMember() {
        Swim joiner = newSwim(3);
        joiner.addMember(a, List.of("addr-a"), "v1");

        joiner.tick(0);

        assertThat(net.drain()).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(a);
            assertThat(s.message())
                    .isEqualTo(new SwimMessage.Sync(
                            false,
                            List.of(new MemberUpdate(
                                    self, MemberState.ALIVE, 0, List.of("10.0.0.10:7707"), "v1", Optional.empty()))));
        });
        assertThat(joiner.members()).extracting(Member::id).containsExactly(self);
    }

    @Test
    void rttIsMeasuredByItsOwnDirectProbes() {
        RecordingTransport.Sent probe = nextProbe();

        swim.onMessage(
                probe.to(), new SwimMessage.Ack(((SwimMessage.Ping) probe.message()).seq(), List.of()), now + 30 * MS);

        assertThat(swim.member(probe.to()).orElseThrow().rtt()).contains(Duration.ofMillis(30));
        assertThat(swim.member(self).orElseThrow().rtt()).isEmpty();
    }

    @Test
    void addressesAndVersionComeFromTheMembersOwnAnnouncement() {
        swim.onMessage(
                a,
                new SwimMessage.Gossip(List.of(new MemberUpdate(
                        a, MemberState.ALIVE, 1, List.of("192.0.2.1:7707"), "peernet/0.2.0", Optional.empty()))),
                now);

        assertThat(swim.member(a).orElseThrow())
                .extracting(Member::addresses, Member::version)
                .containsExactly(List.of("192.0.2.1:7707"), "peernet/0.2.0");
    }

    @Test
    void aMemberHeardOfWithoutAddressesGetsThoseOfItsRosterEntry() {
        PeerId e = id(5);
        swim.addMember(e, List.of("192.0.2.5:7707"), "peernet/0.3.0");

        swim.onMessage(a, new SwimMessage.Gossip(List.of(update(e, MemberState.SUSPECT, 0, a))), now);

        assertThat(swim.member(e).orElseThrow())
                .extracting(Member::state, Member::addresses, Member::version)
                .containsExactly(MemberState.SUSPECT, List.of("192.0.2.5:7707"), "peernet/0.3.0");
    }

    @Test
    void oneSeedGivesTheSameMessagesEveryTime() {
        assertThat(run(11)).isEqualTo(run(11)).isNotEqualTo(run(12));
    }

    private List<RecordingTransport.Sent> run(long seed) {
        RecordingTransport recorder = new RecordingTransport();
        Swim s = new Swim(self, List.of(), "v1", config, recorder, new SplittableRandom(seed), 0);
        List<MemberUpdate> alive = new ArrayList<>();
        for (PeerId p : others) {
            s.addMember(p, List.of(), "v1");
            alive.add(alive(p, 0));
        }
        s.onMessage(a, new SwimMessage.Gossip(alive), 0);
        for (long t = 0; t < 10_000 * MS; t += 10 * MS) {
            s.tick(t);
        }
        return recorder.sent();
    }

    /** Puts one member under suspicion through a probe that failed, with {@code nacks} confirmations. */
    private PeerId suspectOneMember(int nacks) {
        RecordingTransport.Sent probe = nextProbe();
        long seq = ((SwimMessage.Ping) probe.message()).seq();
        advanceTo(now + config.probeTimeout().toNanos());
        List<RecordingTransport.Sent> asked = net.drainOf(SwimMessage.PingReq.class);
        for (int i = 0; i < nacks; i++) {
            swim.onMessage(asked.get(i).to(), new SwimMessage.Nack(seq), now);
        }
        advanceTo(now + config.probeTimeout().toNanos());
        assertThat(stateOf(probe.to())).isEqualTo(MemberState.SUSPECT);
        return probe.to();
    }

    private static boolean mentions(SwimMessage m, PeerId id) {
        List<MemberUpdate> updates = switch (m) {
            case SwimMessage.Ping p -> p.updates();
            case SwimMessage.PingReq r -> r.target().equals(id) ? List.of(alive(id, 0)) : r.updates();
            case SwimMessage.Ack ack -> ack.updates();
            case SwimMessage.Gossip g -> g.updates();
            case SwimMessage.Sync s -> s.members();
            case SwimMessage.Nack n -> List.of();
            case SwimMessage.Unknown u -> List.of();
        };
        return updates.stream().anyMatch(u -> u.id().equals(id));
    }
}
