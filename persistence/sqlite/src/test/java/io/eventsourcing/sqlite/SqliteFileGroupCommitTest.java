package io.eventsourcing.sqlite;

import io.eventsourcing.jdbc.testkit.GroupCommitConformance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on a SQLite database file, a new file for every test. */
class SqliteFileGroupCommitTest extends GroupCommitConformance {
    @TempDir
    Path directory;

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", directory.resolve("grouped.db").toString(),
                "SQLITE_LOCK_TIMEOUT", "20");
    }
}
