package dev.peernet.send;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.peernet.identity.PeerId;
import dev.peernet.share.proto.Offer;
import dev.peernet.storage.Sqlite;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incoming offers that wait for the user's decision (the {@code ask} policy), kept in the node's
 * state so that a restart of the receiving node does not lose them: the user still finds them in
 * {@code peernet accept} and may take them, and the sender, who still waits, hears the outcome.
 * An offer leaves the store when it is accepted or declined.
 */
public final class PendingOffers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PendingOffers.class);
    private static final String WHAT = "the offers waiting for a decision";

    /** One kept offer: who sent it, the offer as it came, and where it would go. */
    public record Kept(String id, PeerId from, Offer offer, Path dest, Instant received) {}

    private final Connection db;
    private final Path file;

    private PendingOffers(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    /** Opens (or makes) the store in the SQLite database {@code file}. */
    public static PendingOffers open(Path file) throws IOException {
        Connection db = Sqlite.open(
                file,
                WHAT,
                "CREATE TABLE IF NOT EXISTS pending_offers (id TEXT PRIMARY KEY, peer TEXT NOT NULL,"
                        + " offer BLOB NOT NULL, dest TEXT NOT NULL, received_ms INTEGER NOT NULL)");
        return new PendingOffers(db, file);
    }

    /** Every kept offer, oldest first; a row that no longer reads as an offer is dropped with a warning. */
    List<Kept> all() throws IOException {
        List<Kept> out = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        synchronized (db) {
            try (PreparedStatement q = db.prepareStatement(
                            "SELECT id, peer, offer, dest, received_ms FROM pending_offers ORDER BY received_ms");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    try {
                        out.add(new Kept(
                                r.getString(1),
                                PeerId.parse(r.getString(2)),
                                Offer.parseFrom(r.getBytes(3)),
                                Path.of(r.getString(4)),
                                Instant.ofEpochMilli(r.getLong(5))));
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
            remove(id);
        }
        return out;
    }

    void keep(Kept offer) throws IOException {
        synchronized (db) {
            Sqlite.write(db, WHAT, file, () -> {
                try (PreparedStatement s = db.prepareStatement(
                        "INSERT OR REPLACE INTO pending_offers (id, peer, offer, dest, received_ms) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, offer.id());
                    s.setString(2, offer.from().toString());
                    s.setBytes(3, offer.offer().toByteArray());
                    s.setString(4, offer.dest().toString());
                    s.setLong(5, offer.received().toEpochMilli());
                    s.executeUpdate();
                }
            });
        }
    }

    void remove(String id) throws IOException {
        synchronized (db) {
            Sqlite.write(db, WHAT, file, () -> {
                try (PreparedStatement s = db.prepareStatement("DELETE FROM pending_offers WHERE id = ?")) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
            });
        }
    }

    @Override
    public void close() {
        synchronized (db) {
            Sqlite.close(db);
        }
    }
}
