package io.eventsourcing.postgres;

import static io.eventsourcing.jdbc.JdbcSettings.timeout;

import io.eventsourcing.jdbc.Tables;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@code PERSISTENCE_MODULE=postgres}, with pyeventsourcing's names and defaults,
 * parsed once and validated: every value is checked here, so a bad one fails at construction naming
 * its variable, and none is ever pasted into a URL (they reach the driver as connection properties).
 *
 * @param dbname {@code POSTGRES_DBNAME}, required; at most 63 bytes
 * @param host {@code POSTGRES_HOST}, required: a host name or IP address, or several separated by
 *     commas, tried in turn
 * @param port {@code POSTGRES_PORT}, default 5432
 * @param user {@code POSTGRES_USER}, required; at most 63 bytes
 * @param password {@code POSTGRES_PASSWORD}, or null (e.g. for trust authentication)
 * @param schema {@code POSTGRES_SCHEMA} (lower-cased), or null for the user's default ({@code public});
 *     not a reserved word, at most 63 bytes
 * @param poolSize {@code POSTGRES_POOL_SIZE}: connections kept open, default 5
 * @param maxOverflow {@code POSTGRES_MAX_OVERFLOW}: more connections opened under load, default 10
 * @param connectTimeout {@code POSTGRES_CONNECT_TIMEOUT}: longest wait to connect, at construction and
 *     later for a pooled connection, default 5 s
 * @param lockTimeout {@code POSTGRES_LOCK_TIMEOUT}: longest wait for any lock, by writers and readers
 *     alike, default 0 (no limit)
 * @param statementTimeout {@code POSTGRES_STATEMENT_TIMEOUT}: longest run of any statement, reads
 *     included, default 0 (no limit)
 * @param idleInTransactionSessionTimeout {@code POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT}: default 5 s, 0 off
 * @param connMaxAge {@code POSTGRES_CONN_MAX_AGE}: a connection's longest life, default 3600 s
 * @param prePing {@code POSTGRES_PRE_PING}: default false (see {@link PostgresFactory})
 * @param pollInterval {@code POSTGRES_POLL_INTERVAL}: a subscription's fallback poll, default 1 s
 */
public record PostgresSettings(String dbname, String host, int port, String user, @Nullable String password,
        @Nullable String schema, int poolSize, int maxOverflow, Duration connectTimeout, Duration lockTimeout,
        Duration statementTimeout, Duration idleInTransactionSessionTimeout, Duration connMaxAge, boolean prePing,
        Duration pollInterval) {

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
    /** The statement timeout variable. */
    public static final String POSTGRES_STATEMENT_TIMEOUT = "POSTGRES_STATEMENT_TIMEOUT";
    /** The idle-in-transaction timeout variable. */
    public static final String POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT =
            "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT";
    /** The connection age variable. */
    public static final String POSTGRES_CONN_MAX_AGE = "POSTGRES_CONN_MAX_AGE";
    /** The pre-ping variable. */
    public static final String POSTGRES_PRE_PING = "POSTGRES_PRE_PING";
    /** The poll interval variable. */
    public static final String POSTGRES_POLL_INTERVAL = "POSTGRES_POLL_INTERVAL";

    /** PostgreSQL's longest name of a database, role or schema, in bytes (NAMEDATALEN - 1). */
    static final int MAX_NAME_BYTES = 63;
    /** A host name (RFC 1123 labels), an IPv4 address, or an IPv6 address with or without brackets. */
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?"
                    + "|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9]+)?]?");

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
        return new PostgresSettings(name(env, POSTGRES_DBNAME, "database"), host(env), env.getInt(POSTGRES_PORT, 5432, 1, 65535),
                name(env, POSTGRES_USER, "role"), env.get(POSTGRES_PASSWORD).orElse(null),
                Tables.checkSchema(env.sourceOf(POSTGRES_SCHEMA), env.get(POSTGRES_SCHEMA).orElse(null),
                        new PostgresDialect()),
                env.getInt(POSTGRES_POOL_SIZE, 5, 1, 1000), env.getInt(POSTGRES_MAX_OVERFLOW, 10, 0, 1000),
                timeout(env, POSTGRES_CONNECT_TIMEOUT, Duration.ofSeconds(5), false),
                timeout(env, POSTGRES_LOCK_TIMEOUT, Duration.ZERO, true),
                timeout(env, POSTGRES_STATEMENT_TIMEOUT, Duration.ZERO, true),
                timeout(env, POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT, Duration.ofSeconds(5), true),
                maxAge, env.getBoolean(POSTGRES_PRE_PING, false), poll);
    }

    /** The hosts, in the order they are tried. */
    public List<String> hosts() {
        return List.of(host.split(","));
    }

    /** The database as messages name it: hosts, port, database and user, never the password. */
    public String target() {
        return "PostgreSQL at " + host + ":" + port + ", database " + dbname + ", user " + user;
    }

    private static String required(Environment env, String key) {
        return env.get(key).orElseThrow(() -> new ConfigurationException(key
                + " is not set: PERSISTENCE_MODULE=postgres needs POSTGRES_DBNAME, POSTGRES_HOST and POSTGRES_USER"));
    }

    /** A database or role name: any text PostgreSQL keeps whole (it cuts longer names short). */
    private static String name(Environment env, String key, String what) {
        String value = required(env, key);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES || value.indexOf('\0') >= 0) {
            throw new ConfigurationException(env.sourceOf(key) + " '" + value + "' cannot name a " + what + ": "
                    + (bytes > MAX_NAME_BYTES ? "it has " + bytes + " bytes and PostgreSQL keeps only "
                            + MAX_NAME_BYTES : "it contains a NUL character"));
        }
        return value;
    }

    private static String host(Environment env) {
        String value = required(env, POSTGRES_HOST);
        for (String host : value.split(",", -1)) {
            if (!HOST.matcher(host).matches()) {
                throw new ConfigurationException(env.sourceOf(POSTGRES_HOST) + " '" + value + "' is not a host name "
                        + "or IP address (or several, separated by commas): '" + host + "' is not one");
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + user + "@" + host + ":" + port + "/" + dbname + ", schema=" + schema
                + ", password=" + (password == null ? null : "***") + ", poolSize=" + poolSize + "]";
    }
}
