package dev.peernet.share;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.peernet.identity.PeerId;
import dev.peernet.session.Stream;
import dev.peernet.share.proto.Entry;
import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.Find;
import dev.peernet.share.proto.GetFileInfo;
import dev.peernet.share.proto.Hit;
import dev.peernet.share.proto.ListDir;
import dev.peernet.share.proto.ListShares;
import dev.peernet.share.proto.ReadChunk;
import dev.peernet.share.proto.ShareRequest;
import dev.peernet.share.proto.ShareResponse;
import dev.peernet.share.proto.ShareSummary;
import dev.peernet.transfer.ChunkChannel;
import dev.peernet.transfer.Location;
import dev.peernet.transfer.RemoteFile;
import dev.peernet.wire.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The client side of {@code /peernet/share/1} on one stream: browsing, searching and file infos,
 * each sent and answered in turn, and chunk reads pipelined ({@link ChunkChannel}). Everything a
 * member sends back is checked before a caller sees it: paths by {@link SharePath}, chunk hashes
 * against the file hash; a member breaking the protocol gets a clear {@link IOException} and the
 * stream is reset.
 *
 * <p>One thread may {@link #request} while another {@link #receive}s, even one that calls ahead of
 * the request whose answer it will read (it waits for that answer). Browsing is refused while chunk
 * answers are outstanding, since its answers would come after theirs.
 */
public final class ShareClient implements ChunkChannel {
    private final Stream stream;
    private final PeerId peer;
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    private final ReentrantLock reading = new ReentrantLock();
    private final Queue<Long> requested = new ConcurrentLinkedQueue<>();
    private volatile IOException broken;

    public ShareClient(Stream stream) {
        this.stream = stream;
        this.peer = stream.remotePeer();
        this.in = new BufferedInputStream(stream.input());
        this.out = stream.output();
    }

    @Override
    public PeerId peer() {
        return peer;
    }

    // ---- browsing ------------------------------------------------------------------------------

    /** The shares the member lets this node see. */
    public List<RemoteShare> listShares() throws IOException {
        return exchange(request(b -> b.setListShares(ListShares.getDefaultInstance())), () -> {
            ShareResponse r = expect(next(), ShareResponse.KindCase.SHARES);
            List<RemoteShare> out = new ArrayList<>();
            for (ShareSummary s : r.getShares().getSharesList()) {
                checkShareName(s.getName());
                out.add(new RemoteShare(s.getName(), s.getWritable(), unsigned(s.getFiles()), unsigned(s.getBytes())));
            }
            return out;
        });
    }

    /**
     * The entries of directory {@code path} ("" for the root) of {@code share}, every page joined;
     * with {@code recursive}, every file and directory below it, with paths relative to it.
     */
    public List<RemoteEntry> listDir(String share, String path, boolean recursive) throws IOException {
        var request = request(b ->
                b.setListDir(ListDir.newBuilder().setShare(share).setPath(path).setRecursive(recursive)));
        return exchange(request, () -> {
            List<RemoteEntry> entries = new ArrayList<>();
            boolean last = false;
            while (!last) {
                var page = expect(next(), ShareResponse.KindCase.ENTRIES).getEntries();
                for (Entry e : page.getEntriesList()) {
                    entries.add(entry(e, recursive));
                }
                last = page.getLast();
            }
            return entries;
        });
    }

    /**
     * Searches the member's shares: paths matching {@code pattern} (a case-insensitive glob, or a
     * substring; "" for all) and, if given, with content hash {@code fileHash}. Hands each hit to
     * {@code hits} as its page arrives and returns how many there were.
     *
     * @param limit at most this many hits; 0 for the member's own limit (1 000)
     */
    public int find(String pattern, Optional<byte[]> fileHash, int limit, Consumer<FoundFile> hits) throws IOException {
        var find = Find.newBuilder().setPattern(pattern).setLimit(limit);
        fileHash.ifPresent(h -> find.setFileHash(ByteString.copyFrom(h)));
        return exchange(request(b -> b.setFind(find)), () -> {
            int count = 0;
            boolean last = false;
            while (!last) {
                var page = expect(next(), ShareResponse.KindCase.FOUND).getFound();
                for (Hit h : page.getHitsList()) {
                    hits.accept(hit(h));
                    count++;
                }
                last = page.getLast();
            }
            return count;
        });
    }

    /** The file at {@code path} of {@code share} with its chunk hashes, checked against its file hash. */
    public RemoteFile fileInfo(String share, String path) throws IOException {
        return exchange(fileInfoRequest(share, path), () -> fileInfoAnswer(share, path));
    }

    /**
     * The files at {@code paths} of {@code share}, their requests pipelined (a writer sends them all
     * while this thread reads the answers). Files the member no longer has ({@code NOT_FOUND}) are
     * left out; any other refusal is thrown once every answer is read, so the stream stays usable.
     */
    public List<RemoteFile> fileInfos(String share, List<String> paths) throws IOException {
        lockBoth();
        try {
            requireNoChunksOutstanding();
            Thread writer = Thread.ofVirtual().name("peernet-share-infos").start(() -> {
                try {
                    for (String path : paths) {
                        ShareWire.write(out, fileInfoRequest(share, path));
                    }
                } catch (IOException e) {
                    // the reader fails too, on the same stream
                }
            });
            try {
                return fileInfoAnswers(share, paths);
            } finally {
                joinQuietly(writer);
            }
        } finally {
            unlockBoth();
        }
    }

    private List<RemoteFile> fileInfoAnswers(String share, List<String> paths) throws IOException {
        List<RemoteFile> files = new ArrayList<>();
        RemoteShareException refused = null;
        for (String path : paths) {
            try {
                files.add(fileInfoAnswer(share, path));
            } catch (RemoteShareException e) {
                if (e.code() != Error.Code.NOT_FOUND && refused == null) {
                    refused = e;
                }
            }
        }
        if (refused != null) {
            throw refused;
        }
        return files;
    }

    private static ShareRequest fileInfoRequest(String share, String path) {
        return request(
                b -> b.setFileInfo(GetFileInfo.newBuilder().setShare(share).setPath(path)));
    }

    private RemoteFile fileInfoAnswer(String share, String path) throws IOException {
        var info = expect(next(), ShareResponse.KindCase.FILE_INFO).getFileInfo();
        return RemoteFiles.check(new Location(peer, share, path), info, this::fail);
    }

    // ---- chunks (ChunkChannel) -----------------------------------------------------------------

    @Override
    public void request(Location location, byte[] fileHash, int index) throws IOException {
        writing.lock();
        try {
            checkUsable();
            requested.add(Integer.toUnsignedLong(index));
            send(request(b -> b.setReadChunk(ReadChunk.newBuilder()
                    .setShare(location.share())
                    .setPath(location.path())
                    .setFileHash(ByteString.copyFrom(fileHash))
                    .setIndex(index))));
        } finally {
            writing.unlock();
        }
    }

    @Override
    public int receive(byte[] into) throws IOException {
        reading.lock();
        try {
            ShareResponse r = next();
            Long index = requested.poll();
            if (index == null) {
                throw fail("sent an answer to a chunk request never made");
            }
            if (r.getKindCase() == ShareResponse.KindCase.ERROR) {
                throw remote(r.getError());
            }
            var header = expect(r, ShareResponse.KindCase.CHUNK).getChunk();
            if (Integer.toUnsignedLong(header.getIndex()) != index) {
                throw fail("answered chunk " + Integer.toUnsignedString(header.getIndex()) + " when chunk " + index
                        + " was asked for");
            }
            int length = header.getLength();
            if (length < 0 || length > into.length) {
                throw fail("sent a chunk of " + Integer.toUnsignedString(length) + " bytes, more than the "
                        + into.length + " expected");
            }
            if (in.readNBytes(into, 0, length) < length) {
                throw broke("the stream ended inside a chunk");
            }
            return length;
        } finally {
            reading.unlock();
        }
    }

    /** Ends the stream; the member's server thread for it ends too. */
    @Override
    public void close() {
        stream.close();
    }

    // ---- the exchange of one request -----------------------------------------------------------

    @FunctionalInterface
    private interface Answer<T> {
        T read() throws IOException;
    }

    private <T> T exchange(ShareRequest request, Answer<T> answer) throws IOException {
        lockBoth();
        try {
            requireNoChunksOutstanding();
            send(request);
            return answer.read();
        } finally {
            unlockBoth();
        }
    }

    private static ShareRequest request(Consumer<ShareRequest.Builder> kind) {
        ShareRequest.Builder b = ShareRequest.newBuilder();
        kind.accept(b);
        return b.build();
    }

    private void send(MessageLite request) throws IOException {
        checkUsable();
        try {
            ShareWire.write(out, request);
        } catch (IOException e) {
            throw broke(e.getMessage());
        }
    }

    /** The next answer message, or the channel breaks. */
    private ShareResponse next() throws IOException {
        checkUsable();
        byte[] frame;
        try {
            frame = ShareWire.readFrame(in, ShareWire.MAX_RESPONSE_BYTES, "an answer");
        } catch (dev.peernet.wire.StreamMessages.ProtocolException e) {
            throw fail(e.getMessage());
        } catch (IOException e) {
            throw broke(e.getMessage());
        }
        if (frame == null) {
            throw broke("it ended the stream");
        }
        try {
            return ShareResponse.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            throw fail("sent a malformed answer (" + e.getMessage() + ")");
        }
    }

    /** {@code r} if it is of {@code kind}; an error answer is thrown as a refusal, anything else breaks the protocol. */
    private ShareResponse expect(ShareResponse r, ShareResponse.KindCase kind) throws IOException {
        if (r.getKindCase() == kind) {
            return r;
        }
        if (r.getKindCase() == ShareResponse.KindCase.ERROR) {
            throw remote(r.getError());
        }
        throw fail("answered with " + r.getKindCase() + " where " + kind + " was due");
    }

    private static RemoteShareException remote(Error e) {
        String sentence =
                e.getMessage().isBlank() ? "The member refused the request (" + e.getCode() + ")." : e.getMessage();
        return new RemoteShareException(e.getCode(), sentence, Integer.toUnsignedLong(e.getRetryAfterMs()));
    }

    private RemoteEntry entry(Entry e, boolean recursive) throws IOException {
        checkPath(e.getPath());
        if (!recursive && e.getPath().contains("/")) {
            throw fail("listed '" + SharePath.printable(e.getPath()) + "', which is not directly in the directory");
        }
        long size = unsigned(e.getSize());
        return switch (e.getType()) {
            case FILE -> new RemoteEntry(e.getPath(), false, size, e.getMtimeMs(), Optional.of(hash(e.getFileHash())));
            case DIRECTORY -> new RemoteEntry(e.getPath(), true, size, e.getMtimeMs(), Optional.empty());
            case UNKNOWN, UNRECOGNIZED ->
                throw fail("listed '" + SharePath.printable(e.getPath()) + "' as neither file nor directory");
        };
    }

    private FoundFile hit(Hit h) throws IOException {
        checkShareName(h.getShare());
        checkPath(h.getPath());
        return new FoundFile(
                new Location(peer, h.getShare(), h.getPath()),
                unsigned(h.getSize()),
                h.getMtimeMs(),
                hash(h.getFileHash()));
    }

    private void checkPath(String path) throws IOException {
        Optional<String> problem = SharePath.fileProblem(path);
        if (problem.isPresent()) {
            throw fail("sent a path that is not allowed: " + problem.get());
        }
    }

    private void checkShareName(String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || SharePath.problem(name).isPresent()) {
            throw fail("sent a share name that is not allowed ('" + SharePath.printable(name) + "')");
        }
    }

    private byte[] hash(ByteString hash) throws IOException {
        if (hash.size() != ContentHash.HASH_BYTES) {
            throw fail("sent a file hash of " + hash.size() + " bytes");
        }
        return hash.toByteArray();
    }

    private long unsigned(long size) throws IOException {
        if (size < 0) {
            throw fail("sent a size beyond 2^63 bytes");
        }
        return size;
    }

    // ---- failure -------------------------------------------------------------------------------

    /** The member broke the protocol: the stream is reset and the client unusable. */
    IOException fail(String what) {
        IOException e = new IOException("Member " + peer.shortForm() + " " + what + "; stopped talking to it.");
        broken = e;
        stream.reset(ErrorCode.PROTOCOL_ERROR, what);
        return e;
    }

    /** The stream itself failed or ended. */
    private IOException broke(String why) {
        IOException e = new IOException("The share stream to member " + peer.shortForm() + " broke: " + why + ".");
        broken = e;
        return e;
    }

    private void checkUsable() throws IOException {
        IOException e = broken;
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void requireNoChunksOutstanding() {
        if (!requested.isEmpty()) {
            throw new IllegalStateException(
                    "receive the " + requested.size() + " chunks requested before browsing on the same channel");
        }
    }

    private void lockBoth() {
        writing.lock();
        reading.lock();
    }

    private void unlockBoth() {
        reading.unlock();
        writing.unlock();
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
