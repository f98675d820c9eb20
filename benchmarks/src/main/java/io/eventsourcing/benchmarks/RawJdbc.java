package io.eventsourcing.benchmarks;

import io.eventsourcing.persistence.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/*
 * The baseline is the least a hand-written JDBC event store must do to give the same guarantees as the
 * library on the same table: gap-free notification ids in commit order. So each write transaction takes
 * the ordering lock the library's dialect takes, reads MAX(notification_id) and inserts rows numbered
 * after it, in one INSERT statement however many rows there are:
 *   PostgreSQL: LOCK TABLE ... IN EXCLUSIVE MODE, then SELECT MAX, INSERT, COMMIT.
 *   SQLite: one writer at a time in the process (a fair lock, as the SQLite datastore holds) and a
 *           BEGIN IMMEDIATE transaction (the pool's transaction_mode), then SELECT MAX, INSERT, COMMIT.
 * It borrows connections from the application's own pool, so driver and pool settings are identical and
 * the difference measured is the library's own code. What it leaves out is exactly what the library
 * adds: mapping domain objects to JSON and back, the aggregate and repository, PostgreSQL's NOTIFY.
 */

/**
 * Raw JDBC on an application's events table: the baseline every library figure is divided by.
 *
 * <p>Thread-safe.
 */
public final class RawJdbc {
    private static final UUID NIL = new UUID(0, 0);

    private final Map<Integer, String> insertSql = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final String table;
    private final boolean postgres;
    private final @Nullable ReentrantLock writer;

    /**
     * @param dataSource the application's pool
     * @param table the qualified events table
     * @param postgres true for PostgreSQL, false for SQLite
     */
    public RawJdbc(DataSource dataSource, String table, boolean postgres) {
        this.dataSource = dataSource;
        this.table = table;
        this.postgres = postgres;
        this.writer = postgres ? null : new ReentrantLock(true);
    }

    /**
     * Inserts the rows in one transaction under the ordering lock, with one multi-row INSERT.
     *
     * @return the first notification id given
     */
    public long insert(List<StoredEvent> rows) throws SQLException {
        lockWriter();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (postgres) {
                    try (Statement lock = connection.createStatement()) {
                        lock.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
                    }
                }
                long next;
                try (PreparedStatement max = connection.prepareStatement("SELECT MAX(notification_id) FROM " + table);
                        ResultSet result = max.executeQuery()) {
                    next = result.next() ? result.getLong(1) + 1 : 1;
                }
                try (PreparedStatement insert = connection.prepareStatement(insertSql(rows.size()))) {
                    int index = 1;
                    long id = next;
                    for (StoredEvent row : rows) {
                        setUuid(insert, index++, row.originatorId());
                        insert.setLong(index++, row.originatorVersion());
                        insert.setString(index++, row.topic());
                        insert.setBytes(index++, row.state());
                        insert.setLong(index++, id++);
                    }
                    insert.executeUpdate();
                }
                connection.commit();
                return next;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } finally {
            if (writer != null) {
                writer.unlock();
            }
        }
    }

    /**
     * Selects an aggregate's rows, as the library's {@code selectEvents} does.
     *
     * @return the last version read (0 if none), so callers can append after it
     */
    public long selectEvents(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT originator_version, topic, state FROM "
                        + table + " WHERE originator_id = ? ORDER BY originator_version")) {
            setUuid(select, 1, id);
            long last = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    last = rows.getLong(1);
                    if (rows.getString(2).isEmpty() || rows.getBytes(3).length == 0) {
                        throw new SQLException("empty row in " + table);
                    }
                }
            }
            return last;
        }
    }

    /**
     * Selects a page of the notification log, as the library's {@code selectNotifications} does.
     *
     * @return how many rows were read
     */
    public int selectNotifications(long start, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT notification_id, originator_id, "
                        + "originator_version, topic, state FROM " + table
                        + " WHERE notification_id >= ? ORDER BY notification_id LIMIT ?")) {
            select.setLong(1, start);
            select.setInt(2, limit);
            int count = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    UUID originator = getUuid(rows, 2);
                    long version = rows.getLong(3);
                    if (id < 1 || version < 1 || originator.equals(NIL) || rows.getString(4).isEmpty()
                            || rows.getBytes(5).length == 0) {
                        throw new SQLException("unexpected row in " + table);
                    }
                    count++;
                }
            }
            return count;
        }
    }

    /** The command's baseline: select the aggregate's rows, then insert the next version under the lock. */
    public long command(UUID id, Rows template) throws SQLException {
        long last = selectEvents(id);
        return insert(List.of(template.credited(id, last + 1)));
    }

    /** A one-line description of the database, e.g. its version and commit durability settings. */
    public String describe() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (postgres) {
                StringBuilder text = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("SELECT current_setting('server_version'), "
                        + "current_setting('fsync'), current_setting('synchronous_commit'), current_database()")) {
                    rows.next();
                    text.append("PostgreSQL ").append(rows.getString(1)).append(", database ").append(rows.getString(4))
                            .append(", fsync=").append(rows.getString(2)).append(", synchronous_commit=")
                            .append(rows.getString(3));
                }
                return text.toString();
            }
            try (ResultSet rows = statement.executeQuery("SELECT sqlite_version()")) {
                rows.next();
                String version = rows.getString(1);
                try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                    mode.next();
                    return "SQLite " + version + ", journal_mode=" + mode.getString(1) + ", file in a temporary directory";
                }
            }
        }
    }

    private String insertSql(int rows) {
        return insertSql.computeIfAbsent(rows, this::buildInsertSql);
    }

    private String buildInsertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table)
                .append(" (originator_id, originator_version, topic, state, notification_id) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    private void setUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
        if (postgres) {
            statement.setObject(index, id);
        } else {
            statement.setString(index, id.toString());
        }
    }

    private UUID getUuid(ResultSet rows, int column) throws SQLException {
        return postgres ? rows.getObject(column, UUID.class) : UUID.fromString(rows.getString(column));
    }

    private void lockWriter() throws SQLException {
        if (writer == null) {
            return;
        }
        try {
            if (!writer.tryLock(30, TimeUnit.SECONDS)) {
                throw new SQLException("baseline writer waited 30 s for the lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the writer lock", e);
        }
    }
}
