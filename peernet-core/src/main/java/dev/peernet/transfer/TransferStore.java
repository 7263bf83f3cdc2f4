package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import dev.peernet.share.ContentHash;
import dev.peernet.storage.Sqlite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Transfers in SQLite: what each fetches (every file's location and chunk hashes, so a resume needs
 * no source to describe them again), where to, its state and its report. Which chunks are verified
 * is not stored: a resume hashes the part files again, trusting nothing a crash left unsynced.
 */
final class TransferStore implements AutoCloseable {
    /** What this store holds, for its error sentences. */
    private static final String WHAT = "the transfer state";

    /** A transfer's row. {@code key} says what and from where, so fetching the same thing again finds it. */
    record TransferRow(
            String id,
            String label,
            TransferDirection direction,
            String key,
            Path destination,
            TransferState state,
            Optional<String> message,
            Instant started,
            Optional<Instant> finished,
            long bytesDone,
            long bytesTotal,
            int filesDone,
            int filesTotal) {}

    /** One file of a transfer. */
    record FileRow(int index, RemoteFile remote, Path target, boolean done) {}

    private final Connection db;
    private final Path file;

    private TransferStore(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    static TransferStore open(Path file) throws IOException {
        Connection db = Sqlite.open(
                file,
                WHAT,
                "CREATE TABLE IF NOT EXISTS transfers (id TEXT PRIMARY KEY, label TEXT NOT NULL,"
                        + " direction TEXT NOT NULL, source_key TEXT NOT NULL, destination TEXT NOT NULL,"
                        + " state TEXT NOT NULL, message TEXT, started_ms INTEGER NOT NULL, finished_ms INTEGER,"
                        + " bytes_done INTEGER NOT NULL, bytes_total INTEGER NOT NULL,"
                        + " files_done INTEGER NOT NULL, files_total INTEGER NOT NULL)",
                "CREATE INDEX IF NOT EXISTS transfers_by_key ON transfers (source_key)",
                "CREATE TABLE IF NOT EXISTS transfer_files (transfer TEXT NOT NULL REFERENCES"
                        + " transfers(id) ON DELETE CASCADE, idx INTEGER NOT NULL, peer TEXT NOT NULL,"
                        + " share TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL,"
                        + " chunk_size INTEGER NOT NULL, chunks BLOB NOT NULL, target TEXT NOT NULL,"
                        + " done INTEGER NOT NULL, PRIMARY KEY (transfer, idx))",
                "CREATE TABLE IF NOT EXISTS transfer_sources (transfer TEXT NOT NULL REFERENCES"
                        + " transfers(id) ON DELETE CASCADE, peer TEXT NOT NULL, bytes INTEGER NOT NULL,"
                        + " state TEXT NOT NULL, reason TEXT, PRIMARY KEY (transfer, peer))",
                "CREATE TABLE IF NOT EXISTS transfer_errors (transfer TEXT NOT NULL REFERENCES"
                        + " transfers(id) ON DELETE CASCADE, seq INTEGER NOT NULL, peer TEXT, file TEXT NOT NULL,"
                        + " message TEXT NOT NULL, PRIMARY KEY (transfer, seq))");
        return new TransferStore(db, file);
    }

    synchronized void insert(TransferRow t, List<FileRow> files) throws IOException {
        transaction(() -> {
            try (PreparedStatement q = db.prepareStatement("INSERT INTO transfers (id, label, direction, source_key,"
                    + " destination, state, message, started_ms, finished_ms, bytes_done, bytes_total, files_done,"
                    + " files_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                q.setString(1, t.id());
                q.setString(2, t.label());
                q.setString(3, t.direction().name());
                q.setString(4, t.key());
                q.setString(5, t.destination().toString());
                bindProgress(q, 6, t);
                q.executeUpdate();
            }
            try (PreparedStatement q = db.prepareStatement(
                    "INSERT INTO transfer_files (transfer, idx, peer, share,"
                            + " path, size, mtime_ms, chunk_size, chunks, target, done) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (FileRow f : files) {
                    q.setString(1, t.id());
                    q.setInt(2, f.index());
                    bindRemote(q, 3, f.remote());
                    q.setString(10, f.target().toString());
                    q.setBoolean(11, f.done());
                    q.addBatch();
                }
                q.executeBatch();
            }
        });
    }

    /** Saves the state and progress of {@code t} (not its files). */
    synchronized void update(TransferRow t) throws IOException {
        try (PreparedStatement q = db.prepareStatement("UPDATE transfers SET state = ?, message = ?, started_ms = ?,"
                + " finished_ms = ?, bytes_done = ?, bytes_total = ?, files_done = ?, files_total = ? WHERE id = ?")) {
            bindProgress(q, 1, t);
            q.setString(9, t.id());
            q.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    synchronized void markDone(String transfer, Collection<Integer> indexes) throws IOException {
        transaction(() -> {
            try (PreparedStatement q =
                    db.prepareStatement("UPDATE transfer_files SET done = 1 WHERE transfer = ? AND idx = ?")) {
                for (int i : indexes) {
                    q.setString(1, transfer);
                    q.setInt(2, i);
                    q.addBatch();
                }
                q.executeBatch();
            }
        });
    }

    /** The file's content changed at its source: {@code remote} is what it is now. */
    synchronized void replaceFile(String transfer, int index, RemoteFile remote) throws IOException {
        try (PreparedStatement q = db.prepareStatement("UPDATE transfer_files SET peer = ?, share = ?, path = ?,"
                + " size = ?, mtime_ms = ?, chunk_size = ?, chunks = ? WHERE transfer = ? AND idx = ?")) {
            bindRemote(q, 1, remote);
            q.setString(8, transfer);
            q.setInt(9, index);
            q.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Replaces the report of {@code transfer}: its sources and errors. */
    synchronized void saveReport(String transfer, List<SourceStatus> sources, List<TransferError> errors)
            throws IOException {
        transaction(() -> {
            for (String table : List.of("transfer_sources", "transfer_errors")) {
                try (PreparedStatement q = db.prepareStatement("DELETE FROM " + table + " WHERE transfer = ?")) {
                    q.setString(1, transfer);
                    q.executeUpdate();
                }
            }
            try (PreparedStatement q = db.prepareStatement(
                    "INSERT INTO transfer_sources (transfer, peer, bytes, state, reason) VALUES (?, ?, ?, ?, ?)")) {
                for (SourceStatus s : sources) {
                    q.setString(1, transfer);
                    q.setString(2, s.peer().toString());
                    q.setLong(3, s.bytes());
                    q.setString(4, s.state().name());
                    q.setString(5, s.reason().orElse(null));
                    q.addBatch();
                }
                q.executeBatch();
            }
            try (PreparedStatement q = db.prepareStatement(
                    "INSERT INTO transfer_errors (transfer, seq, peer, file, message) VALUES (?, ?, ?, ?, ?)")) {
                int seq = 0;
                for (TransferError e : errors) {
                    q.setString(1, transfer);
                    q.setInt(2, seq++);
                    q.setString(3, e.source().map(PeerId::toString).orElse(null));
                    q.setString(4, e.file());
                    q.setString(5, e.message());
                    q.addBatch();
                }
                q.executeBatch();
            }
        });
    }

    synchronized List<SourceStatus> sources(String transfer) throws IOException {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT peer, bytes, state, reason FROM transfer_sources WHERE transfer = ? ORDER BY rowid")) {
            q.setString(1, transfer);
            List<SourceStatus> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new SourceStatus(
                            PeerId.parse(rs.getString(1)),
                            rs.getLong(2),
                            SourceStatus.State.valueOf(rs.getString(3)),
                            Optional.ofNullable(rs.getString(4))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    synchronized List<TransferError> errors(String transfer) throws IOException {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT peer, file, message FROM transfer_errors WHERE transfer = ? ORDER BY seq")) {
            q.setString(1, transfer);
            List<TransferError> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String peer = rs.getString(1);
                    out.add(new TransferError(
                            Optional.ofNullable(peer).map(PeerId::parse), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    synchronized List<FileRow> files(String transfer) throws IOException {
        try (PreparedStatement q = db.prepareStatement("SELECT idx, peer, share, path, size, mtime_ms, chunk_size,"
                + " chunks, target, done FROM transfer_files WHERE transfer = ? ORDER BY idx")) {
            q.setString(1, transfer);
            List<FileRow> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Location at = new Location(PeerId.parse(rs.getString(2)), rs.getString(3), rs.getString(4));
                    ContentHash hash = ContentHash.fromChunkHashes(rs.getInt(7), rs.getBytes(8));
                    RemoteFile remote = new RemoteFile(at, rs.getLong(5), rs.getLong(6), hash);
                    out.add(new FileRow(rs.getInt(1), remote, Path.of(rs.getString(9)), rs.getBoolean(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    synchronized Optional<TransferRow> transfer(String id) throws IOException {
        return first(select("WHERE id = ?", id));
    }

    /** The latest transfer of {@code key} that did not complete, if any. */
    synchronized Optional<TransferRow> unfinished(String key) throws IOException {
        return first(select("WHERE source_key = ? AND state <> 'COMPLETE' ORDER BY started_ms DESC", key));
    }

    /** Transfers that were running, waiting or paused when the engine last stopped, oldest first. */
    synchronized List<TransferRow> unfinished() throws IOException {
        return select("WHERE state IN ('QUEUED', 'RUNNING', 'WAITING', 'PAUSED') ORDER BY started_ms");
    }

    /**
     * The files still to place of transfers that are running, waiting or paused, by target: each
     * such target has a part file in use beside it.
     */
    synchronized Map<Path, String> liveTargets() throws IOException {
        try (PreparedStatement q = db.prepareStatement("SELECT f.target, f.transfer FROM transfer_files f"
                + " JOIN transfers t ON t.id = f.transfer"
                + " WHERE t.state IN ('QUEUED', 'RUNNING', 'WAITING', 'PAUSED') AND NOT f.done")) {
            Map<Path, String> out = new HashMap<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(Path.of(rs.getString(1)), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Whether the disk holding this store has (next to) no space left: why a write may have failed. */
    boolean onFullDisk() {
        try {
            return Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace() < 64 * 1024;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Finished transfers, the most recent first. */
    synchronized List<TransferRow> finished(int limit) throws IOException {
        return select(
                "WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED') ORDER BY finished_ms DESC, started_ms DESC LIMIT ?",
                limit);
    }

    /**
     * Forgets finished transfers beyond the {@code keep} most recent, returning the part files of
     * those that did not complete (their chunks are no longer wanted) for the caller to delete.
     */
    synchronized List<Path> prune(int keep) throws IOException {
        List<TransferRow> old = select(
                "WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED') ORDER BY finished_ms DESC, started_ms DESC"
                        + " LIMIT -1 OFFSET ?",
                keep);
        List<Path> parts = new ArrayList<>();
        for (TransferRow t : old) {
            if (t.state() != TransferState.COMPLETE) {
                for (FileRow f : files(t.id())) {
                    if (!f.done()) {
                        parts.add(PartFile.pathFor(f.target()));
                    }
                }
            }
            try (PreparedStatement q = db.prepareStatement("DELETE FROM transfers WHERE id = ?")) {
                q.setString(1, t.id());
                q.executeUpdate();
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
        return parts;
    }

    private List<TransferRow> select(String where, Object... args) throws IOException {
        try (PreparedStatement q = db.prepareStatement("SELECT id, label, direction, source_key, destination, state,"
                + " message, started_ms, finished_ms, bytes_done, bytes_total, files_done, files_total FROM transfers "
                + where)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            List<TransferRow> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long finished = rs.getLong(9);
                    boolean hasFinished = !rs.wasNull();
                    out.add(new TransferRow(
                            rs.getString(1),
                            rs.getString(2),
                            TransferDirection.valueOf(rs.getString(3)),
                            rs.getString(4),
                            Path.of(rs.getString(5)),
                            TransferState.valueOf(rs.getString(6)),
                            Optional.ofNullable(rs.getString(7)),
                            Instant.ofEpochMilli(rs.getLong(8)),
                            hasFinished ? Optional.of(Instant.ofEpochMilli(finished)) : Optional.empty(),
                            rs.getLong(10),
                            rs.getLong(11),
                            rs.getInt(12),
                            rs.getInt(13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static void bindProgress(PreparedStatement q, int at, TransferRow t) throws SQLException {
        q.setString(at, t.state().name());
        q.setString(at + 1, t.message().orElse(null));
        q.setLong(at + 2, t.started().toEpochMilli());
        if (t.finished().isPresent()) {
            q.setLong(at + 3, t.finished().get().toEpochMilli());
        } else {
            q.setNull(at + 3, Types.INTEGER);
        }
        q.setLong(at + 4, t.bytesDone());
        q.setLong(at + 5, t.bytesTotal());
        q.setInt(at + 6, t.filesDone());
        q.setInt(at + 7, t.filesTotal());
    }

    private static void bindRemote(PreparedStatement q, int at, RemoteFile f) throws SQLException {
        q.setString(at, f.location().peer().toString());
        q.setString(at + 1, f.location().share());
        q.setString(at + 2, f.location().path());
        q.setLong(at + 3, f.size());
        q.setLong(at + 4, f.mtimeMillis());
        q.setInt(at + 5, f.hash().chunkSize());
        q.setBytes(at + 6, f.hash().chunkHashes());
    }

    private void transaction(Sqlite.Work work) throws IOException {
        Sqlite.write(db, WHAT, file, work);
    }

    private IOException failure(String verb, SQLException e) {
        return Sqlite.failure(verb, WHAT, file, e);
    }

    @Override
    public synchronized void close() {
        Sqlite.close(db);
    }
}
