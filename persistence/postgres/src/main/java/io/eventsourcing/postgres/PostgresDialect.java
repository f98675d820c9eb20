package io.eventsourcing.postgres;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.GroupWriter;
import io.eventsourcing.jdbc.JdbcDcbDialect;
import io.eventsourcing.jdbc.JdbcDialect;
import io.eventsourcing.jdbc.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.GT;
import org.postgresql.util.PSQLException;

/**
 * PostgreSQL. Ids are {@code uuid}, state is {@code bytea}. Notification ids are ordered by
 * {@code LOCK TABLE ... IN EXCLUSIVE MODE} on the events table inside the insert transaction: it
 * excludes other writers until commit but not readers ({@code SELECT} takes ACCESS SHARE, which
 * EXCLUSIVE allows). With a lock timeout, {@code SET LOCAL lock_timeout} makes a writer that waits
 * longer fail with {@code OperationalException}. Inserts send {@code NOTIFY} on a channel named
 * after the table, delivered at commit, while subscriptions {@code LISTEN} on it (see
 * {@link PostgresNotices}). A group of saves goes to the database in one round trip
 * ({@link PostgresGroupWriter}); inside a caller's transaction, the lock, the read of the largest
 * notification id and the notice go in one round trip and the insert in another.
 */
public final class PostgresDialect implements JdbcDialect {
    /** PostgreSQL's reserved key words (those {@code pg_get_keywords()} lists in categories R and T). */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint",
            "create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
            "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading",
            "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset",
            "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning",
            "right", "select", "session_user", "similar", "some", "symmetric", "table", "tablesample", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
            "with");
    /**
     * The start of the driver's message when none of several hosts is of the type asked for, in the
     * driver's language.
     */
    private static final String NO_SERVER_OF_TYPE = noServerOfType();
    private final Duration lockTimeout;
    private final GroupWriter groupWriter;

    /** The dialect without a lock timeout (wait for the lock as long as it takes). */
    public PostgresDialect() {
        this(Duration.ZERO);
    }

    /** @param lockTimeout how long a writer waits for the table lock; zero for no limit */
    public PostgresDialect(Duration lockTimeout) {
        this.lockTimeout = requireNonNull(lockTimeout, "lockTimeout");
        this.groupWriter = new PostgresGroupWriter(lockTimeoutClause(), JdbcDialect.super.groupWriter());
    }

    /** {@code SET LOCAL lock_timeout = '...ms'; } with the dialect's lock timeout, or empty without one. */
    private String lockTimeoutClause() {
        return lockTimeout.isZero() ? "" : "SET LOCAL lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'; ";
    }

    /**
     * Also passes by itself: finding no primary among several hosts (the driver's "could not find a
     * server with specified targetServerType", while a failover promotes a standby), and a read on a
     * standby cancelled for a conflict with the replay of the primary's changes (SQLState 40001, which
     * a read on the primary, at READ COMMITTED, never meets).
     */
    @Override
    public boolean isTransient(SQLException e) {
        if (JdbcDialect.super.isTransient(e) || "40001".equals(e.getSQLState())) {
            return true;
        }
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            return isTransient(cause); // the pool's timeout, after the driver's failure
        }
        return e instanceof PSQLException && "08001".equals(e.getSQLState()) && e.getCause() == null
                && e.getMessage() != null && e.getMessage().startsWith(NO_SERVER_OF_TYPE);
    }

    /** Writes a whole group of saves in one round trip (see {@link PostgresGroupWriter}). */
    @Override
    public GroupWriter groupWriter() {
        return groupWriter;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** A reserved key word, or a name starting {@code pg_}, which PostgreSQL keeps for its own schemas. */
    @Override
    public boolean isReserved(String identifier) {
        return RESERVED.contains(identifier) || identifier.startsWith("pg_");
    }

    /**
     * {@code connectTimeout} (the socket) and {@code loginTimeout} (the whole of connecting and
     * authenticating), both in whole seconds, at least 1.
     */
    @Override
    public Map<String, String> connectionProperties(Duration connectTimeout) {
        String seconds = String.valueOf(Math.max(1, (connectTimeout.toMillis() + 999) / 1000));
        return Map.of("connectTimeout", seconds, "loginTimeout", seconds);
    }

    @Override
    public List<String> createEventsTable(Tables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.events() + " (originator_id uuid NOT NULL, "
                + "originator_version bigint NOT NULL, topic text NOT NULL, state bytea NOT NULL, "
                + "notification_id bigint NOT NULL, PRIMARY KEY (originator_id, originator_version), "
                + "UNIQUE (notification_id))");
    }

    @Override
    public List<String> createAggregateTable(String table) {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (originator_id uuid NOT NULL, "
                + "originator_version bigint NOT NULL, topic text NOT NULL, state bytea NOT NULL, "
                + "PRIMARY KEY (originator_id, originator_version))");
    }

    @Override
    public List<String> createTrackingTable(Tables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.tracking() + " (application_name text NOT NULL "
                + "PRIMARY KEY, notification_id bigint NOT NULL)");
    }

    @Override
    public void lockNotifications(Connection connection, Tables tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(lockTimeoutClause() + "LOCK TABLE " + tables.events() + " IN EXCLUSIVE MODE");
        }
    }

    /**
     * Sends the lock, the {@code SELECT MAX} and the {@code NOTIFY} (in the select, if someone listens)
     * in one round trip: the driver sends the statements of one string together and waits once. It is
     * prepared so that the driver parses it once per connection.
     */
    @Override
    public long lockAndSelectMaxNotificationId(Connection connection, Tables tables) throws SQLException {
        String sql = lockTimeoutClause() + "LOCK TABLE " + tables.events() + " IN EXCLUSIVE MODE; "
                + "SELECT MAX(notification_id), " + PostgresNotices.notifyIfListened(tables, "true") + " FROM "
                + tables.events();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            boolean rows = statement.execute();
            for (int skipped = 0; !rows && skipped < 2; skipped++) {
                rows = statement.getMoreResults();
            }
            if (!rows) {
                throw new SQLException("no result from SELECT MAX(notification_id) FROM " + tables.events());
            }
            try (ResultSet max = statement.getResultSet()) {
                return max.next() ? max.getLong(1) : 0;
            }
        }
    }

    private static String noServerOfType() {
        String marker = "\u0001";
        String message = GT.tr("Could not find a server with specified targetServerType: {0}", marker);
        int at = message.indexOf(marker);
        return at > 0 ? message.substring(0, at) : message;
    }

    @Override
    public @Nullable AutoCloseable listen(DataSource dataSource, Tables tables, Runnable onNewEvents) {
        return new PostgresListener(dataSource, tables, onNewEvents);
    }

    /** A (tag, position) tag table; appenders lock the events table, as inserts do. */
    @Override
    public JdbcDcbDialect dcbDialect() {
        return new PostgresDcbDialect(lockTimeout);
    }
}
