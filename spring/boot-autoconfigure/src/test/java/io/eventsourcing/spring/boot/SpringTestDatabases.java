package io.eventsourcing.spring.boot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.spring.boot.internal.SpringContexts;
import io.eventsourcing.tck.Databases;
import org.jspecify.annotations.Nullable;

/** The databases of the Spring tests: PostgreSQL {@code es_spring} (created if missing) and SQLite files. */
final class SpringTestDatabases {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";
    static final String NAME = "es_spring";
    static final String POSTGRES_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME;
    private static volatile boolean created;

    private SpringTestDatabases() {}

    /** Empties the PostgreSQL test database (its public schema), creating the database if missing. */
    static void resetPostgres() {
        Databases.requireReachable("PostgreSQL", HOST, PORT);
        if (!created) {
            createDatabase();
        }
        Databases.execute(POSTGRES_URL, USER, "", "DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
    }

    /** A pool on a JDBC URL, as Spring Boot would make from spring.datasource.url. */
    static HikariDataSource pool(String url, @Nullable String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }

    /** Registers a data source as a Spring context's database would be; returns the context id. */
    static String register(HikariDataSource dataSource) {
        String url = dataSource.getJdbcUrl();
        return SpringContexts.register(new SpringContexts.Database(dataSource, JdbcFactory.dialectFor(url), url));
    }

    private static synchronized void createDatabase() {
        Databases.createPostgresDatabase("jdbc:postgresql://" + HOST + ":" + PORT + "/", USER, "", NAME);
        created = true;
    }
}
