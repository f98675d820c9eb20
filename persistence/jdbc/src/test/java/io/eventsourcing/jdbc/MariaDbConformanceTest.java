package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.BackendConformance;
import io.eventsourcing.tck.MultiProcessConformance;
import io.eventsourcing.tck.Databases;
import io.eventsourcing.tck.DcbRecorderProcessConformance;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit on MariaDB through {@code PERSISTENCE_MODULE=jdbc}, in a database of its own
 * that is dropped and created again before every test.
 */
class MariaDbConformanceTest extends BackendConformance {
    static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    static final String DATABASE = "es_tck";

    @Override
    protected void prepare() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute(SERVER, "root", "", "DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE);
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", SERVER + DATABASE, "JDBC_USER", "root");
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return JdbcFactory.class;
    }

    @Override
    protected int nonInterleavingBatchSize() {
        return 2_000;
    }

    /** Writers in four processes at once. */
    @Nested
    class MultiProcess extends MultiProcessConformance {
        @Override
        protected Map<String, String> env() {
            return MariaDbConformanceTest.this.env();
        }

        @Override
        protected void prepare() {
            MariaDbConformanceTest.this.prepare();
        }
    }

    /** The DCB races across processes, on the same database. */
    @Nested
    class DcbAcrossProcesses extends DcbRecorderProcessConformance {
        @Override
        protected Map<String, String> env() {
            return MariaDbConformanceTest.this.env();
        }
    }
}
