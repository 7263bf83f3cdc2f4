package dev.peernet.share;

import dev.peernet.identity.PeerId;
import dev.peernet.storage.Sqlite;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shares and their index in SQLite. A file of its own ({@code shares.db}) beside the membership
 * state, so a long scan's writes never wait for, or hold up, membership's.
 */
final class ShareStore implements AutoCloseable {
    /** What this store holds, for its error sentences. */
    private static final String WHAT = "the share index";

    private final Connection db;
    private final Path file;
    /** Counts writes, so readers can tell whether what they read before still holds. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    private ShareStore(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    static ShareStore open(Path file) throws IOException {
        Connection db = Sqlite.open(
                file,
                WHAT,
                "CREATE TABLE IF NOT EXISTS shares (name TEXT PRIMARY KEY, root TEXT NOT NULL,"
                        + " writable INTEGER NOT NULL, to_all INTEGER NOT NULL, created_ms INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS share_peers (share TEXT NOT NULL REFERENCES shares(name)"
                        + " ON DELETE CASCADE, peer TEXT NOT NULL, PRIMARY KEY (share, peer))",
                "CREATE TABLE IF NOT EXISTS share_files (share TEXT NOT NULL REFERENCES shares(name)"
                        + " ON DELETE CASCADE, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL,"
                        + " chunk_size INTEGER NOT NULL, hash BLOB NOT NULL, chunks BLOB NOT NULL,"
                        + " PRIMARY KEY (share, path))",
                // Searches by content hash (a transfer locating sources) are index lookups, not scans.
                "CREATE INDEX IF NOT EXISTS share_files_by_hash ON share_files (hash)",
                // Shares whose folder was seen to be a mount point: scanned only while something is mounted there.
                "CREATE TABLE IF NOT EXISTS share_mounts (share TEXT PRIMARY KEY REFERENCES shares(name)"
                        + " ON DELETE CASCADE)");
        return new ShareStore(db, file);
    }

    synchronized void add(Share share) throws IOException {
        add(share, false);
    }

    /** Adds {@code share}, noted as a mount point if {@code mountPoint}, in one transaction. */
    synchronized void add(Share share, boolean mountPoint) throws IOException {
        version.incrementAndGet();
        transaction(() -> {
            try (PreparedStatement q = db.prepareStatement(
                    "INSERT INTO shares (name, root, writable, to_all, created_ms) VALUES (?, ?, ?, ?, ?)")) {
                q.setString(1, share.name());
                q.setString(2, share.root().toString());
                q.setBoolean(3, share.writable());
                q.setBoolean(4, share.toAll());
                q.setLong(5, share.created().toEpochMilli());
                q.executeUpdate();
            }
            try (PreparedStatement q = db.prepareStatement("INSERT INTO share_peers (share, peer) VALUES (?, ?)")) {
                for (PeerId peer : share.to()) {
                    q.setString(1, share.name());
                    q.setString(2, peer.toString());
                    q.addBatch();
                }
                q.executeBatch();
            }
            if (mountPoint) {
                insertMountPoint(share);
            }
        });
    }

    /**
     * Notes that {@code share}'s folder is a mount point (once noted, it stays so), if the share is
     * still the one given: not removed, nor added again under its name since (a scan that ended
     * late must not mark a new share of another folder).
     */
    synchronized void markMountPoint(Share share) throws IOException {
        transaction(() -> insertMountPoint(share));
    }

    private void insertMountPoint(Share share) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("INSERT OR IGNORE INTO share_mounts (share)"
                + " SELECT name FROM shares WHERE name = ? AND root = ? AND created_ms = ?")) {
            q.setString(1, share.name());
            q.setString(2, share.root().toString());
            q.setLong(3, share.created().toEpochMilli());
            q.executeUpdate();
        }
    }

    /** Whether {@code share}'s folder was seen to be a mount point. */
    synchronized boolean wasMountPoint(String share) throws IOException {
        try (PreparedStatement q = db.prepareStatement("SELECT 1 FROM share_mounts WHERE share = ?")) {
            q.setString(1, share);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Removes the share and its index; false if there was none. */
    synchronized boolean remove(String name) throws IOException {
        version.incrementAndGet();
        try (PreparedStatement q = db.prepareStatement("DELETE FROM shares WHERE name = ?")) {
            q.setString(1, name);
            return q.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    synchronized List<Share> shares() throws IOException {
        try (Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT name, root, writable, to_all, created_ms FROM shares ORDER BY name")) {
            List<Share> out = new ArrayList<>();
            while (rs.next()) {
                String name = rs.getString(1);
                out.add(new Share(
                        name,
                        Path.of(rs.getString(2)),
                        rs.getBoolean(3),
                        rs.getBoolean(4),
                        peers(name),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private List<PeerId> peers(String share) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT peer FROM share_peers WHERE share = ? ORDER BY peer")) {
            q.setString(1, share);
            List<PeerId> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(PeerId.parse(rs.getString(1)));
                }
            }
            return out;
        }
    }

    /** Every indexed file of {@code share}, by path. */
    synchronized Map<String, IndexedFile> files(String share) throws IOException {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT path, size, mtime_ms, chunk_size, chunks FROM share_files WHERE share = ?")) {
            q.setString(1, share);
            return read(q);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * The indexed files of {@code share} under the directory {@code dir} ({@code ""} is the root), by
     * path: all of them with {@code deep}, else only those directly in it. A range on the primary
     * key, so a change in one directory of a large share reads only that directory's rows.
     */
    synchronized Map<String, IndexedFile> files(String share, String dir, boolean deep) throws IOException {
        if (dir.isEmpty() && deep) {
            return files(share);
        }
        String prefix = dir.isEmpty() ? "" : dir + "/";
        String sql = "SELECT path, size, mtime_ms, chunk_size, chunks FROM share_files WHERE share = ?"
                // '0' follows '/' in UTF-8, so in SQLite's binary order [dir/, dir0) is every path under dir/.
                + (dir.isEmpty() ? "" : " AND path >= ? AND path < ?")
                + (deep ? "" : " AND instr(substr(path, ?), '/') = 0");
        try (PreparedStatement q = db.prepareStatement(sql)) {
            int i = 1;
            q.setString(i++, share);
            if (!dir.isEmpty()) {
                q.setString(i++, prefix);
                q.setString(i++, dir + "0");
            }
            if (!deep) {
                q.setInt(i, prefix.codePointCount(0, prefix.length()) + 1); // SQLite counts characters
            }
            return read(q);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static Map<String, IndexedFile> read(PreparedStatement q) throws SQLException {
        Map<String, IndexedFile> out = new HashMap<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                ContentHash hash = ContentHash.fromChunkHashes(rs.getInt(4), rs.getBytes(5));
                out.put(rs.getString(1), new IndexedFile(rs.getString(1), rs.getLong(2), rs.getLong(3), hash));
            }
        }
        return out;
    }

    /** One file of {@code share}'s index, if indexed. */
    synchronized Optional<IndexedFile> file(String share, String path) throws IOException {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT size, mtime_ms, chunk_size, chunks FROM share_files WHERE share = ? AND path = ?")) {
            q.setString(1, share);
            q.setString(2, path);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ContentHash hash = ContentHash.fromChunkHashes(rs.getInt(3), rs.getBytes(4));
                return Optional.of(new IndexedFile(path, rs.getLong(1), rs.getLong(2), hash));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * The files of {@code share} whose paths start with {@code prefix} ("" for all, else a
     * directory and '/'), sorted by path, without their chunk hashes: a range of the primary key.
     */
    synchronized List<ServedFile> filesUnder(String share, String prefix) throws IOException {
        String sql = "SELECT path, size, mtime_ms, hash FROM share_files WHERE share = ?"
                + (prefix.isEmpty() ? "" : " AND path >= ? AND path < ?") + " ORDER BY path";
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, share);
            if (!prefix.isEmpty()) {
                // Paths compare as UTF-8 bytes (BINARY): those starting with "dir/" sort from "dir/" to just before
                // "dir0".
                q.setString(2, prefix);
                q.setString(
                        3, prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
            }
            return served(q);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** The files of {@code share} with content hash {@code hash}, sorted by path. */
    synchronized List<ServedFile> filesWithHash(String share, byte[] hash) throws IOException {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT path, size, mtime_ms, hash FROM share_files WHERE hash = ? AND share = ? ORDER BY path")) {
            q.setBytes(1, hash);
            q.setString(2, share);
            return served(q);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static List<ServedFile> served(PreparedStatement q) throws SQLException {
        List<ServedFile> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new ServedFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4)));
            }
        }
        return out;
    }

    /** Adds or replaces {@code files} and forgets {@code removed} paths, in one transaction. */
    synchronized void update(String share, Collection<IndexedFile> files, Collection<String> removed)
            throws IOException {
        version.incrementAndGet();
        transaction(() -> {
            try (PreparedStatement q = db.prepareStatement("INSERT OR REPLACE INTO share_files"
                    + " (share, path, size, mtime_ms, chunk_size, hash, chunks) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (IndexedFile f : files) {
                    q.setString(1, share);
                    q.setString(2, f.path());
                    q.setLong(3, f.size());
                    q.setLong(4, f.mtimeMillis());
                    q.setInt(5, f.hash().chunkSize());
                    q.setBytes(6, f.hash().fileHash());
                    q.setBytes(7, f.hash().chunkHashes());
                    q.addBatch();
                }
                q.executeBatch();
            }
            try (PreparedStatement q = db.prepareStatement("DELETE FROM share_files WHERE share = ? AND path = ?")) {
                for (String path : removed) {
                    q.setString(1, share);
                    q.setString(2, path);
                    q.addBatch();
                }
                q.executeBatch();
            }
        });
    }

    /**
     * A number that changes with every write. A write counts itself first, holding the store's
     * lock until it has committed, so whoever reads this number and then queries sees at least the
     * data of that number.
     */
    long version() {
        return version.get();
    }

    /** How many files of {@code share} are indexed, and their total size. */
    synchronized long[] totals(String share) throws IOException {
        try (PreparedStatement q =
                db.prepareStatement("SELECT count(*), coalesce(sum(size), 0) FROM share_files WHERE share = ?")) {
            q.setString(1, share);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
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
