package io.eventsourcing.jpa;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The JPA recorder suites (every call in a transaction block) on a SQLite database file (WAL), a new one per test. */
class SqliteJpaConformanceTest extends JpaRecorderConformance {
    @TempDir
    static Path directory;

    private final String file = "jpa-" + UUID.randomUUID() + ".db";

    @Override
    Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", "jdbc:sqlite:" + directory.resolve(file));
    }

    @Override
    void emptyDatabase() {}
}
