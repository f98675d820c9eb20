package io.eventsourcing.examples;

import io.eventsourcing.tck.Databases;
import java.util.Map;

/**
 * The examples' PostgreSQL: the server on 127.0.0.1:5432 (user {@code postgres}, trust
 * authentication), the database {@code es_examples} (created if missing), one schema per test.
 */
public final class Postgres {
    /** The examples' database. */
    public static final String DATABASE = "es_examples";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private Postgres() {}

    /**
     * Requires the server (failing under {@code CI=true}, skipping elsewhere) and makes each database
     * anew, empty: for examples that keep each application in a database of its own.
     */
    public static void freshDatabases(String... names) {
        Databases.requireReachable("PostgreSQL", "127.0.0.1", 5432);
        for (String name : names) {
            Databases.execute(SERVER + "postgres", "postgres", "", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
                    "CREATE DATABASE " + name);
        }
    }

    /**
     * Requires the server (failing under {@code CI=true}, skipping elsewhere), makes sure the database
     * exists, drops the schema with everything in it and creates it empty.
     *
     * @return the settings of applications and views whose tables live in that schema
     */
    public static Map<String, String> env(String schema) {
        Databases.requireReachable("PostgreSQL", "127.0.0.1", 5432);
        Databases.createPostgresDatabase(SERVER, "postgres", "", DATABASE);
        Databases.execute(SERVER + DATABASE, "postgres", "", "DROP SCHEMA IF EXISTS " + schema + " CASCADE",
                "CREATE SCHEMA " + schema);
        return Map.of(
                "PERSISTENCE_MODULE", "postgres",
                "POSTGRES_DBNAME", DATABASE,
                "POSTGRES_HOST", "127.0.0.1",
                "POSTGRES_PORT", "5432",
                "POSTGRES_USER", "postgres",
                "POSTGRES_SCHEMA", schema,
                "POSTGRES_POOL_SIZE", "2",
                "POSTGRES_MAX_OVERFLOW", "4");
    }
}
