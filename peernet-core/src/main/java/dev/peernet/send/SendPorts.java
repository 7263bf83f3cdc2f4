package dev.peernet.send;

import dev.peernet.identity.PeerId;
import dev.peernet.session.Stream;
import dev.peernet.share.IndexedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one-shot send needs from the rest of the node; the node wires each to the real part. */
public final class SendPorts {
    private SendPorts() {}

    /** Serves offered files to their receiver as a share only it can see. */
    public interface Host {
        /** Hashes {@code files} (relative path → file on disk) and serves them to {@code viewer}. */
        Hosted host(PeerId viewer, Map<String, Path> files) throws IOException;

        /**
         * Serves again, after a restart, what {@link #host} served as {@code share}: the same files
         * under the same name, with the hashes they had unless a file changed since.
         *
         * @param paths each offered path's real file, as {@link Hosted#paths()} gave it
         * @param files the files as hashed then
         */
        Hosted restore(String share, PeerId viewer, Map<String, Path> paths, List<IndexedFile> files)
                throws IOException;

        /** Stops serving a share made by {@link #host}. */
        void unhost(String share);

        /** Chunk bytes served from it so far. */
        long bytesServed(String share);

        /** Calls {@code listener} with a hosted share's name when its first chunk bytes are served. */
        void onFirstServed(java.util.function.Consumer<String> listener);
    }

    /**
     * A share made for one offer.
     *
     * @param share its name
     * @param files its files, hashed
     * @param paths each offered path's real file on this node
     */
    public record Hosted(String share, List<IndexedFile> files, Map<String, Path> paths) {}

    /** Fetches offered files with the transfer engine. */
    public interface Fetcher {
        /**
         * Starts fetching {@code files} (paths in {@code share} of {@code from}, each of which must
         * have the offered content hash) into {@code destDir}, never replacing a file already there.
         *
         * @return the transfer's ID
         */
        String fetch(String label, PeerId from, String share, List<IndexedFileRef> files, Path destDir, Done whenDone)
                throws IOException;

        /**
         * Tells {@code whenDone} when the transfer {@code id} (one that {@link #fetch} started before
         * a restart) ends: at once if it has ended already or is gone.
         */
        void watch(String id, Done whenDone) throws IOException;
    }

    /**
     * An offered file as the receiver knows it before fetching.
     *
     * @param path relative, {@code /}-separated
     * @param size its size
     * @param fileHash its content hash
     */
    public record IndexedFileRef(
            String path,
            long size,
            @SuppressWarnings("ArrayRecordComponent") byte[] fileHash) {}

    /** Told once when a fetch ends. */
    @FunctionalInterface
    public interface Done {
        void finished(boolean complete, Optional<String> why);
    }

    /** Opens streams to members, connecting first if needed. */
    public interface Dialer {
        Stream open(PeerId peer, String protocol) throws IOException;

        /** Whether a connection with {@code peer} is up now. */
        boolean isConnected(PeerId peer);
    }

    /** Where a member may write: a directory of one of this node's writable shares. */
    public interface Targets {
        /**
         * The directory for {@code share}/{@code path}, created if missing.
         *
         * @throws dev.peernet.share.RemoteShareException NOT_FOUND, BAD_PATH or READ_ONLY, with why
         */
        Path writableDirectory(PeerId sender, String share, String path) throws IOException;

        /** The files fetched into {@code share} are in place: bring its index up to date. */
        void written(String share);
    }
}
