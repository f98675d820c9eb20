package io.eventsourcing.spring.boot;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.spring.boot.internal.SpringContexts;
import io.eventsourcing.spring.boot.internal.SpringFactory;
import io.eventsourcing.tck.BackendConformance;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole conformance kit on {@code PERSISTENCE_MODULE=spring} over a pool registered as a Spring
 * context's database would be, with the tables made by the Flyway migration ({@code CREATE_TABLE=false}),
 * outside any Spring transaction. Each test gets a new pool on an empty database.
 */
abstract class SpringBackendConformance extends BackendConformance {
    private static @Nullable HikariDataSource dataSource;
    private static @Nullable String contextId;

    /** Empties the database and makes a pool on it. */
    abstract HikariDataSource emptyDatabase();

    @Override
    protected final void prepare() {
        closePool();
        dataSource = emptyDatabase();
        contextId = SpringTestDatabases.register(dataSource);
    }

    @AfterAll
    static void closePool() {
        if (dataSource != null) {
            SpringContexts.unregister(requireNonNull(contextId));
            dataSource.close();
            dataSource = null;
        }
    }

    @Override
    protected final Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "spring", SpringContexts.CONTEXT_VARIABLE, requireNonNull(contextId),
                "CREATE_TABLE", "false");
    }

    @Override
    protected final Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return SpringFactory.class;
    }
}
