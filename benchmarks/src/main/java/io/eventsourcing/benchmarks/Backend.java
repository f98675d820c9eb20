package io.eventsourcing.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The backends benchmarked. PostgreSQL is reached through {@code POSTGRES_HOST}, {@code POSTGRES_PORT},
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD} and {@code POSTGRES_DBNAME} from the process
 * environment, by default {@code postgres@127.0.0.1:5432/es_bench} with trust authentication.
 */
public enum Backend {
    /** The in-memory recorders: no database, so no baseline. */
    MEMORY,
    /** SQLite in a file of a temporary directory (WAL, the library's settings). */
    SQLITE,
    /** PostgreSQL. */
    POSTGRES;

    /** The name used on the command line and in JMH's {@code -p backend=...}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backend a command-line name denotes. */
    public static Backend parse(String name) {
        for (Backend backend : values()) {
            if (backend.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return backend;
            }
        }
        throw new IllegalArgumentException("backend '" + name + "' is not one of: memory, sqlite, postgres");
    }

    /** The backends a runner's first argument names, comma-separated; all three without arguments. */
    public static List<Backend> parseList(String[] args) {
        List<Backend> backends = new ArrayList<>();
        for (String name : (args.length > 0 ? args[0] : "memory,sqlite,postgres").split(",")) {
            backends.add(parse(name));
        }
        return backends;
    }

    /** Whether a raw-JDBC baseline runs on this backend. */
    public boolean hasBaseline() {
        return this != MEMORY;
    }

    /**
     * The application settings.
     *
     * @param directory where SQLite's database file lives
     * @param snapshotting whether the application keeps snapshots
     * @param poolSize connections the PostgreSQL pool keeps open
     */
    public Map<String, String> env(Path directory, boolean snapshotting, int poolSize) {
        Map<String, String> env = new HashMap<>();
        env.put("IS_SNAPSHOTTING_ENABLED", String.valueOf(snapshotting));
        switch (this) {
            case MEMORY -> env.put("PERSISTENCE_MODULE", "memory");
            case SQLITE -> {
                env.put("PERSISTENCE_MODULE", "sqlite");
                env.put("SQLITE_DBNAME", directory.resolve("bench.db").toString());
            }
            case POSTGRES -> {
                env.put("PERSISTENCE_MODULE", "postgres");
                env.put("POSTGRES_HOST", setting("POSTGRES_HOST", "127.0.0.1"));
                env.put("POSTGRES_PORT", setting("POSTGRES_PORT", "5432"));
                env.put("POSTGRES_USER", setting("POSTGRES_USER", "postgres"));
                env.put("POSTGRES_DBNAME", setting("POSTGRES_DBNAME", "es_bench"));
                String password = System.getenv("POSTGRES_PASSWORD");
                if (password != null) {
                    env.put("POSTGRES_PASSWORD", password);
                }
                env.put("POSTGRES_POOL_SIZE", String.valueOf(poolSize));
                env.put("POSTGRES_MAX_OVERFLOW", String.valueOf(Fixture.MAX_OVERFLOW));
            }
        }
        return env;
    }

    /**
     * Empties the backend before a run: drops the benchmark's PostgreSQL tables so every run starts
     * from the same empty tables. The other backends start empty anyway.
     */
    public void reset() throws SQLException {
        if (this != POSTGRES) {
            return;
        }
        try (Connection connection = postgresConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_events");
            statement.execute("DROP TABLE IF EXISTS bench_events_unlocked");
            statement.execute("DROP TABLE IF EXISTS bench_snapshots");
        }
    }

    /** PostgreSQL's JDBC URL, from the same variables as the application's settings. */
    static String postgresUrl() {
        return "jdbc:postgresql://" + setting("POSTGRES_HOST", "127.0.0.1") + ":" + setting("POSTGRES_PORT", "5432") + "/"
                + setting("POSTGRES_DBNAME", "es_bench");
    }

    /** PostgreSQL's user, from the same variables as the application's settings. */
    static String postgresUser() {
        return setting("POSTGRES_USER", "postgres");
    }

    /** PostgreSQL's password, if one is set. */
    static @Nullable String postgresPassword() {
        return System.getenv("POSTGRES_PASSWORD");
    }

    /** A connection of its own to the benchmark's PostgreSQL database, outside any pool. */
    static Connection postgresConnection() throws SQLException {
        return DriverManager.getConnection(postgresUrl(), postgresUser(), postgresPassword());
    }

    private static String setting(String name, String fallback) {
        @Nullable String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
