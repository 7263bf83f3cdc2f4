package dev.peernet.share;

import com.google.protobuf.ByteString;
import dev.peernet.identity.PeerId;
import dev.peernet.session.Stream;
import dev.peernet.share.proto.ChunkHeader;
import dev.peernet.share.proto.EntryPage;
import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.FindPage;
import dev.peernet.share.proto.Hit;
import dev.peernet.share.proto.ShareList;
import dev.peernet.share.proto.ShareResponse;
import dev.peernet.share.proto.ShareSummary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /peernet/share/1} stream being served: read a request, work out its answer from the
 * catalog (or read the chunk), send it, repeat. Working out and sending are apart, so a failure of
 * the index becomes an answer while a failure of the stream ends it.
 */
final class ServingStream {
    private static final Logger log = LoggerFactory.getLogger(ServingStream.class);

    /** Chunk bytes go out in slices of one DATA frame, each taken from the upload limit on its own. */
    private static final int SEND_SLICE = 64 * 1024;

    private final PeerId peer;
    private final ShareCatalog catalog;
    private final UploadLimiter uploads;
    private final MemberLimits limits;
    private final InputStream in;
    private final OutputStream out;
    private final ChunkReader chunks = new ChunkReader();
    private ChunkSource lastSource;
    private List<ServedShare> visible;
    private long visibleVersion = ShareCatalog.UNVERSIONED;

    ServingStream(Stream stream, ShareCatalog catalog, UploadLimiter uploads, MemberLimits limits) {
        this.peer = stream.remotePeer();
        this.catalog = catalog;
        this.uploads = uploads;
        this.limits = limits;
        this.in = new BufferedInputStream(stream.input());
        this.out = stream.output();
    }

    /** The answer to one request, worked out and not yet sent. */
    private sealed interface Answer {
        record Messages(List<ShareResponse> messages) implements Answer {}

        record Chunk(long index, int length) implements Answer {}
    }

    void run() throws IOException {
        byte[] request;
        while ((request = ShareWire.readFrame(in, ShareWire.MAX_REQUEST_BYTES, "a share request")) != null) {
            Request parsed = Request.parse(request);
            if (parsed.browses()) {
                limits.browsing(peer, () -> send(answer(parsed)));
            } else {
                send(answer(parsed));
            }
        }
    }

    private Answer answer(Request request) {
        try {
            return switch (request) {
                case Request.ListShares l -> listShares();
                case Request.ListDir d -> listDir(d);
                case Request.Find f -> find(f);
                case Request.FileInfo i -> fileInfo(i);
                case Request.ReadChunk c -> readChunk(c);
                case Request.Refused r -> throw new RemoteShareException(r.code(), r.sentence());
            };
        } catch (RemoteShareException e) {
            return one(ShareServer.error(e));
        } catch (IOException e) {
            log.warn("Could not answer a share request of {}: {}", peer.shortForm(), e.toString());
            return one(ShareServer.error(new RemoteShareException(
                    Error.Code.UNAVAILABLE, "This node could not read its share index; try again later.")));
        }
    }

    private void send(Answer answer) throws IOException {
        switch (answer) {
            case Answer.Messages m -> {
                for (ShareResponse message : m.messages()) {
                    ShareWire.write(out, message);
                }
            }
            case Answer.Chunk c -> sendChunk(c);
        }
    }

    // ---- browsing ------------------------------------------------------------------------------

    private Answer listShares() throws IOException {
        browse();
        ShareList.Builder list = ShareList.newBuilder();
        for (ServedShare share : visible()) {
            ServedShare.Totals totals = share.totals();
            list.addShares(ShareSummary.newBuilder()
                    .setName(share.name())
                    .setWritable(share.writable())
                    .setFiles(totals.files())
                    .setBytes(totals.bytes()));
        }
        return one(ShareResponse.newBuilder().setShares(list).build());
    }

    private Answer listDir(Request.ListDir d) throws IOException {
        browse();
        ServedShare share = share(d.share());
        List<ServedFile> below = share.filesUnder(d.path());
        limits.read(peer, below.size());
        var entries = d.recursive() ? Listings.tree(d.path(), below) : Listings.children(d.path(), below);
        if (!d.path().isEmpty() && entries.isEmpty()) {
            throw new RemoteShareException(
                    Error.Code.NOT_FOUND,
                    "There is no directory '" + SharePath.printable(d.path()) + "' in share '" + share.name() + "'.");
        }
        List<ShareResponse> pages = new ArrayList<>();
        var cut = Listings.pages(entries);
        for (int i = 0; i < cut.size(); i++) {
            EntryPage page = EntryPage.newBuilder()
                    .addAllEntries(cut.get(i))
                    .setLast(i == cut.size() - 1)
                    .build();
            pages.add(ShareResponse.newBuilder().setEntries(page).build());
        }
        return new Answer.Messages(pages);
    }

    private Answer find(Request.Find f) throws IOException {
        if (f.hash().isEmpty()) {
            browse(); // by content hash it is an index lookup, as cheap as a chunk read's
        }
        Glob glob = Glob.of(f.pattern());
        List<Hit> hits = new ArrayList<>();
        long rows = 0;
        for (ServedShare share : visible()) {
            if (hits.size() == f.limit()) {
                break;
            }
            var files =
                    f.hash().isPresent() ? share.filesWithHash(f.hash().get().bytes()) : share.filesUnder("");
            rows += files.size();
            for (ServedFile file : Listings.carried(files)) {
                if (hits.size() == f.limit()) {
                    break;
                }
                if (glob.matches(file.path())) {
                    hits.add(hit(share, file));
                }
            }
        }
        if (f.hash().isEmpty()) {
            limits.read(peer, rows);
        }
        List<ShareResponse> pages = new ArrayList<>();
        var cut = Listings.pages(hits);
        for (int i = 0; i < cut.size(); i++) {
            FindPage page = FindPage.newBuilder()
                    .addAllHits(cut.get(i))
                    .setLast(i == cut.size() - 1)
                    .build();
            pages.add(ShareResponse.newBuilder().setFound(page).build());
        }
        return new Answer.Messages(pages);
    }

    private static Hit hit(ServedShare share, ServedFile file) {
        return Hit.newBuilder()
                .setShare(share.name())
                .setPath(file.path())
                .setSize(file.size())
                .setMtimeMs(file.mtimeMillis())
                .setFileHash(ByteString.copyFrom(file.fileHash()))
                .build();
    }

    private Answer fileInfo(Request.FileInfo i) throws IOException {
        ServedShare share = share(i.share());
        IndexedFile file = file(share, i.path());
        return one(ShareResponse.newBuilder()
                .setFileInfo(dev.peernet.share.proto.FileInfo.newBuilder()
                        .setPath(file.path())
                        .setSize(file.size())
                        .setMtimeMs(file.mtimeMillis())
                        .setChunkSize(file.hash().chunkSize())
                        .setChunkHashes(ByteString.copyFrom(file.hash().chunkHashes()))
                        .setFileHash(ByteString.copyFrom(file.hash().fileHash())))
                .build());
    }

    /** Takes one browse request from the member's allowance, or refuses it with when to retry. */
    private void browse() throws RemoteShareException {
        long wait = limits.browse(peer);
        if (wait > 0) {
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
            throw new RemoteShareException(
                    Error.Code.RATE_LIMITED,
                    "Too many listings and searches from you (at most " + MemberLimits.BROWSE_PER_SECOND
                            + " a second, fewer of large shares); try again in " + millis + " ms.",
                    millis);
        }
    }

    /**
     * The shares the member may see, kept while the catalog's version is unchanged: a transfer asks
     * a file info per file, and listing the shares costs a query per share each time.
     */
    private List<ServedShare> visible() throws IOException {
        long version = catalog.version();
        if (visible == null || version == ShareCatalog.UNVERSIONED || version != visibleVersion) {
            visible = catalog.visibleTo(peer);
            visibleVersion = version;
        }
        return visible;
    }

    private ServedShare share(String name) throws IOException {
        return visible().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new RemoteShareException(
                        Error.Code.NOT_FOUND, "There is no share named '" + SharePath.printable(name) + "'."));
    }

    private static IndexedFile file(ServedShare share, String path) throws IOException {
        return share.file(path)
                .orElseThrow(() -> new RemoteShareException(
                        Error.Code.NOT_FOUND,
                        "There is no file '" + SharePath.printable(path) + "' in share '" + share.name() + "'."));
    }

    // ---- chunks --------------------------------------------------------------------------------

    /**
     * The share and index entry a chunk is read from, kept for the next chunk while the catalog's
     * version is unchanged: a transfer asks for chunk after chunk of one file, and two index
     * queries per chunk cost as much as sending it. The file itself is still checked at each read.
     */
    private record ChunkSource(long version, String share, String path, ServedShare served, IndexedFile file) {}

    private ChunkSource source(String shareName, String path) throws IOException {
        long version = catalog.version();
        ChunkSource last = lastSource;
        if (last != null
                && version != ShareCatalog.UNVERSIONED
                && last.version() == version
                && last.share().equals(shareName)
                && last.path().equals(path)) {
            return last;
        }
        ServedShare share = share(shareName);
        lastSource = new ChunkSource(version, shareName, path, share, file(share, path));
        return lastSource;
    }

    private Answer readChunk(Request.ReadChunk c) throws IOException {
        ChunkSource source = source(c.share(), c.path());
        ServedShare share = source.served();
        IndexedFile file = source.file();
        if (!c.fileHash().matches(file.hash().fileHash())) {
            throw new RemoteShareException(
                    Error.Code.FILE_CHANGED,
                    "The file '" + SharePath.printable(c.path()) + "' in share '" + share.name()
                            + "' no longer has the content asked for; ask for its file info again.");
        }
        int count = file.hash().chunkCount();
        if (c.index() >= count) {
            throw new RemoteShareException(
                    Error.Code.BAD_REQUEST,
                    "The file '" + SharePath.printable(c.path()) + "' has " + count + " chunks; there is no chunk "
                            + c.index() + ".");
        }
        int length = chunks.read(share, file, c.index());
        share.served(length);
        return new Answer.Chunk(c.index(), length);
    }

    /** Header and bytes from the one buffer, in DATA-frame slices, each within the upload limit. */
    private void sendChunk(Answer.Chunk c) throws IOException {
        byte[] buffer = chunks.buffer();
        ShareResponse header = ShareResponse.newBuilder()
                .setChunk(ChunkHeader.newBuilder().setIndex((int) c.index()).setLength(c.length()))
                .build();
        int from = ShareWire.frameBefore(header, buffer, ShareWire.CHUNK_HEADER_ROOM);
        for (int done = 0; done < c.length(); ) {
            int n = Math.min(SEND_SLICE, c.length() - done);
            uploads.acquire(n);
            int to = ShareWire.CHUNK_HEADER_ROOM + done + n;
            out.write(buffer, from, to - from);
            from = to;
            done += n;
        }
    }

    private static Answer one(ShareResponse message) {
        return new Answer.Messages(List.of(message));
    }
}
