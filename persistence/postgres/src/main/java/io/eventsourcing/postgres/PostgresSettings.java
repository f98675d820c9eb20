package io.eventsourcing.postgres;

import static io.eventsourcing.jdbc.JdbcSettings.timeout;
import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.Tables;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@code PERSISTENCE_MODULE=postgres}, with pyeventsourcing's names and defaults,
 * parsed once and validated: every value is checked here, so a bad one fails at construction naming
 * its variable, and none is ever pasted into a URL (they reach the driver as connection properties).
 *
 * @param dbname {@code POSTGRES_DBNAME}, required; at most 63 bytes
 * @param host {@code POSTGRES_HOST}, required: a host name or IP address, or several separated by
 *     commas, each with its own port if it has one ({@code db1:5433}, {@code [::1]:5433}); with several,
 *     connections go to whichever is the primary (see {@link #hosts()})
 * @param port {@code POSTGRES_PORT}, default 5432: the port of the hosts that name none
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
 * @param replicaHost {@code POSTGRES_REPLICA_HOSTS}: read replicas, written as {@code host} is, or null
 *     for none (see {@link #replicas()})
 * @param replicaReads {@code POSTGRES_REPLICA_READS}: which reads go to the replicas, default
 *     {@link ReplicaReads#LOG}
 */
public record PostgresSettings(String dbname, String host, int port, String user, @Nullable String password,
        @Nullable String schema, int poolSize, int maxOverflow, Duration connectTimeout, Duration lockTimeout,
        Duration statementTimeout, Duration idleInTransactionSessionTimeout, Duration connMaxAge, boolean prePing,
        Duration pollInterval, @Nullable String replicaHost, ReplicaReads replicaReads) {

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
    /** The read replicas variable. */
    public static final String POSTGRES_REPLICA_HOSTS = "POSTGRES_REPLICA_HOSTS";
    /** The variable saying which reads go to the replicas. */
    public static final String POSTGRES_REPLICA_READS = "POSTGRES_REPLICA_READS";

    /** Which reads go to the read replicas of {@code POSTGRES_REPLICA_HOSTS}. */
    public enum ReplicaReads {
        /**
         * {@code log}: the notification log's (notifications and their largest id, so subscriptions,
         * followers, projections and notification log readers); the aggregates are read from the primary.
         */
        LOG,
        /**
         * {@code all}: the aggregates' too ({@code repository().get}, snapshots), for an application that
         * only answers queries: an aggregate read from a replica may be behind, and saving it then fails
         * with a conflict.
         */
        ALL
    }

    /**
     * A host and its port.
     *
     * @param name the host name or IP address, as written (an IPv6 address with or without brackets)
     * @param port the port
     */
    public record Host(String name, int port) {
        /** {@code name:port}, with an IPv6 address in brackets. */
        @Override
        public String toString() {
            return (name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name) + ":" + port;
        }
    }

    /** PostgreSQL's longest name of a database, role or schema, in bytes (NAMEDATALEN - 1). */
    static final int MAX_NAME_BYTES = 63;
    /** A host name (RFC 1123 labels), an IPv4 address, or an IPv6 address with or without brackets. */
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
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
        String replicaHost = env.get(POSTGRES_REPLICA_HOSTS).orElse(null);
        if (replicaHost != null) {
            hosts(env, POSTGRES_REPLICA_HOSTS, replicaHost, 5432);
        }
        ReplicaReads replicaReads = replicaReads(env, replicaHost != null);
        int port = env.getInt(POSTGRES_PORT, 5432, 1, 65535);
        String host = required(env, POSTGRES_HOST);
        hosts(env, POSTGRES_HOST, host, port);
        return new PostgresSettings(name(env, POSTGRES_DBNAME, "database"), host, port,
                name(env, POSTGRES_USER, "role"), env.get(POSTGRES_PASSWORD).orElse(null),
                Tables.checkSchema(env.sourceOf(POSTGRES_SCHEMA), env.get(POSTGRES_SCHEMA).orElse(null),
                        new PostgresDialect()),
                env.getInt(POSTGRES_POOL_SIZE, 5, 1, 1000), env.getInt(POSTGRES_MAX_OVERFLOW, 10, 0, 1000),
                timeout(env, POSTGRES_CONNECT_TIMEOUT, Duration.ofSeconds(5), false),
                timeout(env, POSTGRES_LOCK_TIMEOUT, Duration.ZERO, true),
                timeout(env, POSTGRES_STATEMENT_TIMEOUT, Duration.ZERO, true),
                timeout(env, POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT, Duration.ofSeconds(5), true),
                maxAge, env.getBoolean(POSTGRES_PRE_PING, false), poll, replicaHost, replicaReads);
    }

    /**
     * The hosts of {@code POSTGRES_HOST}, each with its port. With one, connections go to it whatever it
     * is; with several, to whichever is the primary (a standby is passed over), tried in turn, so a
     * failover to one of them is followed.
     */
    public List<Host> hosts() {
        return parse(host, port);
    }

    /**
     * The read replicas of {@code POSTGRES_REPLICA_HOSTS}, each with its port ({@code POSTGRES_PORT} if
     * it names none); empty if none are set. Reads go to a standby among them, spread over those that
     * answer, and to a primary among them when no standby does.
     */
    public List<Host> replicas() {
        return replicaHost == null ? List.of() : parse(replicaHost, port);
    }

    /** The database as messages name it: hosts and ports, database and user, never the password. */
    public String target() {
        return "PostgreSQL at " + join(hosts()) + ", database " + dbname + ", user " + user;
    }

    /** The replicas as messages name them, like {@link #target()}. */
    public String replicaTarget() {
        return "PostgreSQL read replicas at " + join(replicas()) + ", database " + dbname + ", user " + user;
    }

    private static String join(List<Host> hosts) {
        return String.join(",", hosts.stream().map(Host::toString).toList());
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

    /** Checks a list of hosts, naming the variable if one is not a host, or not followed by a port. */
    private static void hosts(Environment env, String key, String value, int defaultPort) {
        for (String entry : value.split(",", -1)) {
            Host host = host(entry, defaultPort);
            if (host == null) {
                throw new ConfigurationException(env.sourceOf(key) + " '" + value + "' is not a host name or IP "
                        + "address, with a port or not (or several, separated by commas): '" + entry + "' is not one");
            }
        }
    }

    /** The hosts of a checked list. */
    private static List<Host> parse(String value, int defaultPort) {
        return Stream.of(value.split(",")).map(entry -> requireNonNull(host(entry, defaultPort))).toList();
    }

    /**
     * One host: {@code name}, {@code name:port}, {@code [IPv6]}, {@code [IPv6]:port}, or a bare IPv6 address
     * (two colons or more: it has no port); null if it is none of those.
     */
    private static @Nullable Host host(String entry, int defaultPort) {
        String name = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            if (end > 0 && end < entry.length() - 1) {
                if (entry.charAt(end + 1) != ':') {
                    return null;
                }
                name = entry.substring(0, end + 1);
                port = entry.substring(end + 2);
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            name = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        if (!HOST.matcher(name).matches()) {
            return null;
        }
        if (port == null) {
            return new Host(name, defaultPort);
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return null;
        }
        return new Host(name, Integer.parseInt(port));
    }

    private static ReplicaReads replicaReads(Environment env, boolean replicas) {
        String value = env.get(POSTGRES_REPLICA_READS).orElse(null);
        if (value == null) {
            return ReplicaReads.LOG;
        }
        ReplicaReads reads = switch (value.toLowerCase(Locale.ROOT)) {
            case "log" -> ReplicaReads.LOG;
            case "all" -> ReplicaReads.ALL;
            default -> throw new ConfigurationException(env.sourceOf(POSTGRES_REPLICA_READS) + " '" + value
                    + "' is not one of: log, all");
        };
        if (!replicas) {
            throw new ConfigurationException(env.sourceOf(POSTGRES_REPLICA_READS) + " is set but "
                    + POSTGRES_REPLICA_HOSTS + " is not: name the read replicas, or leave both unset to read from the "
                    + "primary");
        }
        return reads;
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + user + "@" + join(hosts()) + "/" + dbname + ", schema=" + schema
                + ", password=" + (password == null ? null : "***") + ", poolSize=" + poolSize
                + (replicaHost == null ? "" : ", replicas=" + join(replicas()) + ", replicaReads=" + replicaReads)
                + "]";
    }
}
