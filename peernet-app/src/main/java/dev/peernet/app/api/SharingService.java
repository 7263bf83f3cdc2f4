package dev.peernet.app.api;

import dev.peernet.identity.PeerId;
import dev.peernet.membership.Member;
import dev.peernet.send.OfferStatus;
import dev.peernet.share.RemoteEntry;
import dev.peernet.share.RemoteShareException;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.SourceStatus;
import dev.peernet.transfer.TransferStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The control API's sharing operations, free of HTTP: browsing and searching members' shares,
 * transfers, and one-shot sends.
 */
final class SharingService {
    /** The slowest member a search waits for. */
    static final Duration FIND_TIMEOUT = Duration.ofSeconds(10);

    /** What an outgoing send's transfer ID starts with, to tell it from a download's. */
    static final String SEND_PREFIX = "send-";

    /** The longest a status request may wait for its transfer to end. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    /** How often a waiting status request looks again, for ends no listener reports (sends). */
    private static final Duration RECHECK = Duration.ofMillis(50);

    private final NodeControl node;
    private final ReentrantLock endsLock = new ReentrantLock();
    private final Condition ended = endsLock.newCondition();
    private final AtomicBoolean listening = new AtomicBoolean();

    SharingService(NodeControl node) {
        this.node = node;
    }

    // ---- browse and search -------------------------------------------------------------------

    List<RemoteShareResponse> remoteShares(String peerRef) {
        PeerId peer = member(peerRef);
        return remote(() -> node.sharing().listShares(peer).stream()
                .map(s -> new RemoteShareResponse(peer.toString(), s.name(), s.writable(), s.files(), s.bytes()))
                .toList());
    }

    List<EntryResponse> remoteEntries(String peerRef, String share, String path) {
        PeerId peer = member(peerRef);
        return remote(() -> node.sharing().listDir(peer, share, path == null ? "" : path, false).stream()
                .map(SharingService::entry)
                .toList());
    }

    private static EntryResponse entry(RemoteEntry e) {
        return new EntryResponse(
                e.path(),
                e.directory() ? "dir" : "file",
                e.size(),
                e.mtimeMillis() == 0
                        ? null
                        : Instant.ofEpochMilli(e.mtimeMillis()).toString(),
                e.fileHash().map(h -> HexFormat.of().formatHex(h)).orElse(null));
    }

    /** Hands each hit to {@code hits} as members answer. */
    void find(String pattern, String hashHex, Consumer<HitResponse> hits) {
        Optional<byte[]> hash =
                Optional.ofNullable(hashHex).filter(h -> !h.isEmpty()).map(SharingService::hash);
        Map<PeerId, String> names = names();
        node.sharing()
                .find(
                        pattern == null ? "" : pattern,
                        hash,
                        hit -> hits.accept(new HitResponse(
                                hit.location().peer().toString(),
                                names.getOrDefault(hit.location().peer(), ""),
                                hit.location().share(),
                                hit.location().path(),
                                hit.size(),
                                Instant.ofEpochMilli(hit.mtimeMillis()).toString(),
                                HexFormat.of().formatHex(hit.fileHash()))),
                        FIND_TIMEOUT);
    }

    private static byte[] hash(String hex) {
        try {
            byte[] h = HexFormat.of().parseHex(hex);
            if (h.length == 32) {
                return h;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new ApiProblem(ApiProblem.BAD_REQUEST, "A content hash is 64 hex digits, not '" + hex + "'.");
    }

    // ---- transfers ---------------------------------------------------------------------------

    TransferResponse get(GetRequest request) {
        PeerId peer = member(required(request.peer(), "a 'peer': the member to fetch from"));
        String share = required(request.share(), "a 'share': the share to fetch from");
        Path dest = path(required(request.dest(), "a 'dest': where to put it"));
        Location from = new Location(peer, share, request.path() == null ? "" : request.path());
        return remote(() -> transfer(node.transfers().fetch(from, dest)));
    }

    List<TransferResponse> transfers() {
        List<TransferResponse> out = new ArrayList<>();
        remote(() -> node.transfers().list()).forEach(t -> out.add(transfer(t)));
        node.sends().list().stream().filter(o -> !o.incoming()).forEach(o -> out.add(send(o)));
        return out;
    }

    /**
     * A transfer's state once it has ended, or after {@code wait} (at most {@link #LONGEST_WAIT})
     * if it is still running: a command following a transfer hears of its end at once instead of
     * at its next poll.
     */
    TransferResponse transfer(String id, Duration wait) throws InterruptedException {
        long left = Math.min(wait.toNanos(), LONGEST_WAIT.toNanos());
        if (left > 0 && listening.compareAndSet(false, true)) {
            node.transfers().onFinished(t -> signalEnd());
        }
        while (true) {
            TransferResponse now = transfer(id);
            if (now.finishedOrFailed() || left <= 0) {
                return now;
            }
            endsLock.lock();
            try {
                long slice = Math.min(left, RECHECK.toNanos());
                left -= slice - ended.awaitNanos(slice);
            } finally {
                endsLock.unlock();
            }
        }
    }

    private void signalEnd() {
        endsLock.lock();
        try {
            ended.signalAll();
        } finally {
            endsLock.unlock();
        }
    }

    TransferResponse transfer(String id) {
        if (id.startsWith(SEND_PREFIX)) {
            return node.sends().list().stream()
                    .filter(o -> !o.incoming() && id.equals(SEND_PREFIX + o.id()))
                    .findFirst()
                    .map(this::send)
                    .orElseThrow(() -> noTransfer(id));
        }
        return remote(() -> node.transfers().status(id)).map(this::transfer).orElseThrow(() -> noTransfer(id));
    }

    TransferResponse cancel(String id) {
        if (!remote(() -> node.transfers().cancel(id))) {
            throw noTransfer(id);
        }
        return transfer(id);
    }

    private static ApiProblem noTransfer(String id) {
        return new ApiProblem(ApiProblem.NOT_FOUND, "There is no transfer " + id + "; 'peernet transfers' lists them.");
    }

    private TransferResponse transfer(TransferStatus t) {
        Map<PeerId, String> names = names();
        return new TransferResponse(
                t.id(),
                named(t.label(), names),
                t.direction().name().toLowerCase(Locale.ROOT),
                t.state().name().toLowerCase(Locale.ROOT),
                t.bytesDone(),
                t.bytesTotal(),
                t.filesDone(),
                t.filesTotal(),
                t.bytesPerSecond(),
                t.eta().map(Duration::toSeconds).orElse(null),
                t.sources().stream().map(s -> source(s, names)).toList(),
                t.errors().stream().map(e -> e.message()).toList(),
                t.started().toString(),
                t.finished().map(Instant::toString).orElse(null),
                t.destination().toString(),
                t.message().orElse(null));
    }

    /** The engine labels a fetch {@code SHORTID:share/path}; people know members by name. */
    private static String named(String label, Map<PeerId, String> names) {
        for (var member : names.entrySet()) {
            String prefix = member.getKey().shortForm() + ":";
            if (label.startsWith(prefix) && !member.getValue().isEmpty()) {
                return member.getValue() + ":" + label.substring(prefix.length());
            }
        }
        return label;
    }

    private static TransferResponse.SourceResponse source(SourceStatus s, Map<PeerId, String> names) {
        return new TransferResponse.SourceResponse(
                s.peer().toString(),
                names.getOrDefault(s.peer(), ""),
                s.bytes(),
                s.state().name().toLowerCase(Locale.ROOT),
                s.reason().orElse(null));
    }

    /** An outgoing send as a transfer: the chunk bytes its offer share served. */
    private TransferResponse send(OfferStatus o) {
        String name = names().getOrDefault(o.peer(), o.peer().shortForm());
        String state = switch (o.state()) {
            case PREPARING, PENDING -> "queued";
            case ACCEPTED -> "running";
            case COMPLETE -> "complete";
            case REFUSED, DECLINED, FAILED -> "failed";
        };
        long done = o.state() == OfferStatus.State.COMPLETE ? o.bytes() : Math.min(o.bytesServed(), o.bytes());
        return new TransferResponse(
                SEND_PREFIX + o.id(),
                "send "
                        + (o.files().size() == 1
                                ? o.files().getFirst().path()
                                : o.files().size() + " files"),
                "send",
                state,
                done,
                o.bytes(),
                o.state() == OfferStatus.State.COMPLETE ? o.files().size() : 0,
                o.files().size(),
                0,
                null,
                List.of(),
                List.of(),
                o.created().toString(),
                o.finished().map(Instant::toString).orElse(null),
                name,
                o.message().orElse(null));
    }

    // ---- sends -------------------------------------------------------------------------------

    OfferResponse send(SendRequest request) {
        PeerId peer = member(required(request.peer(), "a 'peer': the member to send to"));
        if (request.paths() == null || request.paths().isEmpty()) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "The request needs 'paths': the files or folders to send.");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (String p : request.paths()) {
            collect(path(p), files);
        }
        if (files.isEmpty()) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "There are no files to send in " + request.paths() + ".");
        }
        OfferStatus offer = node.sends()
                .send(
                        peer,
                        files,
                        Optional.ofNullable(request.share()).filter(s -> !s.isEmpty()),
                        request.path() == null ? "" : request.path());
        return offer(offer);
    }

    /** A file under its own name; a folder's files under the folder's name, links not followed. */
    private static void collect(Path path, Map<String, Path> files) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "There is nothing at " + path + " to send.");
        }
        String top = path.getFileName() == null ? "root" : path.getFileName().toString();
        if (!Files.isDirectory(path)) {
            files.put(unique(top, files), path);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .forEach(p -> files.put(
                            top + "/"
                                    + path.relativize(p)
                                            .toString()
                                            .replace(p.getFileSystem().getSeparator(), "/"),
                            p));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "Cannot read the folder " + path + ": " + Sentences.of(e));
        }
    }

    private static String unique(String name, Map<String, Path> taken) {
        String candidate = name;
        for (int i = 1; taken.containsKey(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    List<OfferResponse> offers() {
        return node.sends().list().stream().map(this::offer).toList();
    }

    OfferResponse accept(OfferDecisionRequest request) {
        String id = required(request.id(), "an 'id': the offer's ID");
        return remote(() -> offer(node.sends().accept(id)));
    }

    OfferResponse decline(OfferDecisionRequest request) {
        String id = required(request.id(), "an 'id': the offer's ID");
        return remote(() -> offer(node.sends().decline(id)));
    }

    private OfferResponse offer(OfferStatus o) {
        return new OfferResponse(
                o.id(),
                o.incoming() ? "incoming" : "outgoing",
                o.peer().toString(),
                names().getOrDefault(o.peer(), ""),
                o.files().stream().map(OfferStatus.File::path).toList(),
                o.bytes(),
                o.state().name().toLowerCase(Locale.ROOT),
                o.message().orElse(null),
                o.incoming() ? o.transferId().orElse(null) : SEND_PREFIX + o.id());
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Map<PeerId, String> names() {
        Map<PeerId, String> names = new java.util.HashMap<>();
        for (Member m : node.network().members()) {
            names.put(m.id(), m.name());
        }
        return names;
    }

    private PeerId member(String ref) {
        try {
            return node.resolveMember(ref);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ApiProblem.NOT_FOUND, Sentences.of(e));
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "The request needs " + what + ".");
        }
        return value;
    }

    private static Path path(String text) {
        try {
            Path p = Path.of(text);
            if (!p.isAbsolute()) {
                throw new ApiProblem(ApiProblem.BAD_REQUEST, "The path '" + text + "' is not absolute.");
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new ApiProblem(ApiProblem.BAD_REQUEST, "The path '" + text + "' is not a valid path.");
        }
    }

    /** A call to another member, whose refusals and failures become one sentence with a status. */
    private interface RemoteCall<T> {
        T apply() throws IOException;
    }

    private static <T> T remote(RemoteCall<T> call) {
        try {
            return call.apply();
        } catch (RemoteShareException e) {
            int status = switch (e.code()) {
                case NOT_FOUND -> ApiProblem.NOT_FOUND;
                case READ_ONLY, REFUSED -> ApiProblem.FORBIDDEN;
                case BAD_PATH, BAD_REQUEST -> ApiProblem.BAD_REQUEST;
                default -> ApiProblem.BAD_GATEWAY;
            };
            throw new ApiProblem(status, Sentences.of(e));
        } catch (IOException e) {
            throw new ApiProblem(ApiProblem.BAD_GATEWAY, Sentences.of(e));
        }
    }
}
