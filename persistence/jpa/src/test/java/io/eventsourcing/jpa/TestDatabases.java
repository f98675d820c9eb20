package io.eventsourcing.jpa;

import io.eventsourcing.tck.Databases;

/** The server databases of the tests: {@code es_jpa} on the local PostgreSQL and MariaDB servers. */
final class TestDatabases {
    static final String NAME = "es_jpa";
    static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String POSTGRES_URL = POSTGRES_SERVER + NAME;
    static final String POSTGRES_USER = "postgres";
    static final String MARIADB_SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    static final String MARIADB_URL = MARIADB_SERVER + NAME;
    static final String MARIADB_USER = "root";
    private static volatile boolean postgresCreated;

    private TestDatabases() {}

    /** Empties the PostgreSQL database's public schema, creating the database first if missing. */
    static void resetPostgres() {
        Databases.requireReachable("PostgreSQL", "127.0.0.1", 5432);
        if (!postgresCreated) {
            createPostgres();
        }
        Databases.execute(POSTGRES_URL, POSTGRES_USER, "", "DROP SCHEMA IF EXISTS public CASCADE",
                "CREATE SCHEMA public");
    }

    /** Drops the MariaDB database and creates it again. */
    static void resetMariaDb() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute(MARIADB_SERVER, MARIADB_USER, "", "DROP DATABASE IF EXISTS " + NAME,
                "CREATE DATABASE " + NAME);
    }

    private static synchronized void createPostgres() {
        Databases.createPostgresDatabase(POSTGRES_SERVER, POSTGRES_USER, "", NAME);
        postgresCreated = true;
    }
}
