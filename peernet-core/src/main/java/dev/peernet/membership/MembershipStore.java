package dev.peernet.membership;

import dev.peernet.storage.Sqlite;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's membership state in SQLite: which network it is in, the network's records, and the
 * invites it issued. Every write is one transaction, so a killed process leaves the last state.
 */
final class MembershipStore implements AutoCloseable {
    private final Connection db;
    private final Path file;

    /** An invite this node issued. {@code usesLeft} counts down to 0; it is kept after for errors. */
    record Invite(
            @SuppressWarnings("ArrayRecordComponent") byte[] secret, Instant created, Instant expires, int usesLeft) {}

    private MembershipStore(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    /**
     * Loads SQLite's driver and native library (extracted from its jar): a fifth of a second on a
     * cold start, worth doing while the node makes its key and certificate. Failures are left for
     * {@link #open} to report.
     */
    static void preload() {
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            // open() says what is wrong
        }
    }

    static MembershipStore open(Path file) throws IOException {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS membership_records ("
                        + "hash TEXT PRIMARY KEY, network TEXT NOT NULL, bytes BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS invites ("
                        + "secret BLOB PRIMARY KEY, created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL,"
                        + " uses_left INTEGER NOT NULL)");
            }
            return new MembershipStore(db, file);
        } catch (SQLException e) {
            throw failure("open", file, e);
        }
    }

    private static IOException failure(String what, Path file, SQLException e) {
        return new IOException("Could not " + what + " the node's state in " + file + ": " + e.getMessage(), e);
    }

    synchronized Optional<NetworkId> network() throws IOException {
        return meta("network").map(NetworkId::parse);
    }

    /** Records of the network this node is in (the genesis record included). */
    synchronized List<byte[]> records(NetworkId network) throws IOException {
        try (PreparedStatement q = db.prepareStatement("SELECT bytes FROM membership_records WHERE network = ?")) {
            q.setString(1, network.toString());
            List<byte[]> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", file, e);
        }
    }

    /** Adds records of {@code network}; those already present are skipped. */
    synchronized void add(NetworkId network, List<MembershipRecord> records) throws IOException {
        transaction(() -> insert(network, records));
    }

    /** Makes {@code network} this node's network with exactly {@code records}, forgetting the old one. */
    synchronized void switchTo(NetworkId network, List<MembershipRecord> records) throws IOException {
        transaction(() -> {
            try (Statement s = db.createStatement()) {
                s.execute("DELETE FROM membership_records");
                s.execute("DELETE FROM invites");
            }
            insert(network, records);
            setMeta("network", network.toString());
        });
    }

    private void insert(NetworkId network, List<MembershipRecord> records) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(
                "INSERT OR IGNORE INTO membership_records (hash, network, bytes) VALUES (?, ?, ?)")) {
            for (MembershipRecord r : records) {
                q.setString(1, r.hash());
                q.setString(2, network.toString());
                q.setBytes(3, r.encoded());
                q.addBatch();
            }
            q.executeBatch();
        }
    }

    synchronized void addInvite(Invite invite) throws IOException {
        transaction(() -> {
            try (PreparedStatement q = db.prepareStatement(
                    "INSERT INTO invites (secret, created_ms, expires_ms, uses_left) VALUES (?, ?, ?, ?)")) {
                q.setBytes(1, invite.secret());
                q.setLong(2, invite.created().toEpochMilli());
                q.setLong(3, invite.expires().toEpochMilli());
                q.setInt(4, invite.usesLeft());
                q.executeUpdate();
            }
        });
    }

    synchronized List<Invite> invites() throws IOException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT secret, created_ms, expires_ms, uses_left FROM invites")) {
            List<Invite> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Invite(
                        rs.getBytes(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getInt(4)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", file, e);
        }
    }

    /** Uses an invite up once and stores the admission it led to, in one transaction. */
    synchronized void useInvite(byte[] secret, NetworkId network, MembershipRecord admission) throws IOException {
        transaction(() -> {
            try (PreparedStatement q =
                    db.prepareStatement("UPDATE invites SET uses_left = uses_left - 1 WHERE secret = ?")) {
                q.setBytes(1, secret);
                q.executeUpdate();
            }
            insert(network, List.of(admission));
        });
    }

    private Optional<String> meta(String key) throws IOException {
        try (PreparedStatement q = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", file, e);
        }
    }

    private void setMeta(String key, String value) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            q.setString(1, key);
            q.setString(2, value);
            q.executeUpdate();
        }
    }

    private void transaction(Sqlite.Work work) throws IOException {
        try {
            Sqlite.transaction(db, work);
        } catch (SQLException e) {
            throw failure("write", file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing: nothing left to lose, every write was committed
        }
    }
}
