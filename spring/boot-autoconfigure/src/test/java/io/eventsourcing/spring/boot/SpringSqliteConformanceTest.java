package io.eventsourcing.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole conformance kit on {@code PERSISTENCE_MODULE=spring} over a new SQLite file per test, its
 * transactions begun IMMEDIATE ({@code transaction_mode=IMMEDIATE}) as a Spring application's should be.
 */
class SpringSqliteConformanceTest extends SpringBackendConformance {

    @Override
    HikariDataSource emptyDatabase() {
        try {
            Path file = Files.createTempFile("es-spring-tck", ".db");
            Files.deleteIfExists(file);
            file.toFile().deleteOnExit();
            return SpringTestDatabases.pool("jdbc:sqlite:" + file + "?transaction_mode=IMMEDIATE", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected int nonInterleavingBatchSize() {
        return 2_000;
    }
}
