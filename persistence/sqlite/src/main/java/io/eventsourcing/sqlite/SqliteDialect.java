package io.eventsourcing.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcDialect;
import io.eventsourcing.jdbc.PoolSettings;
import io.eventsourcing.jdbc.SqlStates;
import io.eventsourcing.jdbc.Tables;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.DatabaseException;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.ProgrammingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * SQLite. Writers are serialised twice: in the process by a fair lock that every write transaction
 * holds, and in the database by starting every transaction {@code IMMEDIATE} (taking SQLite's write
 * lock at once), so writers in other processes wait too ({@code busy_timeout}). That single writer is
 * what orders notification ids; no further lock is taken. File databases use WAL, so readers never
 * wait for the writer. An in-memory database lives in one connection that every read and write takes
 * in turn. Ids are stored as their canonical text.
 */
public final class SqliteDialect implements JdbcDialect {
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
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.events() + " (originator_id TEXT NOT NULL, "
                + "originator_version INTEGER NOT NULL, topic TEXT NOT NULL, state BLOB NOT NULL, "
                + "notification_id INTEGER NOT NULL UNIQUE, PRIMARY KEY (originator_id, originator_version)) "
                + "WITHOUT ROWID");
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
}
