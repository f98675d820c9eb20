package io.eventsourcing.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A new application with the starter and {@code spring.datasource.url} only: it starts on an empty
 * database, without Spring Boot's Flyway, with it but no migrations yet, and with migrations of its own;
 * answers over HTTP (conflicts and missing aggregates as problem details); and starts again on the
 * database it left. Each database extends it.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
abstract class MinimalAppTest {
    private final Http http = new Http();

    /** Empties the database (or makes a new one). */
    abstract void emptyDatabase();

    /** The {@code spring.datasource.*} properties of the database. */
    abstract Map<String, String> datasource();

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    void without_spring_boots_flyway_it_starts_serves_requests_and_starts_again() {
        emptyDatabase();
        Map<String, String> properties = properties(Map.of("spring.flyway.enabled", "false"));

        try (ConfigurableApplicationContext app = start(properties)) {
            registersAndAnswersProblems(app);
        }
        try (ConfigurableApplicationContext app = start(properties)) {
            assertThat(http.get(app, "/books/978-0441013593").body().get("title").asString()).isEqualTo("Dune");
            assertThat(historyOf(app, "library_schema_history")).contains("1");
        }
    }

    @Test
    void with_spring_boots_flyway_and_no_migrations_yet_it_starts_serves_requests_and_starts_again() {
        emptyDatabase();
        Map<String, String> properties = properties(Map.of());

        try (ConfigurableApplicationContext app = start(properties)) {
            registersAndAnswersProblems(app);
        }
        try (ConfigurableApplicationContext app = start(properties)) {
            assertThat(http.get(app, "/books/978-0441013593").body().get("title").asString()).isEqualTo("Dune");
            assertThat(historyOf(app, "library_schema_history")).contains("1");
            assertThat(historyOf(app, "flyway_schema_history")).isEmpty();
        }
    }

    @Test
    void with_migrations_of_its_own_both_histories_are_kept_apart_and_one_transaction_writes_both() {
        emptyDatabase();
        Map<String, String> properties = properties(Map.of("spring.flyway.locations", "classpath:minimal/migration"));

        try (ConfigurableApplicationContext app = start(properties)) {
            registersAndAnswersProblems(app);

            Http.Response loan = http.post(app, "/books/978-0441013593/loans", Map.of("member", "Paul"));

            assertThat(loan.status()).isEqualTo(200);
            assertThat(loan.body().get("loans").asInt()).isEqualTo(1);
            assertThat(jdbc(app).queryForObject("SELECT COUNT(*) FROM loans", Integer.class)).isEqualTo(1);
        }
        try (ConfigurableApplicationContext app = start(properties)) {
            assertThat(http.get(app, "/books/978-0441013593").body().get("loans").asInt()).isEqualTo(1);
            assertThat(historyOf(app, "library_schema_history")).contains("1");
            assertThat(historyOf(app, "flyway_schema_history")).containsExactly("1");
            assertThat(jdbc(app).queryForList("SELECT " + quoted("description") + " FROM "
                    + quoted("flyway_schema_history") + " WHERE " + quoted("version") + " IS NOT NULL", String.class))
                    .as("the app's migrations, and none of the library's").containsExactly("loans");
        }
    }

    private void registersAndAnswersProblems(ConfigurableApplicationContext app) {
        Http.Response created = http.post(app, "/books", Map.of("isbn", "978-0441013593", "title", "Dune"));
        assertThat(created.status()).isEqualTo(201);

        Http.Response conflict = http.post(app, "/books", Map.of("isbn", "978-0441013593", "title", "Dune Messiah"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.body().get("status").asInt()).isEqualTo(409);
        assertThat(conflict.body().get("title").asString()).isEqualTo("Conflict");

        Http.Response missing = http.get(app, "/books/0000000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().get("aggregateId").asString()).isEqualTo(Book.createId("0000000000").toString());

        Http.Response found = http.get(app, "/books/978-0441013593");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("title").asString()).isEqualTo("Dune");
    }

    Map<String, String> properties(Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(datasource());
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "warn");
        properties.putAll(more);
        return properties;
    }

    static ConfigurableApplicationContext start(Map<String, String> properties) {
        return new SpringApplicationBuilder(MinimalApp.class).properties(Map.copyOf(properties)).run();
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext app) {
        return app.getBean(JdbcTemplate.class);
    }

    private List<String> historyOf(ConfigurableApplicationContext app, String table) {
        return jdbc(app).queryForList("SELECT " + quoted("version") + " FROM " + quoted(table) + " WHERE "
                + quoted("version") + " IS NOT NULL ORDER BY " + quoted("installed_rank"), String.class);
    }

    /** An identifier Flyway made, as the database's SQL names it: unquoted, unless it upper-cases those. */
    String quoted(String identifier) {
        return identifier;
    }
}
