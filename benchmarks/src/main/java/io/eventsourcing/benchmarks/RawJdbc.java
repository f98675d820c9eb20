package io.eventsourcing.benchmarks;

import static java.util.Objects.requireNonNull;

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
 * The baseline is the best a hand-written JDBC event store can do to give the same guarantees as the
 * library on the same table: gap-free notification ids in commit order. So each write transaction takes
 * the ordering lock the library's dialect takes and numbers its rows after the largest id, in as few
 * round trips as JDBC allows:
 *   PostgreSQL: one prepared string on a connection in auto-commit mode, which the driver sends at
 *               once: BEGIN; LOCK TABLE ... IN EXCLUSIVE MODE; INSERT ... SELECT ... MAX(notification_id)
 *               + n ...; COMMIT. One round trip, one commit.
 *   SQLite: one writer at a time in the process (a fair lock) and BEGIN IMMEDIATE, then one INSERT that
 *           lets the integer primary key number the rows, and COMMIT, as statements.
 * It borrows connections from the application's own pool, so driver and pool settings are identical and
 * the difference measured is the library's own code. What it leaves out is what the library adds:
 * mapping domain objects to JSON and back, the aggregate and repository, telling each caller its own
 * outcome (the library checks every insert of a group for conflicts), PostgreSQL's NOTIFY when someone
 * listens.
 *
 * Beside it, on PostgreSQL, what ordinary JDBC code does when it gives up gap-free ids: rows numbered
 * by a sequence in a table of their own, without a lock, so concurrent writers overlap and share log
 * flushes. insertUnlocked is the usual BEGIN / INSERT / COMMIT with auto-commit off (two round trips);
 * insertUnlockedAutocommit the one-statement transaction of auto-commit mode (one round trip).
 */

/**
 * Raw JDBC on an application's events table: the baselines every library figure is divided by.
 *
 * <p>Thread-safe.
 */
public final class RawJdbc {
    private static final UUID NIL = new UUID(0, 0);

    private final Map<Integer, String> insertSql = new ConcurrentHashMap<>();
    private final Map<Integer, String> unlockedSql = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final String table;
    private final String unlocked;
    private final boolean postgres;
    private final @Nullable ReentrantLock writer;

    /**
     * @param dataSource the application's pool
     * @param table the qualified events table
     * @param postgres true for PostgreSQL, false for SQLite
     */
    public RawJdbc(DataSource dataSource, String table, boolean postgres) throws SQLException {
        this.dataSource = dataSource;
        this.table = table;
        this.unlocked = table + "_unlocked";
        this.postgres = postgres;
        this.writer = postgres ? null : new ReentrantLock(true);
        if (postgres) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + unlocked + " (originator_id uuid NOT NULL, "
                        + "originator_version bigint NOT NULL, topic text NOT NULL, state bytea NOT NULL, "
                        + "notification_id bigserial UNIQUE, PRIMARY KEY (originator_id, originator_version))");
            }
        }
    }

    /**
     * Inserts the rows in one transaction under the ordering lock, numbered after the largest id, in one
     * round trip on PostgreSQL.
     *
     * @return the number of rows inserted
     */
    public long insert(List<StoredEvent> rows) throws SQLException {
        return postgres ? insertPostgres(rows) : insertSqlite(rows);
    }

    private long insertPostgres(List<StoredEvent> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(insertSql(rows.size()))) {
            int index = 1;
            int n = 1;
            for (StoredEvent row : rows) {
                insert.setObject(index++, row.originatorId());
                insert.setLong(index++, row.originatorVersion());
                insert.setString(index++, row.topic());
                insert.setBytes(index++, row.state());
                insert.setInt(index++, n++);
            }
            try {
                insert.execute();
            } catch (SQLException e) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
                throw e;
            }
            return rows.size();
        }
    }

    private long insertSqlite(List<StoredEvent> rows) throws SQLException {
        lockWriter();
        try (Connection connection = dataSource.getConnection(); Statement control = connection.createStatement()) {
            control.execute("BEGIN IMMEDIATE");
            try {
                try (PreparedStatement insert = connection.prepareStatement(insertSql(rows.size()))) {
                    int index = 1;
                    for (StoredEvent row : rows) {
                        insert.setString(index++, row.originatorId().toString());
                        insert.setLong(index++, row.originatorVersion());
                        insert.setString(index++, row.topic());
                        insert.setBytes(index++, row.state());
                    }
                    insert.executeUpdate();
                }
                control.execute("COMMIT");
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                control.execute("ROLLBACK");
                throw e;
            }
        } finally {
            requireNonNull(writer).unlock();
        }
    }

    /**
     * PostgreSQL only: inserts the rows without a lock, numbered by a sequence (so not gap-free), in the
     * usual JDBC transaction: auto-commit off, INSERT, commit. Two round trips.
     *
     * @return the number of rows inserted
     */
    public long insertUnlocked(List<StoredEvent> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insertUnlocked(connection, rows);
                connection.commit();
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * PostgreSQL only: as {@link #insertUnlocked}, but one INSERT in auto-commit mode, which is its own
     * transaction: one round trip.
     *
     * @return the number of rows inserted
     */
    public long insertUnlockedAutocommit(List<StoredEvent> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insertUnlocked(connection, rows);
            return rows.size();
        }
    }

    private void insertUnlocked(Connection connection, List<StoredEvent> rows) throws SQLException {
        String sql = unlockedSql.computeIfAbsent(rows.size(), size -> {
            StringBuilder text = new StringBuilder("INSERT INTO ").append(unlocked)
                    .append(" (originator_id, originator_version, topic, state) VALUES ");
            for (int i = 0; i < size; i++) {
                text.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
            }
            return text.toString();
        });
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int index = 1;
            for (StoredEvent row : rows) {
                insert.setObject(index++, row.originatorId());
                insert.setLong(index++, row.originatorVersion());
                insert.setString(index++, row.topic());
                insert.setBytes(index++, row.state());
            }
            insert.executeUpdate();
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
        StringBuilder sql = new StringBuilder();
        if (!postgres) {
            sql.append("INSERT INTO ").append(table).append(" (originator_id, originator_version, topic, state) VALUES ");
            for (int i = 0; i < rows; i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
            }
            return sql.toString();
        }
        sql.append("BEGIN; LOCK TABLE ").append(table).append(" IN EXCLUSIVE MODE; INSERT INTO ").append(table)
                .append(" (originator_id, originator_version, topic, state, notification_id) SELECT v.oid, v.ver, "
                        + "v.topic, v.state, top.m + v.n FROM (VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?::uuid, ?::bigint, ?::text, ?::bytea, ?::int)" : ", (?, ?, ?, ?, ?)");
        }
        sql.append(") v (oid, ver, topic, state, n) CROSS JOIN (SELECT COALESCE(MAX(notification_id), 0) AS m FROM ")
                .append(table).append(") top; COMMIT");
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
        try {
            if (!requireNonNull(writer).tryLock(30, TimeUnit.SECONDS)) {
                throw new SQLException("baseline writer waited 30 s for the lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the writer lock", e);
        }
    }
}
