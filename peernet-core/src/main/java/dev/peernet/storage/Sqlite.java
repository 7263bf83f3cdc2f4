package dev.peernet.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** What the node's SQLite stores (membership, shares) share: all-or-nothing writes. */
public final class Sqlite {
    private Sqlite() {}

    /** Statements run together; a failure rolls all of them back. */
    public interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction on {@code db}: committed whole, or rolled back whole if
     * it throws, so a killed process leaves the last committed state.
     *
     * @throws SQLException if the work or the commit failed; nothing of it was kept
     */
    public static void transaction(Connection db, Work work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }
}
