package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What differs between SQL databases: table definitions, how ids are bound, and the lock that keeps
 * notification ids in commit order. Everything else (the SQL of inserts and selects, transactions,
 * pooling) is shared by the JDBC recorders.
 *
 * <p><b>Notification ids.</b> Every backend assigns notification ids the same way: inside the insert
 * transaction it first takes {@link #lockNotifications}, a lock held until commit that serialises the
 * writers of one events table, then numbers the new events after the largest id recorded (by default
 * {@link #lockAndSelectMaxNotificationId} and a numbered insert; SQLite lets the table's integer
 * primary key do the numbering, see {@link #insertNotifications}).
 * Because the next writer can only read the largest id once the previous one has committed, ids
 * increase in commit order, and because no sequence is consumed by a transaction that rolls back,
 * they have no gaps. Saves outside a caller's transaction are combined into groups that share one
 * lock and one commit ({@link #groupWriter}; see {@link JdbcApplicationRecorder}).
 *
 * <p><b>Transactions.</b> {@link #begin}, {@link #commit}, {@link #rollback} and the savepoint methods
 * are how the JDBC recorders begin and end transactions on a connection taken from the pool in
 * auto-commit mode; the defaults use the JDBC API, and a dialect whose driver needs otherwise (SQLite)
 * overrides them.
 *
 * <p>Dialects are found with {@link java.util.ServiceLoader} by {@link #accepts(String)} on the JDBC
 * URL. Implementations are stateless and thread-safe, with a public no-argument constructor.
 */
public interface JdbcDialect {

    /** A short name, e.g. {@code "postgresql"}. */
    String name();

    /** Whether this dialect serves a JDBC URL, e.g. one starting with {@code jdbc:postgresql:}. */
    boolean accepts(String jdbcUrl);

    /** The database's longest identifier, in bytes. */
    default int maxIdentifierLength() {
        return 63;
    }

    /** The statements that create the events table (with notification ids) and what its lock needs. */
    List<String> createEventsTable(Tables tables);

    /**
     * Brings an events table of an earlier layout up to this dialect's, in the transaction that then
     * runs {@link #createEventsTable}; the default does nothing.
     */
    default void upgradeEventsTable(Connection connection, Tables tables) throws SQLException {}

    /** The statements that create an aggregate recorder's table (e.g. snapshots), without notification ids. */
    List<String> createAggregateTable(String table);

    /** The statements that create the tracking table: one row per upstream application. */
    List<String> createTrackingTable(Tables tables);

    /** The statements that create the schema, if the tables are qualified by one. */
    default List<String> createSchema(String schema) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + schema);
    }

    /**
     * Takes the lock that serialises inserts into the events table until the transaction ends (see
     * the class comment).
     */
    void lockNotifications(Connection connection, Tables tables) throws SQLException;

    /**
     * Takes {@link #lockNotifications} and then reads the largest notification id of the events table,
     * 0 if it has none. A dialect that can do both in one round trip to the database overrides this
     * (PostgreSQL sends both statements at once, with its NOTIFY).
     */
    default long lockAndSelectMaxNotificationId(Connection connection, Tables tables) throws SQLException {
        lockNotifications(connection, tables);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MAX(notification_id) FROM " + tables.events());
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Called in the insert transaction after the events were inserted. */
    default void afterInsertEvents(Connection connection, Tables tables) throws SQLException {}

    /**
     * Inserts events into the events table inside the caller's transaction, numbered after the largest
     * notification id under the notification lock, and returns their ids in order. The default takes
     * {@link #lockAndSelectMaxNotificationId}, inserts the rows with their ids in multi-row
     * {@code INSERT}s, then calls {@link #afterInsertEvents}.
     *
     * @throws SQLException if the database fails, e.g. with a unique violation when an event's
     *     (originator id, version) is recorded already
     */
    default List<Long> insertNotifications(Connection connection, Tables tables, List<StoredEvent> events)
            throws SQLException {
        long max = lockAndSelectMaxNotificationId(connection, tables);
        List<Long> ids = EventRows.insertNumbered(connection, this, tables.events(), events, max + 1);
        afterInsertEvents(connection, tables);
        return ids;
    }

    /**
     * How groups of saves are written, each in one transaction of its own (see {@link GroupWriter}).
     * The default begins a transaction, inserts every event with {@link #insertNotifications}, raises
     * the tracking positions and commits; it checks the group against the table first only when that
     * fails on a conflict, so a conflicting save fails alone. PostgreSQL overrides it to write a whole
     * group in one round trip.
     */
    default GroupWriter groupWriter() {
        return ClassicGroupWriter.INSTANCE;
    }

    /**
     * Whether a failure to connect, or of a read, may pass if tried again without anyone changing
     * anything, so that it is tried again (see {@link SqlStates#isTransient}, the default). A dialect adds
     * what its driver says in its own way, e.g. that none of several hosts is the primary during a
     * failover.
     */
    default boolean isTransient(SQLException e) {
        return SqlStates.isTransient(e);
    }

    /** Begins a transaction on a connection in auto-commit mode, as the pool lends them. */
    default void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * Commits the transaction {@link #begin} began. When this throws, the transaction may or may not
     * have committed if the connection was lost; otherwise it has not.
     */
    default void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    /** Rolls back the transaction {@link #begin} began. */
    default void rollback(Connection connection) throws SQLException {
        connection.rollback();
    }

    /** Sets a savepoint in the connection's transaction. */
    default Savepoint setSavepoint(Connection connection) throws SQLException {
        return connection.setSavepoint();
    }

    /** Undoes the work done since a savepoint, keeping the transaction. */
    default void rollback(Connection connection, Savepoint savepoint) throws SQLException {
        connection.rollback(savepoint);
    }

    /** Releases a savepoint, keeping the work done since. */
    default void release(Connection connection, Savepoint savepoint) throws SQLException {
        connection.releaseSavepoint(savepoint);
    }

    /** Binds a UUID parameter. */
    default void setUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
        statement.setObject(index, id);
    }

    /** Reads a UUID column. */
    default UUID getUuid(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }

    /** The clause that locks a selected row until the transaction ends, or empty if writers are serialised anyway. */
    default String forUpdate() {
        return " FOR UPDATE";
    }

    /**
     * The isolation level for pooled connections, a {@code java.sql.Connection.TRANSACTION_*} name, or
     * null for the driver's default.
     */
    default @Nullable String transactionIsolation() {
        return "TRANSACTION_READ_COMMITTED";
    }

    /** The exception for a driver failure; override to add vendor error codes. */
    default PersistenceException translate(SQLException e, String context) {
        return SqlStates.translate(e, context);
    }

    /**
     * The datastore for a JDBC URL: by default a HikariCP pool of up to {@code poolSize} connections
     * with this dialect's isolation level and the default connect timeout.
     *
     * @see #datastore(PoolSettings)
     */
    default JdbcDatastore datastore(String url, @Nullable String user, @Nullable String password, int poolSize,
            String name) {
        return datastore(PoolSettings.of(url, user, password, poolSize, PoolSettings.DEFAULT_CONNECT_TIMEOUT,
                "eventsourcing-" + name));
    }

    /**
     * The datastore for a pool's settings: by default a HikariCP pool ({@link JdbcFactory#pool(JdbcDialect,
     * PoolSettings)}), whose first connection is made here. Dialects whose database needs more
     * (SQLite's single writer) override it.
     *
     * @throws PersistenceException if the database cannot be reached
     */
    default JdbcDatastore datastore(PoolSettings settings) {
        DataSource pool = JdbcFactory.pool(this, settings);
        return new JdbcDatastore(pool, this, (AutoCloseable) pool);
    }

    /**
     * The driver's connection properties that bound connecting by {@code connectTimeout} (the driver's
     * names and units differ); empty when the driver has none (an embedded database).
     */
    default Map<String, String> connectionProperties(Duration connectTimeout) {
        return Map.of();
    }

    /**
     * Whether a lower-case name cannot be a schema (or other identifier) unquoted: by default the
     * SQL:2016 reserved words; dialects give their database's own list.
     */
    default boolean isReserved(String identifier) {
        return ReservedWords.SQL_2016.contains(identifier);
    }

    /**
     * Starts pushing notice of new events: calls {@code onNewEvents} whenever another connection (or
     * process) commits to the events table. Returns what stops it, or null if this database has no
     * push mechanism, in which case subscriptions poll.
     */
    default @Nullable AutoCloseable listen(DataSource dataSource, Tables tables, Runnable onNewEvents) {
        return null;
    }

    /**
     * The statements of this database's DCB store ({@code <app>_dcb_events}).
     *
     * @throws io.eventsourcing.persistence.NotSupportedException if this dialect has none (the default)
     */
    default JdbcDcbDialect dcbDialect() {
        throw new io.eventsourcing.persistence.NotSupportedException("the " + name() + " dialect has no DCB store");
    }
}
