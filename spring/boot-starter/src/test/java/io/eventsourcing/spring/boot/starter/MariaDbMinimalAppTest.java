package io.eventsourcing.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.tck.Databases;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The minimal application on MariaDB, in a freshly made {@code es_spring_minimal} database, with no
 * isolation level set (the starter sets the one the library needs on Spring Boot's pool). Skipped with
 * the reason printed when MariaDB is not reachable, failed under {@code CI=true}.
 */
class MariaDbMinimalAppTest extends MinimalAppTest {
    @Override
    void emptyDatabase() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute("jdbc:mariadb://127.0.0.1:3306/test", "root", "",
                "DROP DATABASE IF EXISTS es_spring_minimal", "CREATE DATABASE es_spring_minimal");
    }

    @Override
    Map<String, String> datasource() {
        return Map.of("spring.datasource.url", "jdbc:mariadb://127.0.0.1:3306/es_spring_minimal",
                "spring.datasource.username", "root");
    }

    @Test
    void spring_boots_pool_runs_at_read_committed_and_an_isolation_the_app_chose_is_checked() {
        emptyDatabase();

        try (ConfigurableApplicationContext app = start(properties(Map.of()))) {
            assertThat(app.getBean(HikariDataSource.class).getTransactionIsolation())
                    .isEqualTo("TRANSACTION_READ_COMMITTED");
        }
        assertThatThrownBy(() -> start(properties(Map.of("spring.datasource.hikari.transaction-isolation",
                "TRANSACTION_REPEATABLE_READ")))).rootCause()
                .hasMessageContaining("need TRANSACTION_READ_COMMITTED")
                .hasMessageContaining("spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED");
    }
}
