package io.eventsourcing.sqlite;

import io.eventsourcing.jdbc.testkit.ApplicationTransactionConformance;
import io.eventsourcing.jdbc.testkit.DcbTransactionConformance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Transactions outside the application on a SQLite database file (WAL), a new file for every test. */
class SqliteFileTransactionTest extends ApplicationTransactionConformance {
    @TempDir
    Path directory;

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", directory.resolve("postoffice.db").toString());
    }

    /** A DCB application's decisions and appends in the same transactions. */
    @Nested
    class Dcb extends DcbTransactionConformance {
        @Override
        protected Map<String, String> env() {
            return SqliteFileTransactionTest.this.env();
        }

        @Override
        protected String customersTable() {
            return SqliteFileTransactionTest.this.customersTable();
        }
    }
}
