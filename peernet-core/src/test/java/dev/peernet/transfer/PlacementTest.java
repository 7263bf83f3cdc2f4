package dev.peernet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.share.ContentHash;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a transfer shows while the part file an earlier fetch left is checked at its start. */
class PlacementTest {
    private static final int CHUNK = 256 * 1024;
    private static final String NOTE = "Checking the part of big.bin that an earlier fetch left.";

    @TempDir
    Path dir;

    private Ledger ledger;
    private TransferStore store;
    private Placement placement;
    private FileTask f;

    @BeforeEach
    void open() throws Exception {
        ledger = new Ledger(dir.resolve("got"), TransferOptions.defaults());
        store = TransferStore.open(dir.resolve("transfers.db"));
        placement = new Placement(ledger, store, "t1", TransferOptions.defaults());
        f = threeChunkFile();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void whileAPartFileIsCheckedTheTransferSaysSoAndCountsEachGoodChunkOnceAsItIsFound() {
        placement.checking(f);
        assertThat(ledger.message).hasValue(NOTE);
        assertThat(ledger.bytesDone).isZero();
        placement.checked(CHUNK);
        assertThat(ledger.bytesDone).isEqualTo(CHUNK);
        placement.checked(CHUNK);
        assertThat(ledger.bytesDone).isEqualTo(2L * CHUNK);

        placement.resumed(f, chunks(0, 2));
        assertThat(ledger.bytesDone).isEqualTo(2L * CHUNK);
        assertThat(ledger.message).isEmpty();
    }

    @Test
    void aCheckThatFailsTakesBackWhatItCountedAndItsNote() {
        ledger.bytesDone = 7; // another file's bytes, found earlier

        placement.checking(f);
        placement.checked(CHUNK);
        placement.checkFailed(f);

        assertThat(ledger.bytesDone).isEqualTo(7);
        assertThat(ledger.message).isEmpty();
    }

    @Test
    void aNoteThatIsNotTheChecksStaysWhenTheCheckEnds() {
        placement.checking(f);
        ledger.message = Optional.of("The disk holding got is full.");
        placement.resumed(f, new BitSet());

        assertThat(ledger.message).hasValue("The disk holding got is full.");
    }

    private FileTask threeChunkFile() {
        byte[] hashes = new byte[3 * 32];
        ContentHash hash = ContentHash.fromChunkHashes(CHUNK, hashes);
        RemoteFile remote =
                new RemoteFile(new Location(FakeChunkNetwork.peer(1), "music", "big.bin"), 3L * CHUNK, 0, hash);
        return new FileTask(0, remote, dir.resolve("got/big.bin"));
    }

    private static BitSet chunks(int from, int to) {
        BitSet set = new BitSet();
        set.set(from, to);
        return set;
    }
}
