package dev.peernet.session;

import static dev.peernet.session.SessionPair.DEAD;
import static dev.peernet.session.SessionPair.KEEPALIVE;
import static dev.peernet.session.SessionPair.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peernet.session.Session.CloseReason;
import dev.peernet.testkit.FakeScheduler;
import dev.peernet.wire.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Keepalive on a fake clock: a silent peer is declared dead at the dead timeout, not before. */
@Timeout(60)
class SessionLivenessTest {
    private final FakeScheduler time = new FakeScheduler();
    private SessionPair pair;

    @AfterEach
    void closeSessions() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aPeerThatStopsAnsweringIsDeadAfterTheDeadTimeoutAndTheSessionClosesWithIdleTimeout() throws Exception {
        pair = SessionPair.establish(time, serving(Map.of()), serving(Map.of()));
        // Each side pings once on start; with both pongs in, nothing is in flight when the link stalls.
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        pair.dialler.rtt().isPresent() && pair.acceptor.rtt().isPresent());
        pair.link.partition();

        Duration lastTickBeforeDeadline = DEAD.minus(KEEPALIVE.dividedBy(2));
        time.advance(lastTickBeforeDeadline);
        assertThat(pair.dialler.isOpen())
                .as("open %s into the silence", lastTickBeforeDeadline)
                .isTrue();
        assertThat(pair.acceptor.isOpen()).isTrue();

        time.advance(KEEPALIVE.dividedBy(2));

        var dead = new CloseReason(
                ErrorCode.IDLE_TIMEOUT, "nothing received for 3000 ms; the peer is presumed dead", false);
        assertThat(pair.dialler.closed().get(5, TimeUnit.SECONDS)).isEqualTo(dead);
        assertThat(pair.acceptor.closed().get(5, TimeUnit.SECONDS)).isEqualTo(dead);
    }
}
