package io.eventsourcing.postgres;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbQueryItem;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.jdbc.DcbTables;
import io.eventsourcing.jdbc.JdbcDcbDialect;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/*
 * A query item is written (type = ANY(?) AND tags @> ?), with the types and the tags bound as text
 * arrays, so a statement's text depends only on the shape of the query and PostgreSQL plans each item
 * with the index that fits: the GIN index of tags (a bitmap scan of the events that have all the tags)
 * or the (type, position) btree. Items are ORed, which PostgreSQL turns into a BitmapOr of those
 * scans. The GIN index is written without its pending list (fastupdate = off): an append then updates
 * the index itself, a little slower, and a read never scans a list of recent entries that has not
 * been merged into the index yet, which would cost every decision up to milliseconds. The append
 * sends the table lock, the read of the largest position, the NOTIFY and the condition's check in one
 * round trip.
 */

/**
 * PostgreSQL's DCB statements: {@code <app>_dcb_events (position bigint, type text, data bytea, tags
 * text[])} with a GIN index on {@code tags} and a btree index on {@code (type, position)}. Appenders
 * take {@code LOCK TABLE ... IN EXCLUSIVE MODE} (readers are not blocked), with the dialect's lock
 * timeout, and every append sends {@code NOTIFY} on a channel named after the table, which
 * subscriptions {@code LISTEN} on.
 *
 * <p>Immutable and thread-safe.
 */
final class PostgresDcbDialect implements JdbcDcbDialect {
    private static final int MAX_IDENTIFIER = 63;
    private static final int ROWS_PER_INSERT = 1_000;

    private final Duration lockTimeout;

    PostgresDcbDialect(Duration lockTimeout) {
        this.lockTimeout = requireNonNull(lockTimeout, "lockTimeout");
    }

    @Override
    public List<String> createTables(DcbTables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.events() + " (position bigint NOT NULL PRIMARY KEY, "
                        + "type text NOT NULL, data bytea NOT NULL, tags text[] NOT NULL)",
                "CREATE INDEX IF NOT EXISTS " + tables.indexName("tags_idx") + " ON " + tables.events()
                        + " USING GIN (tags) WITH (fastupdate = off)",
                "CREATE INDEX IF NOT EXISTS " + tables.indexName("type_idx") + " ON " + tables.events()
                        + " (type, position)");
    }

    @Override
    public Locked lock(Connection connection, DcbTables tables, @Nullable DcbAppendCondition condition)
            throws SQLException {
        StringBuilder sql = new StringBuilder();
        if (!lockTimeout.isZero()) {
            sql.append("SET LOCAL lock_timeout = '").append(Math.max(1, lockTimeout.toMillis())).append("ms'; ");
        }
        sql.append("LOCK TABLE ").append(tables.events()).append(" IN EXCLUSIVE MODE; SELECT (SELECT MAX(position) FROM ")
                .append(tables.events()).append("), pg_notify('").append(channel(tables)).append("', '')");
        List<Object> parameters = new ArrayList<>();
        if (condition != null) {
            sql.append(", (SELECT position FROM ").append(tables.events()).append(" WHERE position > ?");
            parameters.add(condition.afterOrZero());
            where(sql, parameters, condition.failIfEventsMatch(), connection);
            sql.append(" ORDER BY position LIMIT 1)");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
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
                return new Locked(result.getLong(1), condition == null ? 0 : result.getLong(3));
            }
        }
    }

    @Override
    public void insert(Connection connection, DcbTables tables, List<DcbEvent> events, long first)
            throws SQLException {
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
            int rows = Math.min(ROWS_PER_INSERT, events.size() - from);
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(tables.events())
                    .append(" (position, type, data, tags) VALUES (?, ?, ?, ?)");
            for (int i = 1; i < rows; i++) {
                sql.append(", (?, ?, ?, ?)");
            }
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                int index = 1;
                for (int i = from; i < from + rows; i++) {
                    DcbEvent event = events.get(i);
                    insert.setLong(index++, first + i);
                    insert.setString(index++, event.type());
                    insert.setBytes(index++, event.data());
                    insert.setArray(index++, connection.createArrayOf("text", event.tags().toArray()));
                }
                insert.executeUpdate();
            }
        }
    }

    @Override
    public List<DcbSequencedEvent> select(Connection connection, DcbTables tables, DcbQuery query, long after,
            int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = selectSql(connection, tables, query, after, limit, parameters);
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, parameters);
            try (ResultSet rows = select.executeQuery()) {
                List<DcbSequencedEvent> events = new ArrayList<>();
                while (rows.next()) {
                    Array tags = rows.getArray(4);
                    events.add(new DcbSequencedEvent(rows.getLong(1),
                            new DcbEvent(rows.getString(2), rows.getBytes(3), List.of((String[]) tags.getArray()))));
                    tags.free();
                }
                return events;
            }
        }
    }

    /** The select of {@link #select}, its parameters added to {@code parameters}; for the query plan test too. */
    static String selectSql(Connection connection, DcbTables tables, DcbQuery query, long after, int limit,
            List<Object> parameters) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT position, type, data, tags FROM ").append(tables.events())
                .append(" WHERE position > ?");
        parameters.add(after);
        where(sql, parameters, query, connection);
        sql.append(" ORDER BY position");
        if (limit != Integer.MAX_VALUE) {
            sql.append(" LIMIT ?");
            parameters.add(limit);
        }
        return sql.toString();
    }

    @Override
    public @Nullable AutoCloseable listen(DataSource dataSource, DcbTables tables, Runnable onNewEvents) {
        return new PostgresListener(dataSource, channel(tables), onNewEvents);
    }

    /** Appends {@code AND (item OR item ...)}, nothing when the query matches every event. */
    private static void where(StringBuilder sql, List<Object> parameters, DcbQuery query, Connection connection)
            throws SQLException {
        if (query.matchesAll()) {
            return;
        }
        sql.append(" AND (");
        boolean first = true;
        for (DcbQueryItem item : query.items()) {
            sql.append(first ? "(" : " OR (");
            first = false;
            if (!item.types().isEmpty()) {
                sql.append("type = ANY(?)");
                parameters.add(connection.createArrayOf("text", item.types().toArray()));
            }
            if (!item.tags().isEmpty()) {
                sql.append(item.types().isEmpty() ? "" : " AND ").append("tags @> ?");
                parameters.add(connection.createArrayOf("text", item.tags().toArray()));
            }
            sql.append(')');
        }
        sql.append(')');
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            switch (parameters.get(i)) {
                case Long l -> statement.setLong(i + 1, l);
                case Integer n -> statement.setInt(i + 1, n);
                case Array a -> statement.setArray(i + 1, a);
                default -> statement.setObject(i + 1, parameters.get(i));
            }
        }
    }

    /** The NOTIFY channel of a DCB events table: its qualified name with dots as underscores, as LISTEN cuts it. */
    static String channel(DcbTables tables) {
        String channel = tables.events().replace('.', '_');
        return channel.length() > MAX_IDENTIFIER ? channel.substring(0, MAX_IDENTIFIER) : channel;
    }
}
