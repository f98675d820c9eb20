package io.eventsourcing.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.internal.PersistenceAccess;
import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcDcbDialect;
import io.eventsourcing.jdbc.JdbcDialect;
import io.eventsourcing.jdbc.PoolSettings;
import io.eventsourcing.jdbc.SqlStates;
import io.eventsourcing.jdbc.Tables;
import io.eventsourcing.jdbc.TagTableDcbDialect;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.DatabaseException;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.ProgrammingException;
import io.eventsourcing.persistence.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * SQLite. Writers are serialised twice: in the process by a fair lock that every write transaction
 * holds, and in the database by starting every transaction {@code IMMEDIATE} (taking SQLite's write
 * lock at once), so writers in other processes wait too ({@code busy_timeout}). That single writer is
 * what orders notification ids; no further lock is taken. File databases use WAL, so readers never
 * wait for the writer. An in-memory database lives in one connection that every read and write takes
 * in turn. Ids are stored as their canonical text.
 *
 * <p>The events table is a rowid table whose integer primary key is the notification id, with a unique
 * index on (originator id, version): the log is stored in notification order, so reading it is
 * sequential, and SQLite numbers new rows after the largest id itself (no {@code SELECT MAX}). As the
 * table is never deleted from and writers are serialised, the numbers are gap-free; a rolled-back
 * insert takes none. A table of the earlier layout ({@code WITHOUT ROWID}, keyed by originator) is
 * rebuilt in this layout, in one transaction, when the recorder creates its tables.
 *
 * <p>Transactions are begun and ended with {@code BEGIN IMMEDIATE}, {@code COMMIT} and
 * {@code ROLLBACK} statements on connections left in the driver's auto-commit mode, and savepoints with
 * {@code SAVEPOINT} statements. The driver's own transaction handling begins the next transaction
 * right after a commit, so a busy database made its {@code commit()} fail after the commit had
 * succeeded; with statements, a failed {@code COMMIT} means the transaction has not committed.
 */
public final class SqliteDialect implements JdbcDialect {
    private static final int ROWS_PER_INSERT = 1_000;
    private static final AtomicLong SAVEPOINTS = new AtomicLong();
    /** The lock timeout used when none is configured. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    /** Used by {@link java.util.ServiceLoader}. */
    public SqliteDialect() {}

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public int maxIdentifierLength() {
        return 1024;
    }

    @Override
    public List<String> createEventsTable(Tables tables) {
        return List.of(createEventsTable(tables.events()), createAggregateIndex(tables.events()));
    }

    private static String createEventsTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (notification_id INTEGER PRIMARY KEY, "
                + "originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL, topic TEXT NOT NULL, "
                + "state BLOB NOT NULL)";
    }

    private static String createAggregateIndex(String table) {
        return "CREATE UNIQUE INDEX IF NOT EXISTS " + table + "_aggregate ON " + table
                + " (originator_id, originator_version)";
    }

    /**
     * Rebuilds an events table of the earlier layout ({@code WITHOUT ROWID}, keyed by originator) in the
     * current one, keeping every row and id, in one transaction; does nothing to a table already in the
     * current layout or absent.
     *
     */
    @Override
    public void upgradeEventsTable(Connection connection, Tables tables) throws SQLException {
        String table = tables.events();
        String definition = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            select.setString(1, table);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    definition = rows.getString(1);
                }
            }
        }
        if (definition == null || !definition.toUpperCase(Locale.ROOT).contains("WITHOUT ROWID")) {
            return;
        }
        String old = table + "_before_rowid";
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table + " RENAME TO " + old);
            statement.execute(createEventsTable(table));
            statement.execute("INSERT INTO " + table + " (notification_id, originator_id, originator_version, topic, "
                    + "state) SELECT notification_id, originator_id, originator_version, topic, state FROM " + old
                    + " ORDER BY notification_id");
            statement.execute("DROP TABLE " + old);
            statement.execute(createAggregateIndex(table));
        }
    }

    /**
     * Inserts the events without ids: SQLite numbers each row one above the largest id, which the
     * transaction's write lock keeps from changing under it, so the rows of one statement get
     * consecutive ids.
     */
    @Override
    public List<Long> insertNotifications(Connection connection, Tables tables, List<StoredEvent> events)
            throws SQLException {
        Long[] ids = new Long[events.size()];
        int size = events.size();
        for (int from = 0; from < size; from += ROWS_PER_INSERT) {
            int rows = Math.min(ROWS_PER_INSERT, size - from);
            StringBuilder sql = new StringBuilder(80 + rows * 16).append("INSERT INTO ").append(tables.events())
                    .append(" (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)");
            for (int i = 1; i < rows; i++) {
                sql.append(", (?, ?, ?, ?)");
            }
            sql.append(" RETURNING notification_id");
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                int index = 1;
                for (int i = from; i < from + rows; i++) {
                    StoredEvent event = events.get(i);
                    insert.setString(index++, event.originatorId().toString());
                    insert.setLong(index++, event.originatorVersion());
                    insert.setString(index++, event.topic());
                    insert.setBytes(index++, PersistenceAccess.get().state(event));
                }
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                int returned = 0;
                try (ResultSet numbers = insert.executeQuery()) {
                    while (numbers.next()) {
                        long id = numbers.getLong(1);
                        first = Math.min(first, id);
                        last = Math.max(last, id);
                        returned++;
                    }
                } catch (SQLException e) {
                    if (String.valueOf(e.getMessage()).contains("NOT NULL constraint failed: " + tables.eventsName()
                            + ".notification_id")) {
                        throw new SQLException(tables.events() + " has the layout of an earlier version (WITHOUT "
                                + "ROWID); start the application once with CREATE_TABLE=true to rebuild it", "42000",
                                e);
                    }
                    throw e;
                }
                if (returned != rows || last - first + 1 != rows) {
                    throw new SQLException("SQLite numbered " + rows + " rows of " + tables.events() + " from " + first
                            + " to " + last + ", not consecutively");
                }
                for (int i = 0; i < rows; i++) {
                    ids[from + i] = first + i;
                }
            }
        }
        return List.of(ids);
    }

    @Override
    public void begin(Connection connection) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite rolls back by itself after some errors (a full disk, an interrupt): then there is none to end.
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                throw e;
            }
        }
    }

    @Override
    public Savepoint setSavepoint(Connection connection) throws SQLException {
        NamedSavepoint savepoint = new NamedSavepoint("es_" + SAVEPOINTS.incrementAndGet());
        execute(connection, "SAVEPOINT " + savepoint.getSavepointName());
        return savepoint;
    }

    @Override
    public void rollback(Connection connection, Savepoint savepoint) throws SQLException {
        execute(connection, "ROLLBACK TO " + savepoint.getSavepointName());
    }

    @Override
    public void release(Connection connection, Savepoint savepoint) throws SQLException {
        execute(connection, "RELEASE " + savepoint.getSavepointName());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A savepoint named by this dialect. */
    private record NamedSavepoint(String name) implements Savepoint {
        @Override
        public int getSavepointId() throws SQLException {
            throw new SQLException("savepoint " + name + " is named, not numbered");
        }

        @Override
        public String getSavepointName() {
            return name;
        }
    }

    @Override
    public List<String> createAggregateTable(String table) {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (originator_id TEXT NOT NULL, "
                + "originator_version INTEGER NOT NULL, topic TEXT NOT NULL, state BLOB NOT NULL, "
                + "PRIMARY KEY (originator_id, originator_version)) WITHOUT ROWID");
    }

    @Override
    public List<String> createTrackingTable(Tables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.tracking() + " (application_name TEXT NOT NULL "
                + "PRIMARY KEY, notification_id INTEGER NOT NULL) WITHOUT ROWID");
    }

    @Override
    public List<String> createSchema(String schema) {
        throw new ProgrammingException("SQLite has no schemas; leave the schema unset for SQLite");
    }

    @Override
    public void lockNotifications(Connection connection, Tables tables) {
        // Nothing to take: the transaction began IMMEDIATE and holds the database's only write lock.
    }

    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public @Nullable String transactionIsolation() {
        return null;
    }

    @Override
    public void setUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
        statement.setString(index, id.toString());
    }

    @Override
    public UUID getUuid(ResultSet rows, int column) throws SQLException {
        return UUID.fromString(rows.getString(column));
    }

    @Override
    public JdbcDatastore datastore(String url, @Nullable String user, @Nullable String password, int poolSize,
            String name) {
        return datastore(url, poolSize, DEFAULT_LOCK_TIMEOUT, name);
    }

    /** A file or in-memory database needs no network: only the URL, the pool size and the name are used. */
    @Override
    public JdbcDatastore datastore(PoolSettings settings) {
        return datastore(settings.url(), settings.maximumSize(), DEFAULT_LOCK_TIMEOUT, settings.name());
    }

    /**
     * A datastore for a SQLite JDBC URL.
     *
     * @param url {@code jdbc:sqlite:} and a file path, {@code :memory:} or a {@code file:} URI
     * @param poolSize the most connections, for a file database
     * @param lockTimeout how long a writer waits for another
     * @param name names the pool
     */
    public JdbcDatastore datastore(String url, int poolSize, Duration lockTimeout, String name) {
        boolean memory = isMemory(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("eventsourcing-sqlite-" + name);
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("busy_timeout", String.valueOf(Math.max(1, lockTimeout.toMillis())));
        if (memory) {
            // The database lives as long as its connection: keep exactly one, forever.
            config.setMaximumPoolSize(1);
            config.setMinimumIdle(1);
            config.setMaxLifetime(0);
            config.setIdleTimeout(0);
        } else {
            config.addDataSourceProperty("journal_mode", "WAL");
            config.setMaximumPoolSize(Math.max(2, poolSize));
            config.setMinimumIdle(1);
        }
        HikariDataSource pool = new HikariDataSource(config);
        ReentrantLock lock = new ReentrantLock(true);
        return memory
                ? new JdbcDatastore(pool, this, pool, null, lock, lockTimeout, 0)
                : new JdbcDatastore(pool, this, pool, lock, null, lockTimeout, 0);
    }

    /** Whether a URL or database name denotes an in-memory database. */
    public static boolean isMemory(String urlOrName) {
        String lower = urlOrName.toLowerCase(Locale.ROOT);
        return lower.contains(":memory:") || lower.contains("mode=memory");
    }

    /**
     * SQLite reports result codes, not SQLStates; the primary code (the low byte) says which kind of
     * failure it was.
     */
    @Override
    public PersistenceException translate(SQLException e, String context) {
        if (e.getSQLState() != null && !e.getSQLState().isEmpty()) {
            return SqlStates.translate(e, context);
        }
        String message = context + ": " + e.getMessage();
        String lower = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return switch (e.getErrorCode() & 0xff) {
            case 19 -> new IntegrityException(message, e); // SQLITE_CONSTRAINT
            case 5, 6, 8, 10, 13, 14, 26 -> new OperationalException(message, e); // BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN, NOTADB
            case 18, 20, 25 -> new DataException(message, e); // TOOBIG, MISMATCH, RANGE
            case 21 -> new ProgrammingException(message, e); // MISUSE
            case 1 -> lower.contains("no such table")
                    ? new ProgrammingException(message + " (does the table exist? it is created on first use "
                            + "unless CREATE_TABLE=false)", e)
                    : new ProgrammingException(message, e); // SQLITE_ERROR: SQL error or missing database
            default -> new DatabaseException(message, e);
        };
    }

    /** Tag index table; appenders are serialised by the single writer, as inserts are. */
    @Override
    public JdbcDcbDialect dcbDialect() {
        return TagTableDcbDialect.sqlite();
    }
}
