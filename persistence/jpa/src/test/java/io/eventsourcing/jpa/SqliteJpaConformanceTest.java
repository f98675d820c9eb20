package io.eventsourcing.jpa;

import io.eventsourcing.tck.DcbRecorderProcessConformance;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The whole conformance kit, and the JPA recorder suites with every call in a transaction block, on a SQLite database file (WAL), a new one per test. */
class SqliteJpaConformanceTest extends JpaConformance {
    @TempDir
    static Path directory;

    private final String file = "jpa-" + UUID.randomUUID() + ".db";

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", "jdbc:sqlite:" + directory.resolve(file));
    }

    /** The DCB races across processes, on the same database. */
    @Nested
    class DcbAcrossProcesses extends DcbRecorderProcessConformance {
        @Override
        protected Map<String, String> env() {
            return SqliteJpaConformanceTest.this.env();
        }
    }
}
