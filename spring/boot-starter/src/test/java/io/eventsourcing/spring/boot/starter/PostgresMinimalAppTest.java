package io.eventsourcing.spring.boot.starter;

import io.eventsourcing.tck.Databases;
import java.util.Map;

/**
 * The minimal application on PostgreSQL, in a freshly made {@code es_spring_minimal} database. Skipped
 * with the reason printed when PostgreSQL is not reachable, failed under {@code CI=true}.
 */
class PostgresMinimalAppTest extends MinimalAppTest {
    @Override
    void emptyDatabase() {
        Databases.requireReachable("PostgreSQL", "127.0.0.1", 5432);
        Databases.execute("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "",
                "DROP DATABASE IF EXISTS es_spring_minimal WITH (FORCE)", "CREATE DATABASE es_spring_minimal");
    }

    @Override
    Map<String, String> datasource() {
        return Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/es_spring_minimal",
                "spring.datasource.username", "postgres");
    }
}
