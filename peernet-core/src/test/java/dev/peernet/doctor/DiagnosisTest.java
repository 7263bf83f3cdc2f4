package dev.peernet.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.doctor.DoctorReport.InterfaceReport;
import dev.peernet.doctor.DoctorReport.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each typical setup problem is named in plain words with a fix; a healthy setup gets none. */
class DiagnosisTest {
    private static final InterfaceReport LO =
            new InterfaceReport("lo", true, true, List.of("127.0.0.1/8"), false, Optional.empty());
    private static final InterfaceReport ETH0 =
            new InterfaceReport("eth0", true, false, List.of("192.168.1.20/24"), true, Optional.of(true));

    private static List<Problem> problems(
            List<InterfaceReport> interfaces,
            List<String> notices,
            List<String> unreachableMembers,
            List<String> timedOut) {
        return Diagnosis.problems(
                new Diagnosis.Facts(interfaces, List.of(), notices, unreachableMembers, timedOut, true));
    }

    @Test
    void aHealthySetupHasNoProblems() {
        assertThat(problems(List.of(LO, ETH0), List.of(), List.of(), List.of())).isEmpty();
    }

    @Test
    void noIpv4AddressIsAProblem() {
        var v6only = new InterfaceReport("eth0", true, false, List.of("fe80::1/64"), false, Optional.empty());

        assertThat(problems(List.of(LO, v6only), List.of(), List.of(), List.of()))
                .singleElement()
                .satisfies(p -> assertThat(p.what()).startsWith("No network interface has an IPv4 address"));
    }

    @Test
    void onlyLinkLocalAddressesMeanDhcpDidNotAnswer() {
        var linkLocal = new InterfaceReport("eth0", true, false, List.of("169.254.10.3/16"), true, Optional.of(true));

        assertThat(problems(List.of(LO, linkLocal), List.of(), List.of(), List.of()))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.what()).contains("link-local (169.254.x.x)");
                    assertThat(p.fix()).contains("DHCP");
                });
    }

    @Test
    void anInterfaceThatDoesNotHearItsOwnAnnouncementHasMulticastBlocked() {
        var deaf = new InterfaceReport("wlan0", true, false, List.of("10.0.0.5/24"), true, Optional.of(false));

        assertThat(problems(List.of(LO, deaf), List.of(), List.of(), List.of()))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.what()).startsWith("mDNS does not work on wlan0");
                    assertThat(p.fix()).contains("--peer HOST:PORT");
                });
    }

    @Test
    void aTakenPortIsReportedWithHowToFindTheOtherProgram() {
        assertThat(problems(
                        List.of(LO, ETH0),
                        List.of("Port 7707 is taken; listening on port 41000 instead."),
                        List.of(),
                        List.of()))
                .singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("ss -ltnp"));
    }

    @Test
    void aPeerThatTimesOutLooksLikeAFirewallDroppingThePort() {
        assertThat(problems(List.of(LO, ETH0), List.of(), List.of(), List.of("10.9.0.7:7707")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.what()).contains("timed out instead of being refused");
                    assertThat(p.fix()).contains("firewall");
                });
    }

    @Test
    void aMemberOnAnotherSubnetWithNoStaticPeerIsNamed() {
        assertThat(problems(List.of(LO, ETH0), List.of(), List.of("bob (ABCDEFG)"), List.of()))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.what()).startsWith("Member bob (ABCDEFG) is not connected");
                    assertThat(p.fix()).contains("--peer HOST:PORT");
                });
    }
}
