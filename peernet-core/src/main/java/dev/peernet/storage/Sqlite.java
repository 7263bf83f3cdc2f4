package dev.peernet.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** What the node's SQLite stores (membership, shares, transfers) share: all-or-nothing writes, one sentence for a failure. */
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
        } catch (SQLException | RuntimeException | Error e) {
            // Every throwable: the finally's return to auto-commit would commit what the work did.
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback); // the work's failure is what the caller hears of
            }
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /**
     * {@link #transaction}, with a failure told as one sentence naming the store: {@code what} is
     * what it holds ("the share index"), {@code file} where.
     */
    public static void write(Connection db, String what, Path file, Work work) throws IOException {
        try {
            transaction(db, work);
        } catch (SQLException e) {
            throw failure("write", what, file, e);
        }
    }

    /** The sentence for a failed {@code verb} ("read", "write", "open") of {@code what} in {@code file}. */
    public static IOException failure(String verb, String what, Path file, SQLException e) {
        return new IOException("Could not " + verb + " " + what + " in " + file + ": " + e.getMessage(), e);
    }

    /** Closes {@code db}; on the way out nothing is left to save: every write was committed or rolled back. */
    public static void close(Connection db) {
        try {
            db.close();
        } catch (SQLException e) {
            // nothing left to save
        }
    }

    /**
     * Opens the database in {@code file} in write-ahead-log mode with foreign keys on, and runs
     * {@code schema} (each statement idempotent: {@code CREATE ... IF NOT EXISTS}).
     */
    public static Connection open(Path file, String what, String... schema) throws IOException {
        Connection db = null;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
                for (String statement : schema) {
                    s.execute(statement);
                }
            }
            return db;
        } catch (SQLException e) {
            if (db != null) {
                close(db);
            }
            throw failure("open", what, file, e);
        }
    }
}
