package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.identity.PeerId;
import dev.peernet.session.Direction;
import dev.peernet.session.PeerHello;
import dev.peernet.session.Session;
import dev.peernet.session.Stream;
import dev.peernet.wire.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The one-session-per-peer table, with sessions that only open and close. */
class ConnectionTableTest {
    private static final PeerId LOW = PeerId.ofKeyBytes(new byte[32]);
    private static final PeerId HIGH = PeerId.ofKeyBytes(filled((byte) 0x7f));

    private final List<PeerId> lost = new CopyOnWriteArrayList<>();

    @Test
    void theEndOfAPeersOnlySessionIsReportedAsALostConnection() {
        var table = new ConnectionTable(LOW, lost::add);
        var session = new FakeSession(HIGH, Direction.OUTBOUND);
        table.add(session);

        session.close(ErrorCode.NO_ERROR, "the connection dropped");

        assertThat(lost).containsExactly(HIGH);
        assertThat(table.get(HIGH)).isEmpty();
    }

    @Test
    void theLoserOfADuplicateIsNotALostConnection() {
        var table = new ConnectionTable(LOW, lost::add);
        var dialled = new FakeSession(HIGH, Direction.OUTBOUND); // dialled by LOW, the lower ID: kept
        var accepted = new FakeSession(HIGH, Direction.INBOUND);

        table.add(dialled);
        Session kept = table.add(accepted);

        assertThat(kept).isSameAs(dialled);
        assertThat(accepted.isOpen()).isFalse();
        assertThat(lost).isEmpty();
        dialled.close();
        assertThat(lost).containsExactly(HIGH);
    }

    private static byte[] filled(byte b) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, b);
        return key;
    }

    /** A session that can only be closed; closing completes {@link #closed()} at once. */
    private static final class FakeSession implements Session {
        private final PeerId peer;
        private final Direction direction;
        private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        FakeSession(PeerId peer, Direction direction) {
            this.peer = peer;
            this.direction = direction;
        }

        @Override
        public PeerId remotePeer() {
            return peer;
        }

        @Override
        public PeerHello remoteHello() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Direction direction() {
            return direction;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:7707";
        }

        @Override
        public Instant establishedAt() {
            return Instant.EPOCH;
        }

        @Override
        public Optional<Duration> rtt() {
            return Optional.empty();
        }

        @Override
        public Stream openStream(String protocol) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return !closed.isDone();
        }

        @Override
        public CompletableFuture<CloseReason> closed() {
            return closed;
        }

        @Override
        public void close(ErrorCode code, String message) {
            closed.complete(new CloseReason(code, message, false));
        }
    }
}
