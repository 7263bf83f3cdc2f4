package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.liveness.MemberState;
import dev.peernet.share.FoundFile;
import dev.peernet.share.OfferShares;
import dev.peernet.share.RemoteEntry;
import dev.peernet.share.RemoteShare;
import dev.peernet.share.ShareCatalog;
import dev.peernet.share.ShareClient;
import dev.peernet.share.SharePath;
import dev.peernet.share.ShareServer;
import dev.peernet.share.UploadLimiter;
import dev.peernet.transfer.ChunkNetwork;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.RemoteFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The shares of the network as this node reaches them: browsing and searching other members'
 * shares over {@value ShareServer#PROTOCOL}, and the transfer engine's view of the network
 * ({@link ChunkNetwork}). Members that are not connected are dialled at the addresses they
 * announced. Also where this node's own serving is tuned: its upload limit and its offers.
 */
public final class NetworkShares implements ChunkNetwork {
    private final Node node;
    private final ShareServer server;
    private final ShareCatalog catalog;
    private final OfferShares offers;

    NetworkShares(Node node, ShareServer server, ShareCatalog catalog, OfferShares offers) {
        this.node = node;
        this.server = server;
        this.catalog = catalog;
        this.offers = offers;
    }

    /**
     * What the members asked answered and who did not answer.
     *
     * @param answered the members that answered in full, in the order they did
     * @param failed the others, each with why in one sentence
     */
    public record Answers(List<PeerId> answered, Map<PeerId, String> failed) {
        public Answers {
            answered = List.copyOf(answered);
            failed = Map.copyOf(failed);
        }
    }

    @Override
    public PeerId self() {
        return node.id();
    }

    /** This node's upload limit for the chunks it serves, shared by every upload; 0 bytes/s is none. */
    public UploadLimiter uploadLimit() {
        return server.uploads();
    }

    /** This node's one-shot offers, served beside its shared folders. */
    public OfferShares offers() {
        return offers;
    }

    /** Everything this node serves, with who may see it and whether it is writable. */
    public ShareCatalog catalog() {
        return catalog;
    }

    // ---- one member ----------------------------------------------------------------------------

    /** The shares {@code peer} lets this node see. */
    public List<RemoteShare> listShares(PeerId peer) throws IOException {
        try (ShareClient client = open(peer)) {
            return client.listShares();
        }
    }

    /** The directory {@code path} ("" for the root) of {@code peer}'s share {@code share}. */
    public List<RemoteEntry> listDir(PeerId peer, String share, String path, boolean recursive) throws IOException {
        try (ShareClient client = open(peer)) {
            return client.listDir(share, path, recursive);
        }
    }

    @Override
    public RemoteFile describe(Location location) throws IOException {
        try (ShareClient client = open(location.peer())) {
            return client.fileInfo(location.share(), location.path());
        }
    }

    @Override
    public List<RemoteFile> describeTree(Location location) throws IOException {
        try (ShareClient client = open(location.peer())) {
            List<String> files = new ArrayList<>();
            for (RemoteEntry e : client.listDir(location.share(), location.path(), true)) {
                if (!e.directory()) {
                    files.add(SharePath.join(location.path(), e.path()));
                }
            }
            return client.fileInfos(location.share(), files);
        }
    }

    @Override
    public ShareClient open(PeerId peer) throws IOException {
        if (peer.equals(node.id())) {
            throw new IllegalArgumentException("This node does not fetch from itself.");
        }
        if (!node.network().isMember(peer)) {
            throw new IOException("Peer " + peer.shortForm() + " is not a member of this network.");
        }
        MemberDialer.connect(node, peer, MemberDialer.knownAddresses(node, peer));
        return new ShareClient(node.openStream(peer, ShareServer.PROTOCOL));
    }

    // ---- every member --------------------------------------------------------------------------

    /**
     * Searches every online member's shares at once: paths matching {@code pattern} (a
     * case-insensitive glob, or a substring) and, if given, with content hash {@code fileHash}.
     * Hands each hit to {@code hits} as it arrives, one call at a time, and none after this returns.
     *
     * @param timeout how long to wait for the slowest member
     */
    public Answers find(String pattern, Optional<byte[]> fileHash, Consumer<FoundFile> hits, Duration timeout) {
        return askEach(
                timeout,
                (client, open) -> client.find(pattern, fileHash, 0, hit -> open.deliver(() -> hits.accept(hit))));
    }

    @Override
    public List<Location> locate(byte[] fileHash, Duration timeout) {
        List<Location> found = new ArrayList<>();
        askEach(timeout, (client, open) -> {
            List<Location> mine = new ArrayList<>();
            client.find("", Optional.of(fileHash), 0, hit -> mine.add(hit.location()));
            open.deliver(() -> found.addAll(mine)); // a member's locations count once it answered in full
        });
        return List.copyOf(found); // the round is over: no delivery adds to it any more
    }

    /**
     * The members worth asking: every other member of the network that is connected or that the
     * failure detector holds alive or suspect.
     */
    public List<PeerId> onlineMembers() {
        Set<PeerId> online = new LinkedHashSet<>();
        node.peers().forEach(p -> online.add(p.id()));
        node.view().stream()
                .filter(m -> m.state() == MemberState.ALIVE || m.state() == MemberState.SUSPECT)
                .forEach(m -> online.add(m.id()));
        online.remove(node.id());
        online.removeIf(p -> !node.network().isMember(p));
        return List.copyOf(online);
    }

    @FunctionalInterface
    private interface Ask {
        void ask(ShareClient client, Round round) throws IOException;
    }

    /** One round of asking every member: delivers results only until it is over. */
    private static final class Round {
        private boolean over;

        synchronized void deliver(Runnable result) {
            if (!over) {
                result.run();
            }
        }

        synchronized void end() {
            over = true;
        }

        synchronized boolean isOver() {
            return over;
        }
    }

    private Answers askEach(Duration timeout, Ask ask) {
        List<PeerId> members = onlineMembers();
        Round round = new Round();
        List<PeerId> answered = new ArrayList<>();
        Map<PeerId, String> failed = new ConcurrentHashMap<>();
        Set<ShareClient> clients = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(members.size());
        for (PeerId member : members) {
            Thread.ofVirtual().name("peernet-share-ask-" + member.shortForm()).start(() -> {
                try {
                    askOne(member, ask, round, clients);
                    round.deliver(() -> answered.add(member));
                } catch (IOException | RuntimeException e) {
                    failed.put(member, String.valueOf(e.getMessage()));
                } finally {
                    done.countDown();
                }
            });
        }
        awaitQuietly(done, timeout);
        round.end();
        clients.forEach(ShareClient::close); // unblocks the late ones
        Map<PeerId, String> result = new java.util.HashMap<>(failed);
        synchronized (round) {
            for (PeerId member : members) {
                if (!answered.contains(member)) {
                    result.putIfAbsent(
                            member,
                            "Member " + member.shortForm() + " did not answer within " + timeout.toMillis() + " ms.");
                }
            }
            return new Answers(answered, result);
        }
    }

    private void askOne(PeerId member, Ask ask, Round round, Set<ShareClient> clients) throws IOException {
        try (ShareClient client = open(member)) {
            clients.add(client);
            try {
                if (!round.isOver()) {
                    ask.ask(client, round);
                }
            } finally {
                clients.remove(client);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch done, Duration timeout) {
        try {
            var unused = done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
