package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.BackendConformance;
import io.eventsourcing.tck.DcbRecorderProcessConformance;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The whole conformance kit on H2 through {@code PERSISTENCE_MODULE=jdbc}, a new in-memory database per test. */
class H2ConformanceTest extends BackendConformance {
    private final String url = "jdbc:h2:mem:tck" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url);
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return JdbcFactory.class;
    }

    /** Two batches of 2,000 keep the second writer's wait well inside H2's lock timeout on a loaded machine. */
    @Override
    protected int nonInterleavingBatchSize() {
        return 2_000;
    }

    /**
     * The DCB races across processes, on an H2 database file that the processes share through H2's
     * automatic server mode (an in-memory database lives in one process).
     */
    @Nested
    class DcbAcrossProcesses extends DcbRecorderProcessConformance {
        @TempDir
        Path directory;

        @Override
        protected Map<String, String> env() {
            return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL",
                    "jdbc:h2:file:" + directory.resolve("dcb").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        }
    }
}
