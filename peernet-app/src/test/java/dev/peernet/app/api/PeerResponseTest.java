package dev.peernet.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peernet.node.PeerInfo;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerResponseTest {
    private final PeerInfo beta = FakeNodeControl.peer(
            FakeNodeControl.peerId(2), "beta", "127.0.0.1:7001", Optional.of(Duration.ofMillis(12)));

    @Test
    void jsonCarriesTheFullPeerIdInAFieldNamedId() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.pretty(PeerResponse.of(beta, "alive")));

        assertThat(json.get("id").asText()).isEqualTo(beta.id().toString());
        assertThat(json.get("name").asText()).isEqualTo("beta");
        assertThat(json.get("address").asText()).isEqualTo("127.0.0.1:7001");
        assertThat(json.get("direction").asText()).isEqualTo("outbound");
        assertThat(json.get("rttMs").asDouble()).isEqualTo(12.0);
        assertThat(json.get("connectedSince").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(json.get("listenAddresses").get(0).asText()).isEqualTo("127.0.0.1:7001");
    }

    @Test
    void anUnmeasuredRoundTripIsNullNotMissing() throws Exception {
        PeerInfo unmeasured = FakeNodeControl.peer(beta.id(), "beta", "127.0.0.1:7001", Optional.empty());

        JsonNode json = Json.mapper().readTree(Json.pretty(PeerResponse.of(unmeasured, "alive")));

        assertThat(json.has("rttMs")).isTrue();
        assertThat(json.get("rttMs").isNull()).isTrue();
    }

    @Test
    void roundTripsKeepMicrosecondPrecision() {
        assertThat(PeerResponse.millis(Duration.ofNanos(412_678))).isEqualTo(0.413);
    }
}
