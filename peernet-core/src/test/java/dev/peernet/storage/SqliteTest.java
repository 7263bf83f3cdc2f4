package dev.peernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTest {
    @TempDir
    Path dir;

    private Connection db;

    @BeforeEach
    void open() throws Exception {
        db = Sqlite.open(dir.resolve("t.db"), "the test store", "CREATE TABLE IF NOT EXISTS t (v INTEGER)");
    }

    @AfterEach
    void close() {
        Sqlite.close(db);
    }

    @Test
    void aTransactionWhoseWorkThrowsAnErrorKeepsNoneOfIt() throws Exception {
        assertThatThrownBy(() -> Sqlite.transaction(db, () -> {
                    insert(1);
                    throw new OutOfMemoryError("as if the heap ran out half-way");
                }))
                .isInstanceOf(OutOfMemoryError.class);

        assertThat(rows()).isZero();
        assertThat(db.getAutoCommit()).isTrue();
    }

    @Test
    void aTransactionWhoseWorkThrowsKeepsNoneOfItAndOneThatEndsKeepsAll() throws Exception {
        assertThatThrownBy(() -> Sqlite.transaction(db, () -> {
                    insert(1);
                    throw new IllegalStateException("half-way");
                }))
                .isInstanceOf(IllegalStateException.class);
        Sqlite.transaction(db, () -> {
            insert(2);
            insert(3);
        });

        assertThat(rows()).isEqualTo(2);
    }

    private void insert(int v) throws java.sql.SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO t (v) VALUES (" + v + ")");
        }
    }

    private int rows() throws java.sql.SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
            return r.getInt(1);
        }
    }
}
