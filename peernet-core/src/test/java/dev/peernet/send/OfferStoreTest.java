package dev.peernet.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.peernet.identity.PeerId;
import dev.peernet.share.ChunkSize;
import dev.peernet.share.ContentHash;
import dev.peernet.share.IndexedFile;
import dev.peernet.share.proto.Offer;
import dev.peernet.share.proto.OfferedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offers in progress outlive closing and reopening the store, both ways. */
class OfferStoreTest {
    private static final Instant WHEN = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anOutgoingOfferComesBackWithItsStateRealPathsAndChunkHashes() throws IOException {
        IndexedFile big = file("video/big.mkv", 5L << 30, ChunkSize.MAX, 3);
        IndexedFile small = file("notes.txt", 10, ChunkSize.MIN, 1);
        Offer offer = offer("offer:ab", big, small);
        var kept = new OfferStore.Outgoing(
                "id1",
                peer(2),
                offer,
                OfferStatus.State.PREPARING,
                WHEN,
                Map.of("video/big.mkv", Path.of("/home/u/big.mkv"), "notes.txt", Path.of("/home/u/notes.txt")),
                List.of(big, small));
        try (OfferStore store = OfferStore.open(dir.resolve("peernet.db"))) {
            store.keepOutgoing(kept);
            store.outgoingState("id1", OfferStatus.State.ACCEPTED);
            store.outgoingState("gone", OfferStatus.State.ACCEPTED); // no such offer: nothing happens
        }

        try (OfferStore store = OfferStore.open(dir.resolve("peernet.db"))) {
            assertThat(store.outgoing()).singleElement().satisfies(o -> {
                assertThat(o.id()).isEqualTo("id1");
                assertThat(o.to()).isEqualTo(peer(2));
                assertThat(o.offer()).isEqualTo(offer);
                assertThat(o.state()).isEqualTo(OfferStatus.State.ACCEPTED);
                assertThat(o.created()).isEqualTo(WHEN);
                assertThat(o.paths()).isEqualTo(kept.paths());
                assertThat(o.files()).containsExactly(big, small);
            });
            store.forgetOutgoing("id1");
            assertThat(store.outgoing()).isEmpty();
        }
    }

    @Test
    void anIncomingOfferComesBackPendingUntilItIsFetchedAndGoesWhenForgotten() throws IOException {
        Offer offer = offer("offer:cd", file("a.txt", 5, ChunkSize.MIN, 1));
        try (OfferStore store = OfferStore.open(dir.resolve("peernet.db"))) {
            store.keepIncoming(
                    new OfferStore.Incoming("in1", peer(3), offer, Path.of("/inbox"), WHEN, Optional.empty()));
            store.keepIncoming(new OfferStore.Incoming(
                    "in2", peer(3), offer, Path.of("/inbox"), WHEN.plusSeconds(1), Optional.empty()));
            store.fetching("in2", "t-42");
        }

        try (OfferStore store = OfferStore.open(dir.resolve("peernet.db"))) {
            assertThat(store.incoming())
                    .extracting(OfferStore.Incoming::id, OfferStore.Incoming::transfer)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("in1", Optional.empty()),
                            org.assertj.core.groups.Tuple.tuple("in2", Optional.of("t-42")));
            store.forgetIncoming("in2");
            store.forgetIncoming("in1");
            assertThat(store.incoming()).isEmpty();
        }
    }

    @Test
    void anIncomingOfferWithTheIDOfOneKeptAlreadyIsNotKeptAndDoesNotReplaceIt() throws IOException {
        Offer offer = offer("offer:cd", file("a.txt", 5, ChunkSize.MIN, 1));
        try (OfferStore store = OfferStore.open(dir.resolve("peernet.db"))) {
            assertThat(store.keepIncoming(
                            new OfferStore.Incoming("in1", peer(3), offer, Path.of("/inbox"), WHEN, Optional.empty())))
                    .isTrue();
            store.fetching("in1", "t-1");

            assertThat(store.keepIncoming(
                            new OfferStore.Incoming("in1", peer(4), offer, Path.of("/else"), WHEN, Optional.empty())))
                    .isFalse();
            assertThat(store.incoming()).singleElement().satisfies(k -> {
                assertThat(k.from()).isEqualTo(peer(3));
                assertThat(k.transfer()).contains("t-1");
            });
        }
    }

    @Test
    void anOutgoingOfferWhoseHashesWereCutShortIsDroppedAndTheOthersStillComeBack() throws Exception {
        IndexedFile a = file("a.bin", 10, ChunkSize.MIN, 1);
        try (OfferStore store = OfferStore.open(dir.resolve("peernet.db"))) {
            for (String id : List.of("bad", "good")) {
                store.keepOutgoing(new OfferStore.Outgoing(
                        id,
                        peer(2),
                        offer("offer:" + id, a),
                        OfferStatus.State.ACCEPTED,
                        WHEN,
                        Map.of("a.bin", Path.of("/a.bin")),
                        List.of(a)));
            }
        }
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("peernet.db"));
                var s = db.createStatement()) {
            s.executeUpdate("UPDATE sent_offer_files SET chunk_hashes = x'0102' WHERE offer = 'bad'");
        }

        try (OfferStore store = OfferStore.open(dir.resolve("peernet.db"))) {
            assertThat(store.outgoing()).extracting(OfferStore.Outgoing::id).containsExactly("good");
            assertThat(store.outgoing()).extracting(OfferStore.Outgoing::id).containsExactly("good");
        }
    }

    private static Offer offer(String share, IndexedFile... files) {
        var b = Offer.newBuilder().setId(ByteString.copyFrom(new byte[16])).setShare(share);
        for (IndexedFile f : files) {
            b.addFiles(OfferedFile.newBuilder()
                    .setPath(f.path())
                    .setSize(f.size())
                    .setMtimeMs(f.mtimeMillis())
                    .setFileHash(ByteString.copyFrom(f.hash().fileHash())));
        }
        return b.build();
    }

    private static IndexedFile file(String path, long size, int chunkSize, int chunks) {
        byte[] hashes = new byte[chunks * ContentHash.HASH_BYTES];
        new Random(path.hashCode()).nextBytes(hashes);
        return new IndexedFile(path, size, 1_700_000_000_000L, ContentHash.fromChunkHashes(chunkSize, hashes));
    }

    private static PeerId peer(long seed) {
        byte[] key = new byte[PeerId.KEY_BYTES];
        new Random(seed).nextBytes(key);
        return PeerId.ofKeyBytes(key);
    }
}
