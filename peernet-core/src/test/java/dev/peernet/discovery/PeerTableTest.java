package dev.peernet.discovery;

import static dev.peernet.discovery.DnsCodecTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.identity.PeerId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTableTest {
    static final PeerId SELF = key(1);
    static final Announcement BETA = new Announcement("beta", key(2), "", 1, 7707);
    static final List<InetAddress> BETA_ADDRESSES = List.of(InetAddress.ofLiteral("10.0.0.2"));

    private final MutableClock clock = new MutableClock();
    private final PeerTable table = new PeerTable(SELF, clock);

    private List<DiscoveryEvent> hear(Announcement a, long ttl) {
        return table.received(
                "eth0", ServiceRecords.announcement(a, BETA_ADDRESSES, ttl).answers());
    }

    @Test
    void anAnnouncementMakesAPeerAppearWithItsAddresses() {
        List<DiscoveryEvent> events = hear(BETA, 6);

        NearbyPeer beta = new NearbyPeer(
                BETA.id(), "beta", "", 1, List.of(new InetSocketAddress("10.0.0.2", 7707)), "eth0", clock.instant());
        assertThat(events).containsExactly(new DiscoveryEvent.Appeared(beta));
        assertThat(table.nearby()).containsExactly(beta);
    }

    @Test
    void hearingTheSameAnnouncementAgainOnlyRefreshesLastSeen() {
        hear(BETA, 6);
        clock.advance(Duration.ofSeconds(2));

        assertThat(hear(BETA, 6)).isEmpty();
        assertThat(table.nearby().getFirst().lastSeen()).isEqualTo(clock.instant());
    }

    @Test
    void ourOwnAnnouncementIsNeverAPeer() {
        assertThat(hear(new Announcement("me", SELF, "", 1, 7707), 6)).isEmpty();
        assertThat(table.nearby()).isEmpty();
    }

    @Test
    void aNewNetworkIdIsAnUpdateBecauseTheTxtRecordFlushesTheOldOne() {
        hear(BETA, 6);

        List<DiscoveryEvent> events = hear(BETA.withNetworkId("lab"), 6);

        assertThat(events).singleElement().isInstanceOfSatisfying(DiscoveryEvent.Updated.class, u -> {
            assertThat(u.previous().networkId()).isEmpty();
            assertThat(u.peer().networkId()).isEqualTo("lab");
        });
        assertThat(table.nearby())
                .singleElement()
                .extracting(NearbyPeer::networkId)
                .isEqualTo("lab");
    }

    @Test
    void goodbyeRecordsMakeThePeerGoAtOnce() {
        hear(BETA, 6);

        List<DiscoveryEvent> events = table.received(
                "eth0", ServiceRecords.goodbye(BETA, BETA_ADDRESSES).answers());

        assertThat(events)
                .singleElement()
                .isInstanceOfSatisfying(
                        DiscoveryEvent.Gone.class,
                        g -> assertThat(g.reason()).isEqualTo(DiscoveryEvent.Reason.GOODBYE));
        assertThat(table.nearby()).isEmpty();
    }

    @Test
    void aPeerNotHeardForItsTtlExpires() {
        hear(BETA, 6);
        clock.advance(Duration.ofMillis(5999));
        assertThat(table.expire()).isEmpty();

        clock.advance(Duration.ofMillis(1));

        assertThat(table.expire())
                .singleElement()
                .isInstanceOfSatisfying(
                        DiscoveryEvent.Gone.class,
                        g -> assertThat(g.reason()).isEqualTo(DiscoveryEvent.Reason.EXPIRED));
    }

    @Test
    void aRecordUnrefreshedAt80PercentOfItsLifeAsksForOneQuery() {
        hear(BETA, 10);
        clock.advance(Duration.ofMillis(7999));
        assertThat(table.needsRequery()).isFalse();

        clock.advance(Duration.ofMillis(1));

        assertThat(table.needsRequery()).isTrue();
        assertThat(table.needsRequery()).isFalse();
    }

    @Test
    void theSamePeerOnTwoInterfacesIsListedOncePerInterface() {
        hear(BETA, 6);
        table.received(
                "wlan0", ServiceRecords.announcement(BETA, BETA_ADDRESSES, 6).answers());

        assertThat(table.nearby()).extracting(NearbyPeer::interfaceName).containsExactly("eth0", "wlan0");
        assertThat(table.dropInterface("wlan0"))
                .singleElement()
                .isInstanceOfSatisfying(
                        DiscoveryEvent.Gone.class,
                        g -> assertThat(g.reason()).isEqualTo(DiscoveryEvent.Reason.INTERFACE_GONE));
    }

    @Test
    void anInstanceWithoutAValidPeerIdIsIgnored() {
        DnsName instance = ServiceRecords.SERVICE_TYPE.prepend("printer");
        List<DnsRecord> records = List.of(
                DnsRecord.in(ServiceRecords.SERVICE_TYPE, false, 6, new DnsRecord.Ptr(instance)),
                DnsRecord.in(instance, true, 6, new DnsRecord.Srv(0, 0, 631, DnsName.parse("p.local"))),
                DnsRecord.in(
                        instance,
                        true,
                        6,
                        new DnsRecord.Txt(List.of("id=NOT-AN-ID".getBytes(java.nio.charset.StandardCharsets.UTF_8)))));

        assertThat(table.received("eth0", records)).isEmpty();
    }

    @Test
    void recordsOfOtherServicesAreNotKept() {
        DnsName other = DnsName.parse("_http._tcp.local");
        List<DnsRecord> flood = new ArrayList<>();
        for (int i = 0; i < PeerTable.MAX_RECORDS_PER_INTERFACE + 10; i++) {
            flood.add(DnsRecord.in(other, false, 60, new DnsRecord.Ptr(other.prepend("s" + i))));
        }
        table.received("eth0", flood);

        assertThat(hear(BETA, 6)).hasSize(1); // the cache had room: the flood was not stored
    }

    @Test
    void aMissingVersionReadsAsZeroAndTxtKeysIgnoreCase() {
        DnsName instance = ServiceRecords.SERVICE_TYPE.prepend("py");
        List<DnsRecord> records = List.of(
                DnsRecord.in(ServiceRecords.SERVICE_TYPE, false, 6, new DnsRecord.Ptr(instance)),
                DnsRecord.in(instance, true, 6, new DnsRecord.Srv(0, 0, 7000, DnsName.parse("py.local"))),
                DnsRecord.in(
                        instance,
                        true,
                        6,
                        new DnsRecord.Txt(
                                List.of(("ID=" + BETA.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))));

        assertThat(table.received("eth0", records))
                .singleElement()
                .satisfies(e -> assertThat(e.peer().protocolVersion()).isZero())
                .satisfies(e -> assertThat(e.peer().addresses()).isEmpty());
    }
}
