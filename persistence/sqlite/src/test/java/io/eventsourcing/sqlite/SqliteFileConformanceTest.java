package io.eventsourcing.sqlite;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.BackendConformance;
import io.eventsourcing.tck.MultiProcessConformance;
import io.eventsourcing.tck.DcbRecorderProcessConformance;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The whole conformance kit on a SQLite database file (WAL), a new file for every test. */
class SqliteFileConformanceTest extends BackendConformance {
    @TempDir
    static Path directory;

    private final String file = "test-" + UUID.randomUUID() + ".db";

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", directory.resolve(file).toString());
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return SqliteFactory.class;
    }

    /** Writers in four processes at once. */
    @Nested
    class MultiProcess extends MultiProcessConformance {
        @Override
        protected Map<String, String> env() {
            return SqliteFileConformanceTest.this.env();
        }

        @Override
        protected void prepare() {
            SqliteFileConformanceTest.this.prepare();
        }
    }

    /** The DCB races across processes, on the same database. */
    @Nested
    class DcbAcrossProcesses extends DcbRecorderProcessConformance {
        @Override
        protected Map<String, String> env() {
            return SqliteFileConformanceTest.this.env();
        }
    }
}
