package io.eventsourcing.postgres;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@code PERSISTENCE_MODULE=postgres}, with pyeventsourcing's names and defaults,
 * parsed once and validated.
 *
 * @param dbname {@code POSTGRES_DBNAME}, required
 * @param host {@code POSTGRES_HOST}, required
 * @param port {@code POSTGRES_PORT}, default 5432
 * @param user {@code POSTGRES_USER}, required
 * @param password {@code POSTGRES_PASSWORD}, or null (e.g. for trust authentication)
 * @param schema {@code POSTGRES_SCHEMA}, or null for the user's default ({@code public})
 * @param poolSize {@code POSTGRES_POOL_SIZE}: connections kept open, default 5
 * @param maxOverflow {@code POSTGRES_MAX_OVERFLOW}: more connections opened under load, default 10
 * @param connectTimeout {@code POSTGRES_CONNECT_TIMEOUT}: longest wait for a connection, default 30 s
 * @param lockTimeout {@code POSTGRES_LOCK_TIMEOUT}: longest wait for the insert lock, default 0 (no limit)
 * @param idleInTransactionSessionTimeout {@code POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT}: default 5 s, 0 off
 * @param connMaxAge {@code POSTGRES_CONN_MAX_AGE}: a connection's longest life, default 3600 s
 * @param prePing {@code POSTGRES_PRE_PING}: default false (see {@link PostgresFactory})
 * @param pollInterval {@code POSTGRES_POLL_INTERVAL}: a subscription's fallback poll, default 1 s
 */
public record PostgresSettings(String dbname, String host, int port, String user, @Nullable String password,
        @Nullable String schema, int poolSize, int maxOverflow, Duration connectTimeout, Duration lockTimeout,
        Duration idleInTransactionSessionTimeout, Duration connMaxAge, boolean prePing, Duration pollInterval) {

    /** The names of the variables read. */
    public static final String POSTGRES_DBNAME = "POSTGRES_DBNAME";
    /** The host variable. */
    public static final String POSTGRES_HOST = "POSTGRES_HOST";
    /** The port variable. */
    public static final String POSTGRES_PORT = "POSTGRES_PORT";
    /** The user variable. */
    public static final String POSTGRES_USER = "POSTGRES_USER";
    /** The password variable. */
    public static final String POSTGRES_PASSWORD = "POSTGRES_PASSWORD";
    /** The schema variable. */
    public static final String POSTGRES_SCHEMA = "POSTGRES_SCHEMA";
    /** The pool size variable. */
    public static final String POSTGRES_POOL_SIZE = "POSTGRES_POOL_SIZE";
    /** The overflow variable. */
    public static final String POSTGRES_MAX_OVERFLOW = "POSTGRES_MAX_OVERFLOW";
    /** The connect timeout variable. */
    public static final String POSTGRES_CONNECT_TIMEOUT = "POSTGRES_CONNECT_TIMEOUT";
    /** The lock timeout variable. */
    public static final String POSTGRES_LOCK_TIMEOUT = "POSTGRES_LOCK_TIMEOUT";
    /** The idle-in-transaction timeout variable. */
    public static final String POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT =
            "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT";
    /** The connection age variable. */
    public static final String POSTGRES_CONN_MAX_AGE = "POSTGRES_CONN_MAX_AGE";
    /** The pre-ping variable. */
    public static final String POSTGRES_PRE_PING = "POSTGRES_PRE_PING";
    /** The poll interval variable. */
    public static final String POSTGRES_POLL_INTERVAL = "POSTGRES_POLL_INTERVAL";

    /**
     * The settings in an environment.
     *
     * @throws ConfigurationException if a required variable is missing or a value is invalid, naming it
     */
    public static PostgresSettings from(Environment env) {
        Duration maxAge = env.getSeconds(POSTGRES_CONN_MAX_AGE, Duration.ofHours(1));
        if (!maxAge.isZero() && maxAge.compareTo(Duration.ofSeconds(30)) < 0) {
            throw new ConfigurationException(env.sourceOf(POSTGRES_CONN_MAX_AGE) + " '" + env.get(POSTGRES_CONN_MAX_AGE, "")
                    + "' is too short: use 0 (no limit) or at least 30 seconds");
        }
        Duration poll = env.getSeconds(POSTGRES_POLL_INTERVAL, Duration.ofSeconds(1));
        if (poll.isZero()) {
            throw new ConfigurationException(env.sourceOf(POSTGRES_POLL_INTERVAL) + " must be above 0 seconds");
        }
        return new PostgresSettings(required(env, POSTGRES_DBNAME), required(env, POSTGRES_HOST),
                env.getInt(POSTGRES_PORT, 5432, 1, 65535), required(env, POSTGRES_USER),
                env.get(POSTGRES_PASSWORD).orElse(null), env.get(POSTGRES_SCHEMA).orElse(null),
                env.getInt(POSTGRES_POOL_SIZE, 5, 1, 1000), env.getInt(POSTGRES_MAX_OVERFLOW, 10, 0, 1000),
                env.getSeconds(POSTGRES_CONNECT_TIMEOUT, Duration.ofSeconds(30)),
                env.getSeconds(POSTGRES_LOCK_TIMEOUT, Duration.ZERO),
                env.getSeconds(POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT, Duration.ofSeconds(5)),
                maxAge, env.getBoolean(POSTGRES_PRE_PING, false), poll);
    }

    /** The JDBC URL. */
    public String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + dbname;
    }

    private static String required(Environment env, String key) {
        return env.get(key).orElseThrow(() -> new ConfigurationException(key
                + " is not set: PERSISTENCE_MODULE=postgres needs POSTGRES_DBNAME, POSTGRES_HOST and POSTGRES_USER"));
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + user + "@" + host + ":" + port + "/" + dbname + ", schema=" + schema
                + ", password=" + (password == null ? null : "***") + ", poolSize=" + poolSize + "]";
    }
}
