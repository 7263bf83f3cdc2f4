package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.send.SendPorts;
import dev.peernet.session.Stream;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.Share;
import dev.peernet.share.SharePath;
import dev.peernet.share.proto.Error;
import dev.peernet.storage.IoReason;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.RemoteFile;
import dev.peernet.transfer.TransferState;
import dev.peernet.transfer.TransferStatus;
import dev.peernet.transfer.Transfers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One-shot send's ports, wired to this node's offer shares, transfer engine, dialler and shares. */
final class SendWiring implements SendPorts.Host, SendPorts.Fetcher, SendPorts.Dialer, SendPorts.Targets {
    private static final Logger log = LoggerFactory.getLogger(SendWiring.class);
    private final Node node;
    private final NetworkShares sharing;
    private final Transfers transfers;
    private final Map<String, SendPorts.Done> waiting = new ConcurrentHashMap<>();

    SendWiring(Node node, NetworkShares sharing, Transfers transfers) {
        this.node = node;
        this.sharing = sharing;
        this.transfers = transfers;
        transfers.onFinished(this::finished);
    }

    // ---- Host --------------------------------------------------------------------------------

    @Override
    public SendPorts.Hosted host(PeerId viewer, Map<String, Path> files) throws IOException {
        String share;
        try {
            share = sharing.offers().register(viewer, files);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new SendPorts.Hosted(
                share, sharing.offers().files(share), sharing.offers().paths(share));
    }

    @Override
    public SendPorts.Hosted restore(
            String share, PeerId viewer, Map<String, Path> paths, List<dev.peernet.share.IndexedFile> files)
            throws IOException {
        try {
            sharing.offers().restore(share, viewer, paths, files);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new SendPorts.Hosted(
                share, sharing.offers().files(share), sharing.offers().paths(share));
    }

    @Override
    public void unhost(String share) {
        sharing.offers().unregister(share);
    }

    @Override
    public long bytesServed(String share) {
        return sharing.offers().bytesServed(share);
    }

    @Override
    public void onFirstServed(java.util.function.Consumer<String> listener) {
        sharing.offers().onFirstServed(listener);
    }

    // ---- Fetcher -----------------------------------------------------------------------------

    @Override
    public String fetch(
            String label,
            PeerId from,
            String share,
            List<SendPorts.IndexedFileRef> files,
            Path destDir,
            SendPorts.Done whenDone)
            throws IOException {
        List<RemoteFile> described = new ArrayList<>();
        for (SendPorts.IndexedFileRef f : files) {
            RemoteFile remote = sharing.describe(new Location(from, share, f.path()));
            if (!Arrays.equals(remote.hash().fileHash(), f.fileHash())) {
                throw new IOException("The sender serves '" + f.path() + "' with other content than it offered.");
            }
            described.add(remote);
        }
        Files.createDirectories(destDir);
        // One at a time from choosing the names on, so that two offers of one name get two names.
        synchronized (this) { // and so that the engine's "finished" waits until we listen for it
            Map<String, String> tops = freeNames(destDir, files);
            TransferStatus started = transfers.fetch(label, described, destDir, path -> placed(path, tops));
            waiting.put(started.id(), whenDone);
            if (started.state().isFinal()) {
                finished(started);
            }
            return started.id();
        }
    }

    @Override
    public synchronized void watch(String id, SendPorts.Done whenDone) throws IOException {
        Optional<TransferStatus> now = transfers.status(id);
        if (now.isEmpty()) {
            whenDone.finished(false, Optional.of("Its transfer is no longer known to the receiver."));
        } else if (now.get().state().isFinal()) {
            whenDone.finished(
                    now.get().state() == TransferState.COMPLETE, now.get().message());
        } else {
            waiting.put(id, whenDone);
        }
    }

    /**
     * Each top-level name of the offer, renamed {@code name (1).ext} … where the directory has one,
     * or another transfer (an earlier offer of the same name, say) is still fetching into it.
     */
    private Map<String, String> freeNames(Path dir, List<SendPorts.IndexedFileRef> files) throws IOException {
        Set<String> tops = new HashSet<>();
        files.forEach(f -> tops.add(SharePath.names(f.path()).getFirst()));
        Path base = dir.toAbsolutePath().normalize();
        Set<String> fetching = new HashSet<>();
        for (Path place : transfers.placesBeingWritten()) {
            if (place.startsWith(base) && !place.equals(base)) {
                fetching.add(base.relativize(place).getName(0).toString());
            }
        }
        Map<String, String> out = new HashMap<>();
        for (String top : tops) {
            String name = top;
            for (int i = 1; Files.exists(dir.resolve(name)) || fetching.contains(name); i++) {
                name = numbered(top, i);
            }
            out.put(top, name);
        }
        return out;
    }

    static String numbered(String name, int i) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + i + ")" + name.substring(dot) : name + " (" + i + ")";
    }

    private static String placed(String path, Map<String, String> tops) {
        List<String> names = SharePath.names(path);
        String top = tops.getOrDefault(names.getFirst(), names.getFirst());
        return names.size() == 1 ? top : top + path.substring(names.getFirst().length());
    }

    private synchronized void finished(TransferStatus status) {
        SendPorts.Done done = waiting.remove(status.id());
        if (done != null) {
            done.finished(status.state() == TransferState.COMPLETE, status.message());
        }
    }

    // ---- Dialer ------------------------------------------------------------------------------

    @Override
    public Stream open(PeerId peer, String protocol) throws IOException {
        MemberDialer.connect(node, peer, MemberDialer.knownAddresses(node, peer));
        return node.openStream(peer, protocol);
    }

    @Override
    public boolean isConnected(PeerId peer) {
        return node.session(peer).isPresent();
    }

    // ---- Targets -----------------------------------------------------------------------------

    @Override
    public Path writableDirectory(PeerId sender, String shareName, String path) throws IOException {
        Optional<Share> share = node.shares().list().stream()
                .map(s -> s.share())
                .filter(s -> s.name().equals(shareName) && s.visibleTo(sender))
                .findFirst();
        if (share.isEmpty()) {
            throw new RemoteShareException(Error.Code.NOT_FOUND, "There is no share named '" + shareName + "'.");
        }
        if (!share.get().writable()) {
            throw new RemoteShareException(
                    Error.Code.READ_ONLY, "The share '" + shareName + "' is read-only; nothing was written.");
        }
        Optional<String> problem = SharePath.problem(path);
        if (problem.isPresent()) {
            throw new RemoteShareException(Error.Code.BAD_PATH, problem.get());
        }
        Path root = share.get().root();
        Path state = realState();
        try {
            if (!root.toRealPath().equals(root)) {
                throw new RemoteShareException(
                        Error.Code.UNAVAILABLE,
                        "The share '" + shareName + "' cannot be written to now: its folder leads elsewhere.");
            }
            Path dir = root;
            for (String name : path.isEmpty() ? List.<String>of() : SharePath.names(path)) {
                Path next = dir.resolve(name);
                if (!Files.exists(next, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    refuseState(next.getParent(), root, state, sender, shareName, path);
                    Files.createDirectory(next);
                    dir = next;
                } else {
                    Path real = next.toRealPath();
                    if (!real.startsWith(root) || !Files.isDirectory(real)) {
                        throw new RemoteShareException(
                                Error.Code.BAD_PATH,
                                "'" + path + "' in share '" + shareName + "' is not a directory inside the share.");
                    }
                    refuseState(real, root, state, sender, shareName, path);
                    dir = real;
                }
            }
            return dir;
        } catch (RemoteShareException e) {
            throw e;
        } catch (IOException e) {
            // The JDK's message is often the path on this machine alone: the member gets the reason.
            throw new RemoteShareException(
                    Error.Code.UNAVAILABLE,
                    "This node could not make '" + path + "' in share '" + shareName + "': " + IoReason.of(e) + ".");
        }
    }

    /** The node's state directory as its real path (a writable share may hold it, as a home folder does). */
    private Path realState() throws IOException {
        Path state = node.config().stateDir().toAbsolutePath().normalize();
        return Files.exists(state) ? state.toRealPath() : state;
    }

    /**
     * Refuses a directory in the node's state directory, which holds its private key and its
     * records: a member writes there through no share. Told as a directory that is not there, as a
     * read of the state directory is, so the member learns nothing of it.
     */
    private static void refuseState(Path dir, Path root, Path state, PeerId sender, String shareName, String path)
            throws IOException {
        if (inState(dir, root, state)) {
            log.warn(
                    "Share {}: refused {}'s send into {}, which is in the node's own state directory.",
                    shareName,
                    sender.shortForm(),
                    path);
            throw new RemoteShareException(
                    Error.Code.NOT_FOUND, "There is no folder '" + path + "' in share '" + shareName + "'.");
        }
    }

    /**
     * Whether {@code dir} (which exists) is the state directory or inside it: by name, and by
     * identity for each folder from {@code dir} up to the share's root, so that a folder that names
     * it in other letters (a case-blind file system) or another mount of it counts too.
     */
    private static boolean inState(Path dir, Path root, Path state) throws IOException {
        if (dir.startsWith(state)) {
            return true;
        }
        if (!Files.exists(state)) {
            return false;
        }
        for (Path p = dir; p != null && p.startsWith(root); p = p.getParent()) {
            if (Files.isSameFile(p, state)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void written(String share) {
        try {
            var unused = node.shares().rescan(share);
        } catch (IOException | dev.peernet.share.ShareException e) {
            // the next scan or the watcher catches up
        }
    }
}
