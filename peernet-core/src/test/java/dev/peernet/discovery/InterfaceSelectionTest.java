package dev.peernet.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceSelectionTest {
    static final InterfaceStatus.Address V4 = new InterfaceStatus.Address(InetAddress.ofLiteral("10.0.0.1"), 24);
    static final InterfaceStatus.Address V6 = new InterfaceStatus.Address(InetAddress.ofLiteral("fe80::1"), 64);

    static final NetworkInterfaces.Info LO = new NetworkInterfaces.Info(
            "lo", true, true, false, List.of(new InterfaceStatus.Address(InetAddress.ofLiteral("127.0.0.1"), 8)));
    static final NetworkInterfaces.Info ETH0 = new NetworkInterfaces.Info("eth0", true, false, true, List.of(V4, V6));
    static final NetworkInterfaces.Info ETH1_DOWN = new NetworkInterfaces.Info("eth1", false, false, true, List.of(V4));
    static final NetworkInterfaces.Info TUN0 = new NetworkInterfaces.Info("tun0", true, false, false, List.of(V4));
    static final NetworkInterfaces.Info V6ONLY = new NetworkInterfaces.Info("v6", true, false, true, List.of(V6));
    static final List<NetworkInterfaces.Info> ALL = List.of(LO, ETH0, ETH1_DOWN, TUN0, V6ONLY);

    private static List<String> used(List<InterfaceSelection.Choice> choices) {
        return choices.stream()
                .filter(InterfaceSelection.Choice::use)
                .map(c -> c.info().name())
                .toList();
    }

    @Test
    void noNamesMeansEveryUpNonLoopbackMulticastInterfaceWithIpv4() {
        assertThat(used(InterfaceSelection.choose(List.of(), ALL))).containsExactly("eth0");
    }

    @Test
    void namedInterfacesAreUsedEvenIfTheDefaultRuleWouldSkipThem() {
        assertThat(used(InterfaceSelection.choose(List.of("lo", "tun0"), ALL))).containsExactly("lo", "tun0");
    }

    @Test
    void aNamedInterfaceThatCannotBeUsedSaysWhy() {
        var choices = InterfaceSelection.choose(List.of("eth1", "v6", "wlan9"), ALL);

        assertThat(choices)
                .filteredOn(c -> !c.problem().isEmpty())
                .extracting(c -> c.info().name() + ": " + c.problem())
                .containsExactly("eth1: interface is down", "v6: no IPv4 address", "wlan9: no such interface");
    }

    @Test
    void everyInterfaceIsReportedUsedOrNot() {
        assertThat(InterfaceSelection.choose(List.of("eth0"), ALL))
                .extracting(c -> c.info().name())
                .containsExactly("lo", "eth0", "eth1", "tun0", "v6");
    }

    @Test
    void aDatagramBelongsToTheInterfaceWhoseSubnetHoldsItsSource() {
        assertThat(MdnsDiscovery.inSubnet(ETH0, InetAddress.ofLiteral("10.0.0.200")))
                .isTrue();
        assertThat(MdnsDiscovery.inSubnet(ETH0, InetAddress.ofLiteral("10.0.1.2")))
                .isFalse();
        assertThat(MdnsDiscovery.samePrefix(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, (byte) 129}, 25))
                .isFalse();
    }
}
