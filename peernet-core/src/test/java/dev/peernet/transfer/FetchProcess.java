package dev.peernet.transfer;

import java.nio.file.Path;

/**
 * A process that fetches {@code big.bin} from a rate-capped fake member and prints its progress
 * until it is killed: {@link KillResumeTest} kills it with SIGKILL mid-way.
 *
 * <p>Arguments: the transfers database, the member's shared folder, the destination, bytes/s.
 */
final class FetchProcess {
    private FetchProcess() {}

    public static void main(String[] args) throws Exception {
        FakeChunkNetwork network = new FakeChunkNetwork();
        FakeMember alpha = network.member(1, "music", Path.of(args[1])).rateCap(Long.parseLong(args[3]));
        Transfers transfers = Transfers.open(Path.of(args[0]), network, TransferOptions.defaults());
        String id = transfers
                .fetch(new Location(alpha.id(), "music", "big.bin"), Path.of(args[2]))
                .id();
        for (int i = 0; i < 6000; i++) { // at most a minute, if nobody kills it
            System.out.println("done " + transfers.status(id).orElseThrow().bytesDone());
            Thread.sleep(10);
        }
        transfers.close();
    }
}
