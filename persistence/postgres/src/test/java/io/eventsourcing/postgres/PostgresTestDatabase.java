package io.eventsourcing.postgres;

import io.eventsourcing.tck.Databases;
import java.util.HashMap;
import java.util.Map;

/** The PostgreSQL database the tests use: {@code es_tck} on the local server, created if missing. */
final class PostgresTestDatabase {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";
    static final String NAME = "es_tck";
    static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME;
    static final String DEFAULT_SCHEMA = "public";
    private static volatile boolean created;

    private PostgresTestDatabase() {}

    /** Settings for {@code PERSISTENCE_MODULE=postgres} on the test database, with some added. */
    static Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("PERSISTENCE_MODULE", "postgres", "POSTGRES_DBNAME", NAME,
                "POSTGRES_HOST", HOST, "POSTGRES_PORT", String.valueOf(PORT), "POSTGRES_USER", USER));
        env.putAll(more);
        return env;
    }

    /** Drops the schema with everything in it and creates it again (empty). */
    static void reset(String schema) {
        Databases.requireReachable("PostgreSQL", HOST, PORT);
        if (!created) {
            createDatabase();
        }
        Databases.execute(URL, USER, "", "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
    }

    private static synchronized void createDatabase() {
        Databases.createPostgresDatabase("jdbc:postgresql://" + HOST + ":" + PORT + "/", USER, "", NAME);
        created = true;
    }
}
