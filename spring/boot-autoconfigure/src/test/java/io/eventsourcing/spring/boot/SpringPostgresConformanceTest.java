package io.eventsourcing.spring.boot;

import com.zaxxer.hikari.HikariDataSource;

/** The whole conformance kit on {@code PERSISTENCE_MODULE=spring} over PostgreSQL ({@code es_spring}). */
class SpringPostgresConformanceTest extends SpringBackendConformance {

    @Override
    HikariDataSource emptyDatabase() {
        SpringTestDatabases.resetPostgres();
        return SpringTestDatabases.pool(SpringTestDatabases.POSTGRES_URL, SpringTestDatabases.USER);
    }

    @Override
    protected int nonInterleavingBatchSize() {
        return 1_000;
    }
}
