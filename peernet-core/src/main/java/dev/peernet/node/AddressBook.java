package dev.peernet.node;

import dev.peernet.identity.PeerId;
import dev.peernet.storage.Sqlite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each member was last known to listen, kept in the node's state: a node that restarts
 * finds its network again at these addresses, with no discovery and no {@code --peer}. The
 * addresses are those a member announces in its liveness messages, and the inviter's address
 * from the invite a node joined with. Writes go to SQLite on a thread of their own, so the
 * failure detector that reports addresses never waits for the disk.
 */
final class AddressBook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AddressBook.class);
    private static final String WHAT = "the members' addresses";

    private final Connection db;
    private final Path file;
    private final InstantSource clock;
    private final Map<PeerId, List<String>> known = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("peernet-address-book").factory());

    private AddressBook(Connection db, Path file, InstantSource clock) {
        this.db = db;
        this.file = file;
        this.clock = clock;
    }

    static AddressBook open(Path file, InstantSource clock) throws IOException {
        Connection db = Sqlite.open(
                file,
                WHAT,
                "CREATE TABLE IF NOT EXISTS member_addresses (peer TEXT PRIMARY KEY, addresses TEXT NOT NULL,"
                        + " updated_ms INTEGER NOT NULL)");
        AddressBook book = new AddressBook(db, file, clock);
        try (PreparedStatement q = db.prepareStatement("SELECT peer, addresses FROM member_addresses");
                ResultSet r = q.executeQuery()) {
            while (r.next()) {
                Optional<PeerId> peer = parsePeer(r.getString(1));
                List<String> addresses = split(r.getString(2));
                if (peer.isPresent() && !addresses.isEmpty()) {
                    book.known.put(peer.get(), addresses);
                }
            }
        } catch (SQLException e) {
            Sqlite.close(db);
            throw Sqlite.failure("read", WHAT, file, e);
        }
        return book;
    }

    /** The addresses {@code peer} was last known at, dialable ones only; empty if none. */
    List<InetSocketAddress> addressesOf(PeerId peer) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String a : known.getOrDefault(peer, List.of())) {
            MemberDialer.parse(a).ifPresent(out::add);
        }
        return out;
    }

    /** Keeps {@code addresses} ("host:port") as where {@code peer} listens, if they differ from what is kept. */
    void remember(PeerId peer, List<String> addresses) {
        if (addresses.isEmpty() || addresses.equals(known.get(peer))) {
            return; // the usual case: the liveness messages repeat what is kept
        }
        List<String> copy = List.copyOf(addresses);
        known.put(peer, copy);
        long now = clock.millis();
        write(() -> {
            try (PreparedStatement s =
                    db.prepareStatement("INSERT INTO member_addresses (peer, addresses, updated_ms) VALUES (?, ?, ?)"
                            + " ON CONFLICT (peer) DO UPDATE SET addresses = excluded.addresses,"
                            + " updated_ms = excluded.updated_ms")) {
                s.setString(1, peer.toString());
                s.setString(2, String.join(" ", copy));
                s.setLong(3, now);
                s.executeUpdate();
            }
        });
    }

    /** Drops what is kept of {@code peer}: it is no longer a member. */
    void forget(PeerId peer) {
        if (known.remove(peer) == null) {
            return;
        }
        write(() -> {
            try (PreparedStatement s = db.prepareStatement("DELETE FROM member_addresses WHERE peer = ?")) {
                s.setString(1, peer.toString());
                s.executeUpdate();
            }
        });
    }

    private void write(Sqlite.Work work) {
        try {
            writer.execute(() -> {
                try {
                    Sqlite.write(db, WHAT, file, work);
                } catch (IOException e) {
                    log.warn("{} (they are kept in memory until the node stops).", e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the next start learns the addresses again
        }
    }

    /** Writes what is queued, then closes the store. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Gave up waiting for {} to be written.", WHAT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Sqlite.close(db);
    }

    private static Optional<PeerId> parsePeer(String text) {
        try {
            return Optional.of(PeerId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> split(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
    }
}
