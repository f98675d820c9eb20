package io.eventsourcing.postgres;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbEvent;
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
 * the database in one round trip, and the inserts of the events and their tags in another. When the
 * group committer knows the largest position (no other process appended since its last group), a group
 * goes in one round trip, checked by the statement that writes it:
 *
 * <pre>
 * BEGIN; [SET LOCAL lock_timeout = ...;] LOCK TABLE events IN EXCLUSIVE MODE;
 * WITH append_top AS (the largest position, and for each condition the first event that fails it),
 *      append_ok AS (the largest position is the one expected and no condition failed),
 *      append_events AS (INSERT INTO events ... WHERE ok), append_tags AS (INSERT INTO tags ... WHERE ok)
 * SELECT ok, [NOTIFY if ok and someone listens]; COMMIT
 * </pre>
 *
 * If it was not ok, nothing was written, and the group is written the other way.
 *
 * <p>Immutable and thread-safe.
 */
final class PostgresDcbDialect extends TagTableDcbDialect {
    /** The most events, and the most tags, one append statement carries (parameters well inside 65,535). */
    private static final int MAX_ROWS = 1_000;
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

    /**
     * The lock, the head, every condition's check and the NOTIFY of a group, sent together; the driver
     * waits once. An append alone comes here too, as a group of one.
     */
    @Override
    public long[] lock(Connection connection, DcbTables tables, List<@Nullable DcbAppendCondition> conditions)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = lockSql(tables) + "; SELECT " + headColumns(tables, conditions, parameters) + ", "
                + PostgresNotices.notifyIfListened(notices(tables), "TRUE");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet result = Scripts.run(statement, "SELECT MAX(position) FROM " + tables.events())) {
                result.next();
                return locked(result, conditions.size());
            }
        }
    }

    @Override
    public boolean appendsInOneStatement() {
        return true;
    }

    /**
     * The lock, the check of the head and of the conditions, the inserts of the events and their tags,
     * the NOTIFY and the commit, in one statement (see the comment at the top).
     */
    @Override
    public boolean appendIfUnchanged(Connection connection, DcbTables tables, long head,
            List<DcbAppendCondition> conditions, List<DcbEvent> events) throws SQLException {
        int tagRows = 0;
        for (DcbEvent event : events) {
            tagRows += event.tags().size();
        }
        if (events.isEmpty() || events.size() > MAX_ROWS || tagRows > MAX_ROWS) {
            return false;
        }
        List<Object> parameters = new ArrayList<>();
        String sql = appendSql(tables, head, conditions, events, tagRows, parameters);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet result = Scripts.run(statement, "the append to " + tables.events())) {
                if (!result.next()) {
                    throw new SQLException("no row from the append to " + tables.events());
                }
                return result.getBoolean(1);
            }
        } catch (SQLException | RuntimeException e) {
            Scripts.rollback(connection, e);
            throw e;
        }
    }

    private String appendSql(DcbTables tables, long head, List<DcbAppendCondition> conditions, List<DcbEvent> events,
            int tagRows, List<Object> parameters) {
        StringBuilder sql = new StringBuilder(600 + events.size() * 40 + tagRows * 30).append("BEGIN; ")
                .append(lockSql(tables)).append("; WITH append_top (m");
        for (int i = 1; i <= conditions.size(); i++) {
            sql.append(", c").append(i);
        }
        sql.append(") AS (SELECT ").append(headColumns(tables, new ArrayList<>(conditions), parameters))
                .append("), append_ok (ok) AS (SELECT COALESCE(append_top.m, 0) = ?");
        parameters.add(head);
        for (int i = 1; i <= conditions.size(); i++) {
            sql.append(" AND append_top.c").append(i).append(" IS NULL");
        }
        sql.append(" FROM append_top), append_events AS (INSERT INTO ").append(tables.events())
                .append(" (position, type, data, tags) SELECT v.position, v.type, v.data, v.tags FROM (VALUES ");
        long position = head;
        for (int i = 0; i < events.size(); i++) {
            DcbEvent event = events.get(i);
            sql.append(i == 0 ? "(?::bigint, ?::text, ?::bytea, ?::text)" : ", (?, ?, ?, ?)");
            parameters.add(++position);
            parameters.add(event.type());
            parameters.add(event.data());
            parameters.add(tagList(event.tags()));
        }
        sql.append(") v (position, type, data, tags) WHERE (SELECT ok FROM append_ok))");
        if (tagRows > 0) {
            sql.append(", append_tags AS (INSERT INTO ").append(tables.tags())
                    .append(" (tag, position, type) SELECT t.tag, t.position, t.type FROM (VALUES ");
            position = head;
            boolean first = true;
            for (DcbEvent event : events) {
                position++;
                for (String tag : event.tags()) {
                    sql.append(first ? "(?::text, ?::bigint, ?::text)" : ", (?, ?, ?)");
                    first = false;
                    parameters.add(tag);
                    parameters.add(position);
                    parameters.add(event.type());
                }
            }
            sql.append(") t (tag, position, type) WHERE (SELECT ok FROM append_ok))");
        }
        return sql.append(" SELECT append_ok.ok, ")
                .append(PostgresNotices.notifyIfListened(notices(tables), "append_ok.ok"))
                .append(" FROM append_ok; COMMIT").toString();
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
