package dev.peernet.share;

import dev.peernet.share.proto.Error;
import dev.peernet.share.proto.ShareRequest;
import java.util.Optional;

/**
 * One {@code /peernet/share/1} request as the server serves it: decoded from {@link ShareRequest}
 * with its paths already checked ({@link SharePath}), or {@link Refused} when it cannot be served
 * at all.
 */
sealed interface Request {
    /** Longest pattern accepted: globbing costs up to pattern × path per indexed file. */
    int MAX_PATTERN_BYTES = 256;

    /** The server's own limit of hits per search (share.proto: "0: the server's limit, 1000"). */
    int MAX_HITS = 1000;

    record ListShares() implements Request {}

    record ListDir(String share, String path, boolean recursive) implements Request {}

    /**
     * @param hash a content hash the hits must have, if given
     * @param limit at most this many hits, 1 to {@link #MAX_HITS}
     */
    record Find(String pattern, Optional<Hash> hash, int limit) implements Request {}

    record FileInfo(String share, String path) implements Request {}

    record ReadChunk(String share, String path, Hash fileHash, long index) implements Request {}

    /** Answered with an error at once: the request was malformed. */
    record Refused(Error.Code code, String sentence) implements Request {}

    /**
     * Whether answering reads a share's index at large (a share list, a listing, a search by
     * pattern), rather than one row (a file info, a chunk, a search by content hash).
     */
    default boolean browses() {
        return switch (this) {
            case ListShares l -> true;
            case ListDir d -> true;
            case Find f -> f.hash().isEmpty();
            case FileInfo i -> false;
            case ReadChunk c -> false;
            case Refused r -> false;
        };
    }

    /** Decodes a request's bytes. Never throws: whatever is wrong with it becomes {@link Refused}. */
    static Request parse(byte[] bytes) {
        ShareRequest request;
        try {
            request = ShareRequest.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return new Refused(Error.Code.BAD_REQUEST, "The request is malformed: " + e.getMessage());
        }
        return switch (request.getKindCase()) {
            case LIST_SHARES -> new ListShares();
            case LIST_DIR -> listDir(request.getListDir());
            case FIND -> find(request.getFind());
            case FILE_INFO -> fileInfo(request.getFileInfo());
            case READ_CHUNK -> readChunk(request.getReadChunk());
            case KIND_NOT_SET ->
                new Refused(Error.Code.BAD_REQUEST, "The request is of a kind this node does not know.");
        };
    }

    private static Request listDir(dev.peernet.share.proto.ListDir r) {
        Optional<String> bad = SharePath.problem(r.getPath());
        return bad.isPresent() ? badPath(bad.get()) : new ListDir(r.getShare(), r.getPath(), r.getRecursive());
    }

    private static Request find(dev.peernet.share.proto.Find r) {
        if (r.getPatternBytes().size() > MAX_PATTERN_BYTES) {
            return new Refused(
                    Error.Code.BAD_REQUEST, "A search pattern may be at most " + MAX_PATTERN_BYTES + " bytes long.");
        }
        Optional<Hash> hash = Optional.empty();
        if (!r.getFileHash().isEmpty()) {
            if (r.getFileHash().size() != ContentHash.HASH_BYTES) {
                return badHash();
            }
            hash = Optional.of(new Hash(r.getFileHash().toByteArray()));
        }
        long limit = Integer.toUnsignedLong(r.getLimit());
        int hits = limit == 0 || limit > MAX_HITS ? MAX_HITS : (int) limit;
        return new Find(r.getPattern(), hash, hits);
    }

    private static Request fileInfo(dev.peernet.share.proto.GetFileInfo r) {
        Optional<String> bad = SharePath.fileProblem(r.getPath());
        return bad.isPresent() ? badPath(bad.get()) : new FileInfo(r.getShare(), r.getPath());
    }

    private static Request readChunk(dev.peernet.share.proto.ReadChunk r) {
        Optional<String> bad = SharePath.fileProblem(r.getPath());
        if (bad.isPresent()) {
            return badPath(bad.get());
        }
        if (r.getFileHash().size() != ContentHash.HASH_BYTES) {
            return badHash();
        }
        return new ReadChunk(
                r.getShare(),
                r.getPath(),
                new Hash(r.getFileHash().toByteArray()),
                Integer.toUnsignedLong(r.getIndex()));
    }

    private static Refused badPath(String sentence) {
        return new Refused(Error.Code.BAD_PATH, sentence);
    }

    private static Refused badHash() {
        return new Refused(Error.Code.BAD_REQUEST, "A file hash is " + ContentHash.HASH_BYTES + " bytes (SHA-256).");
    }
}
