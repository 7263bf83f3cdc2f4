package dev.peernet.send;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.peernet.identity.PeerId;
import dev.peernet.share.ContentHash;
import dev.peernet.share.IndexedFile;
import dev.peernet.share.proto.Offer;
import dev.peernet.share.proto.OfferedFile;
import dev.peernet.storage.Sqlite;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offers in progress, both ways, kept in the node's state so that a restart of either side
 * loses none (ADR 0012 addenda).
 *
 * <ul>
 *   <li><b>Incoming</b>, from the moment the offer is taken (or waits for the user's decision)
 *       until its sender has heard how it ended: the offer as it came, where it goes, and, once
 *       accepted, the transfer that fetches it. A restarted receiver lists a waiting offer again,
 *       and tells the sender when a resumed transfer ends. (Its table keeps the name
 *       {@code pending_offers} from when it held waiting offers only.)
 *   <li><b>Outgoing</b>, from the moment the offer is made until it ends: the offer, each file's
 *       real path and chunk hashes. A restarted sender serves the same files again under the same
 *       share, without hashing them again, so the receiver's transfer resumes.
 * </ul>
 */
public final class OfferStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OfferStore.class);
    private static final String WHAT = "the offers in progress";

    /**
     * An offer this node received.
     *
     * @param transfer the transfer fetching it once accepted; empty while it waits for a decision
     */
    public record Incoming(
            String id, PeerId from, Offer offer, Path dest, Instant received, Optional<String> transfer) {}

    /**
     * An offer this node made.
     *
     * @param state where it stood when last recorded: preparing (not answered yet), pending or accepted
     * @param paths each offered path's real file on this node
     * @param files each offered file as hashed when offered
     */
    public record Outgoing(
            String id,
            PeerId to,
            Offer offer,
            OfferStatus.State state,
            Instant created,
            Map<String, Path> paths,
            List<IndexedFile> files) {
        public Outgoing {
            paths = Map.copyOf(paths);
            files = List.copyOf(files);
        }
    }

    private final Connection db;
    private final Path file;

    private OfferStore(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    /** Opens (or makes) the store in the SQLite database {@code file}. */
    public static OfferStore open(Path file) throws IOException {
        Connection db = Sqlite.open(
                file,
                WHAT,
                "CREATE TABLE IF NOT EXISTS pending_offers (id TEXT PRIMARY KEY, peer TEXT NOT NULL,"
                        + " offer BLOB NOT NULL, dest TEXT NOT NULL, received_ms INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS incoming_transfers (id TEXT PRIMARY KEY"
                        + " REFERENCES pending_offers (id) ON DELETE CASCADE, transfer TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS sent_offers (id TEXT PRIMARY KEY, peer TEXT NOT NULL,"
                        + " offer BLOB NOT NULL, state TEXT NOT NULL, created_ms INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS sent_offer_files (offer TEXT NOT NULL"
                        + " REFERENCES sent_offers (id) ON DELETE CASCADE, path TEXT NOT NULL, real TEXT NOT NULL,"
                        + " chunk_size INTEGER NOT NULL, chunk_hashes BLOB NOT NULL, PRIMARY KEY (offer, path))");
        return new OfferStore(db, file);
    }

    // ---- incoming ----------------------------------------------------------------------------

    /** Every kept incoming offer, oldest first; a row that no longer reads as an offer is dropped with a warning. */
    List<Incoming> incoming() throws IOException {
        List<Incoming> out = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        synchronized (db) {
            try (PreparedStatement q = db.prepareStatement(
                            "SELECT o.id, o.peer, o.offer, o.dest, o.received_ms, t.transfer FROM pending_offers o"
                                    + " LEFT JOIN incoming_transfers t ON t.id = o.id ORDER BY o.received_ms");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    try {
                        out.add(new Incoming(
                                r.getString(1),
                                PeerId.parse(r.getString(2)),
                                Offer.parseFrom(r.getBytes(3)),
                                Path.of(r.getString(4)),
                                Instant.ofEpochMilli(r.getLong(5)),
                                Optional.ofNullable(r.getString(6))));
                    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
                        unreadable.add(r.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw Sqlite.failure("read", WHAT, file, e);
            }
        }
        for (String id : unreadable) {
            log.warn("Dropped the kept offer {}: it no longer reads as an offer from a peer.", id);
            forgetIncoming(id);
        }
        return out;
    }

    /**
     * Keeps an incoming offer that waits for a decision or is about to be fetched.
     *
     * @return false if an offer with its ID is kept already; the new one is not
     */
    boolean keepIncoming(Incoming offer) throws IOException {
        boolean[] kept = {false};
        write(() -> {
            try (PreparedStatement s = db.prepareStatement(
                    "INSERT OR IGNORE INTO pending_offers (id, peer, offer, dest, received_ms) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, offer.id());
                s.setString(2, offer.from().toString());
                s.setBytes(3, offer.offer().toByteArray());
                s.setString(4, offer.dest().toString());
                s.setLong(5, offer.received().toEpochMilli());
                kept[0] = s.executeUpdate() == 1;
            }
        });
        return kept[0];
    }

    /** Records that {@code transfer} fetches the kept incoming offer {@code id}. */
    void fetching(String id, String transfer) throws IOException {
        update("INSERT OR REPLACE INTO incoming_transfers (id, transfer) VALUES (?, ?)", id, transfer);
    }

    void forgetIncoming(String id) throws IOException {
        update("DELETE FROM pending_offers WHERE id = ?", id);
    }

    // ---- outgoing ----------------------------------------------------------------------------

    /** Every kept outgoing offer, oldest first; one that no longer reads whole is dropped with a warning. */
    List<Outgoing> outgoing() throws IOException {
        record Row(
                String id,
                String peer,
                @SuppressWarnings("ArrayRecordComponent") byte[] offer,
                String state,
                long created) {}
        record Hashes(
                int chunkSize,
                @SuppressWarnings("ArrayRecordComponent") byte[] chunkHashes) {}
        List<Row> rows = new ArrayList<>();
        Map<String, Map<String, Path>> paths = new HashMap<>();
        Map<String, Map<String, Hashes>> hashes = new HashMap<>();
        synchronized (db) {
            try (PreparedStatement q = db.prepareStatement(
                            "SELECT id, peer, offer, state, created_ms FROM sent_offers ORDER BY created_ms");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getBytes(3), r.getString(4), r.getLong(5)));
                }
                try (PreparedStatement f = db.prepareStatement(
                                "SELECT offer, path, real, chunk_size, chunk_hashes FROM sent_offer_files");
                        ResultSet fr = f.executeQuery()) {
                    while (fr.next()) {
                        String offer = fr.getString(1);
                        paths.computeIfAbsent(offer, k -> new LinkedHashMap<>())
                                .put(fr.getString(2), Path.of(fr.getString(3)));
                        hashes.computeIfAbsent(offer, k -> new HashMap<>())
                                .put(fr.getString(2), new Hashes(fr.getInt(4), fr.getBytes(5)));
                    }
                }
            } catch (SQLException e) {
                throw Sqlite.failure("read", WHAT, file, e);
            }
        }
        List<Outgoing> out = new ArrayList<>();
        for (Row row : rows) {
            try {
                Offer offer = Offer.parseFrom(row.offer());
                Map<String, Hashes> byPath = hashes.getOrDefault(row.id(), Map.of());
                List<IndexedFile> files = new ArrayList<>();
                for (OfferedFile f : offer.getFilesList()) {
                    Hashes kept = byPath.get(f.getPath());
                    // Hashes cut short make fromChunkHashes throw IllegalArgumentException: the row is dropped below.
                    ContentHash hash =
                            kept == null ? null : ContentHash.fromChunkHashes(kept.chunkSize(), kept.chunkHashes());
                    if (hash == null
                            || !java.util.Arrays.equals(
                                    hash.fileHash(), f.getFileHash().toByteArray())) {
                        throw new IllegalArgumentException("the hashes of " + f.getPath() + " are not kept whole");
                    }
                    files.add(new IndexedFile(f.getPath(), f.getSize(), f.getMtimeMs(), hash));
                }
                out.add(new Outgoing(
                        row.id(),
                        PeerId.parse(row.peer()),
                        offer,
                        OfferStatus.State.valueOf(row.state()),
                        Instant.ofEpochMilli(row.created()),
                        paths.getOrDefault(row.id(), Map.of()),
                        files));
            } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
                log.warn("Dropped the kept offer {}: {}.", row.id(), e.getMessage());
                forgetOutgoing(row.id());
            }
        }
        return out;
    }

    /** Keeps an offer this node makes, with its files' real paths and hashes. */
    void keepOutgoing(Outgoing offer) throws IOException {
        write(() -> {
            try (PreparedStatement s = db.prepareStatement(
                    "INSERT OR REPLACE INTO sent_offers (id, peer, offer, state, created_ms) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, offer.id());
                s.setString(2, offer.to().toString());
                s.setBytes(3, offer.offer().toByteArray());
                s.setString(4, offer.state().name());
                s.setLong(5, offer.created().toEpochMilli());
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement(
                    "INSERT OR REPLACE INTO sent_offer_files (offer, path, real, chunk_size, chunk_hashes)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                for (IndexedFile f : offer.files()) {
                    s.setString(1, offer.id());
                    s.setString(2, f.path());
                    s.setString(3, offer.paths().get(f.path()).toString());
                    s.setInt(4, f.hash().chunkSize());
                    s.setBytes(5, f.hash().chunkHashes());
                    s.addBatch();
                }
                s.executeBatch();
            }
        });
    }

    /** Records where a kept outgoing offer stands now; nothing if it is no longer kept. */
    void outgoingState(String id, OfferStatus.State state) throws IOException {
        update("UPDATE sent_offers SET state = ? WHERE id = ?", state.name(), id);
    }

    void forgetOutgoing(String id) throws IOException {
        update("DELETE FROM sent_offers WHERE id = ?", id);
    }

    /** One statement of text values, as a transaction of its own. */
    private void update(String sql, String... values) throws IOException {
        write(() -> {
            try (PreparedStatement s = db.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    s.setString(i + 1, values[i]);
                }
                s.executeUpdate();
            }
        });
    }

    private void write(Sqlite.Work work) throws IOException {
        synchronized (db) {
            Sqlite.write(db, WHAT, file, work);
        }
    }

    @Override
    public void close() {
        synchronized (db) {
            Sqlite.close(db);
        }
    }
}
