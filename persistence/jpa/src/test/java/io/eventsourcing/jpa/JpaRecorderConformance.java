package io.eventsourcing.jpa;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.tck.ApplicationRecorderConformance;
import io.eventsourcing.tck.ProcessRecorderConformance;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/*
 * Design: the recorders' suites run with every call of the application and process recorders inside
 * transaction(entityManager -> ...), so the ids, the lock, the conflicts and the concurrent writers are
 * checked on the Hibernate session's own connection. Each database is a subclass that prepares an empty
 * database per test. JpaConformance adds the rest of the kit (plain calls, the factory, the application).
 */

/** The application and process recorder suites on {@code PERSISTENCE_MODULE=jpa}, every call in a transaction block. */
abstract class JpaRecorderConformance {
    /** The settings selecting the database, with {@code PERSISTENCE_MODULE=jpa}. */
    abstract Map<String, String> env();

    /** Empties the database before each test (server databases first check they are reachable). */
    abstract void emptyDatabase();

    private @Nullable InfrastructureFactory factory;

    @BeforeEach
    void prepare() {
        emptyDatabase();
    }

    /** The test's factory, made on first use (after the database is prepared) and closed after the test. */
    InfrastructureFactory factory() {
        if (factory == null) {
            factory = InfrastructureFactory.construct(Environment.isolated("Tck", env()));
        }
        return factory;
    }

    @AfterEach
    void closeFactory() {
        if (factory != null) {
            factory.close();
        }
    }

    @Nested
    class ApplicationsInTransactions extends ApplicationRecorderConformance {
        @Override
        protected ApplicationRecorder createRecorder() {
            return new InTransactions(factory().processRecorder());
        }
    }

    @Nested
    class ProcessesInTransactions extends ProcessRecorderConformance {
        @Override
        protected ProcessRecorder createRecorder() {
            return new InTransactions(factory().processRecorder());
        }
    }
}
