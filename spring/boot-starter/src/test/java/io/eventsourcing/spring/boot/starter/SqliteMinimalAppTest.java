package io.eventsourcing.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The minimal application on an SQLite file, with the URL a new user writes (no transaction mode). */
class SqliteMinimalAppTest extends MinimalAppTest {
    @TempDir
    Path dir;

    @Override
    void emptyDatabase() {
        try {
            Files.deleteIfExists(dir.resolve("app.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    Map<String, String> datasource() {
        return Map.of("spring.datasource.url", "jdbc:sqlite:" + dir.resolve("app.db"));
    }

    @Test
    void spring_boots_pool_begins_transactions_immediate_unless_the_url_chooses_a_mode() {
        emptyDatabase();
        String url = "jdbc:sqlite:" + dir.resolve("app.db");

        try (ConfigurableApplicationContext app = start(properties(Map.of()))) {
            assertThat(app.getBean(HikariDataSource.class).getJdbcUrl()).isEqualTo(url + "?transaction_mode=IMMEDIATE");
        }
        try (ConfigurableApplicationContext app = start(properties(Map.of("spring.datasource.url",
                url + "?transaction_mode=EXCLUSIVE")))) {
            assertThat(app.getBean(HikariDataSource.class).getJdbcUrl()).isEqualTo(url + "?transaction_mode=EXCLUSIVE");
        }
    }
}
