package io.eventsourcing.postgres;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.jdbc.DcbTables;
import io.eventsourcing.jdbc.Tables;
import io.eventsourcing.jdbc.TagTableDcbDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's DCB statements: {@code <app>_dcb_events (position bigint, type text, data bytea, tags
 * text)} with a btree index on {@code (type, position)}, and {@code <app>_dcb_tags (tag, position,
 * type)} with primary key {@code (tag, position)}, which queries by tag read (see
 * {@link TagTableDcbDialect}). Appenders take {@code LOCK TABLE ... IN EXCLUSIVE MODE} on the events
 * table (readers are not blocked), with the dialect's lock timeout; the lock, the read of the largest
 * position, the condition's check and the {@code NOTIFY} (on a channel named after the table, which
 * subscriptions {@code LISTEN} on, sent only while someone listens; see {@link PostgresNotices}) go to
 * the database in one round trip, and the inserts of the events and their tags in another.
 *
 * <p>Immutable and thread-safe.
 */
final class PostgresDcbDialect extends TagTableDcbDialect {
    private final Duration lockTimeout;

    PostgresDcbDialect(Duration lockTimeout) {
        super(true, true);
        this.lockTimeout = requireNonNull(lockTimeout, "lockTimeout");
    }

    @Override
    public List<String> createTables(DcbTables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.events() + " (position bigint NOT NULL PRIMARY KEY, "
                        + "type text NOT NULL, data bytea NOT NULL, tags text NOT NULL)",
                "CREATE INDEX IF NOT EXISTS " + tables.indexName("type_idx") + " ON " + tables.events()
                        + " (type, position)",
                "CREATE TABLE IF NOT EXISTS " + tables.tags() + " (tag text NOT NULL, position bigint NOT NULL, "
                        + "type text NOT NULL, PRIMARY KEY (tag, position))");
    }

    @Override
    protected void lockAppends(Connection connection, DcbTables tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(lockSql(tables));
        }
    }

    /** The lock, the head, the condition's check and the NOTIFY, sent together; the driver waits once. */
    @Override
    public Locked lock(Connection connection, DcbTables tables, @Nullable DcbAppendCondition condition)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = lockSql(tables) + "; SELECT " + headColumns(tables, condition, parameters) + ", "
                + PostgresNotices.notifyIfListened(notices(tables), "TRUE");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            boolean rows = statement.execute();
            for (int skipped = 0; !rows && skipped < 2; skipped++) {
                rows = statement.getMoreResults();
            }
            if (!rows) {
                throw new SQLException("no result from SELECT MAX(position) FROM " + tables.events());
            }
            try (ResultSet result = statement.getResultSet()) {
                result.next();
                return new Locked(result.getLong(1), condition == null ? 0 : result.getLong(2));
            }
        }
    }

    /** The lock, the head, every condition's check and the NOTIFY of a group, sent together. */
    @Override
    public long[] lock(Connection connection, DcbTables tables, List<@Nullable DcbAppendCondition> conditions)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = lockSql(tables) + "; SELECT " + headColumns(tables, conditions, parameters) + ", "
                + PostgresNotices.notifyIfListened(notices(tables), "TRUE");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            boolean rows = statement.execute();
            for (int skipped = 0; !rows && skipped < 2; skipped++) {
                rows = statement.getMoreResults();
            }
            if (!rows) {
                throw new SQLException("no result from SELECT MAX(position) FROM " + tables.events());
            }
            try (ResultSet result = statement.getResultSet()) {
                result.next();
                return locked(result, conditions.size());
            }
        }
    }

    private String lockSql(DcbTables tables) {
        String lock = "LOCK TABLE " + tables.events() + " IN EXCLUSIVE MODE";
        return lockTimeout.isZero() ? lock
                : "SET LOCAL lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'; " + lock;
    }

    @Override
    public @Nullable AutoCloseable listen(DataSource dataSource, DcbTables tables, Runnable onNewEvents) {
        return new PostgresListener(dataSource, notices(tables), onNewEvents);
    }

    /** The select of a read, its parameters added to {@code parameters}: for the query plan test. */
    String planSql(DcbTables tables, DcbQuery query, long after, int limit, List<Object> parameters) {
        return selectSql(tables, query, after, limit, parameters);
    }

    /** The select an append makes under its lock, its parameters added to {@code parameters}: for the plan test. */
    String conditionSql(DcbTables tables, DcbAppendCondition condition, List<Object> parameters) {
        return "SELECT " + headColumns(tables, condition, parameters);
    }

    /**
     * The tables whose events table is the DCB one, as {@link PostgresNotices} and {@link PostgresListener}
     * name the channel and the advisory lock after an events table: {@code <app>_dcb_events}.
     */
    static Tables notices(DcbTables tables) {
        return new Tables(tables.schema(), tables.tables().prefix() + "_dcb");
    }
}
