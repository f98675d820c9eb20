package io.eventsourcing.sqlite;

import io.eventsourcing.jdbc.testkit.JdbcEventCounters;
import io.eventsourcing.tck.ProjectionRunnerConformance;
import io.eventsourcing.tck.system.EventCounters;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projection suite on a SQLite database file, a new file for every test, with the event counters
 * in a table beside the tracking table and the bank accounts in the same file.
 */
class SqliteProjectionRunnerTest extends ProjectionRunnerConformance {
    @TempDir
    static Path directory;

    private final String file = "projection-" + UUID.randomUUID() + ".db";

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", directory.resolve(file).toString());
    }

    @Override
    protected EventCounters createView() {
        return new JdbcEventCounters(env());
    }
}
