package dev.peernet.discovery;

import static dev.peernet.discovery.DnsCodecTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceRecordsTest {
    static final Announcement ALPHA = new Announcement("alpha", key(1), "home", 1, 7707);
    static final List<InetAddress> ADDRESSES = List.of(InetAddress.ofLiteral("10.0.0.1"));

    private static DnsMessage query(DnsName name, int type) {
        return DnsMessage.query(List.of(DnsMessage.Question.in(name, type)));
    }

    @Test
    void theTxtRecordCarriesIdNetworkAndVersion() {
        assertThat(ServiceRecords.parseTxt(ServiceRecords.txt(ALPHA)))
                .containsExactly(Map.entry("id", ALPHA.id().toString()), Map.entry("net", "home"), Map.entry("v", "1"));
    }

    @Test
    void txtKeysAreCaseInsensitiveTheFirstWinsAndAKeyAloneHasNoValue() {
        var txt = new DnsRecord.Txt(List.of(bytes("Net=a"), bytes("net=b"), bytes("flag"), bytes("=x")));

        assertThat(ServiceRecords.parseTxt(txt)).containsExactly(Map.entry("net", "a"), Map.entry("flag", ""));
    }

    @Test
    void aBrowseQueryIsAnsweredWithThePointerAndTheRestAsAdditionals() {
        DnsMessage answer = ServiceRecords.answer(
                        query(ServiceRecords.SERVICE_TYPE, DnsRecord.Ptr.TYPE), ALPHA, ADDRESSES, 6)
                .orElseThrow();

        assertThat(answer.answers())
                .singleElement()
                .extracting(DnsRecord::data)
                .isEqualTo(new DnsRecord.Ptr(ServiceRecords.instanceName(ALPHA)));
        assertThat(answer.additionals())
                .extracting(DnsRecord::type)
                .containsExactly(DnsRecord.Srv.TYPE, DnsRecord.Txt.TYPE, DnsRecord.A.TYPE);
    }

    @Test
    void aServiceTypeEnumerationFindsPeernet() {
        DnsMessage answer = ServiceRecords.answer(
                        query(ServiceRecords.SERVICES_META, DnsRecord.Ptr.TYPE), ALPHA, ADDRESSES, 6)
                .orElseThrow();

        assertThat(answer.answers())
                .singleElement()
                .extracting(DnsRecord::data)
                .isEqualTo(new DnsRecord.Ptr(ServiceRecords.SERVICE_TYPE));
    }

    @Test
    void questionsAreMatchedIgnoringCase() {
        DnsName shouted = DnsName.parse("ALPHA._PEERNET._TCP.LOCAL");

        assertThat(ServiceRecords.answer(query(shouted, DnsMessage.Question.ANY), ALPHA, ADDRESSES, 6))
                .hasValueSatisfying(m -> assertThat(m.answers()).hasSize(2));
    }

    @Test
    void queriesForOtherServicesGetNoAnswer() {
        assertThat(ServiceRecords.answer(query(DnsName.parse("_http._tcp.local"), 12), ALPHA, ADDRESSES, 6))
                .isEmpty();
    }

    @Test
    void aKnownAnswerWithHalfItsTtlLeftSuppressesOurs() {
        DnsRecord ptr =
                ServiceRecords.announcement(ALPHA, ADDRESSES, 6).answers().get(1);
        DnsMessage withKnown = new DnsMessage(
                0,
                0,
                query(ServiceRecords.SERVICE_TYPE, DnsRecord.Ptr.TYPE).questions(),
                List.of(ptr.withTtl(3)),
                List.of(),
                List.of());
        DnsMessage withStale =
                new DnsMessage(0, 0, withKnown.questions(), List.of(ptr.withTtl(2)), List.of(), List.of());

        assertThat(ServiceRecords.answer(withKnown, ALPHA, ADDRESSES, 6)).isEmpty();
        assertThat(ServiceRecords.answer(withStale, ALPHA, ADDRESSES, 6)).isPresent();
    }

    @Test
    void aLegacyUnicastAnswerEchoesTheQueryAndCapsTtls() {
        DnsMessage q = new DnsMessage(
                0x4242,
                0,
                List.of(DnsMessage.Question.in(ServiceRecords.SERVICE_TYPE, DnsRecord.Ptr.TYPE)),
                List.of(),
                List.of(),
                List.of());

        DnsMessage answer =
                ServiceRecords.legacyAnswer(q, ALPHA, ADDRESSES, 120).orElseThrow();

        assertThat(answer.id()).isEqualTo(0x4242);
        assertThat(answer.questions()).isEqualTo(q.questions());
        assertThat(answer.allRecords()).allSatisfy(r -> {
            assertThat(r.ttl()).isEqualTo(10);
            assertThat(r.cacheFlush()).isFalse();
        });
    }

    @Test
    void goodbyesCarryEveryRecordWithTtlZero() {
        assertThat(ServiceRecords.goodbye(ALPHA, ADDRESSES).answers())
                .hasSize(5)
                .allSatisfy(r -> assertThat(r.ttl()).isZero());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
