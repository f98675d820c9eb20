package io.eventsourcing.spring.boot;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.spring.boot.internal.SpringContexts;
import io.eventsourcing.spring.boot.internal.SpringFactory;
import io.eventsourcing.tck.BackendConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole conformance kit on {@code PERSISTENCE_MODULE=spring} over a pool on a SQLite file (transaction_mode=IMMEDIATE), with the
 * tables made by the Flyway migration ({@code CREATE_TABLE=false}), outside any Spring transaction.
 */
class SpringSqliteConformanceTest extends BackendConformance {
    private static @Nullable HikariDataSource dataSource;
    private static @Nullable String contextId;

    @Override
    protected void prepare() {
        closePool();
        try {
            Path file = Files.createTempFile("es-spring-tck", ".db");
            Files.deleteIfExists(file);
            file.toFile().deleteOnExit();
            dataSource = SpringTestDatabases.pool("jdbc:sqlite:" + file + "?transaction_mode=IMMEDIATE", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "spring", SpringContexts.CONTEXT_VARIABLE, requireNonNull(contextId),
                "CREATE_TABLE", "false");
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return SpringFactory.class;
    }

    @Override
    protected int nonInterleavingBatchSize() {
        return 2_000;
    }
}
