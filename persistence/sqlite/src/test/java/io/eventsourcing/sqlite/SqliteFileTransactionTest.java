package io.eventsourcing.sqlite;

import io.eventsourcing.jdbc.testkit.ApplicationTransactionConformance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Transactions outside the application on a SQLite database file (WAL), a new file for every test. */
class SqliteFileTransactionTest extends ApplicationTransactionConformance {
    @TempDir
    Path directory;

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", directory.resolve("postoffice.db").toString());
    }
}
