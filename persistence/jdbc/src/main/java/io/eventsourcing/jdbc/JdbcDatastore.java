package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.ProgrammingException;
import io.eventsourcing.persistence.TransactionWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: one datastore per factory, shared by all the recorders of an application, so a transaction
 * bound to a thread covers the events, snapshots and tracking tables alike. Writes run in a
 * transaction: the thread's open one if there is one (joining it), else a new one that commits when
 * the work returns. Reads join the thread's transaction too (so they see its uncommitted writes),
 * else run on an auto-commit connection without a transaction. SQLite needs more than the database
 * gives: one writer at a time in the process (writeLock), and for an in-memory database a single
 * connection that every access takes in turn (accessLock). Work that fails because the connection
 * was lost before it committed is retried on a new connection (and the pool's idle connections are
 * replaced, as a server that dropped one has dropped them all), unless it is part of a caller's
 * transaction. A connection lost while committing leaves the outcome unknown: that is never retried
 * blindly, but reported as such; the recorders' group committer finds out what was recorded before it
 * answers (see GroupCommitter), which is how saves are written. Transactions are begun and ended
 * through the dialect (JdbcDialect.begin, commit, rollback and savepoints), as SQLite's driver needs
 * statements rather than its own transaction handling.
 *
 * A thread in an external transaction (a framework's, see ExternalTransactions) and not in one of
 * the datastore's own has its reads, writes and blocks run on that transaction's connection, bound as
 * the thread's transaction as joining() binds a caller's connection; nothing is retried there, as the
 * framework owns the transaction.
 *
 * A caller's block nested in another runs between a savepoint and its release, so when it throws,
 * its own work is undone and the outer block may catch the exception and carry on, alike on every
 * database (PostgreSQL would otherwise refuse every further statement of a transaction in which one
 * failed).
 *
 * When beginning a transaction or rolling one back fails, auto-commit is switched back on before the
 * connection returns to the pool. xerial's SQLite driver counts a connection as in a transaction from
 * setAutoCommit(false) on, even when its BEGIN IMMEDIATE failed (SQLITE_BUSY after the lock timeout),
 * and the pool, which saw the call fail, does not reset it. The next transaction on that connection
 * would skip BEGIN, write each statement in auto-commit mode, and then fail at COMMIT although its
 * rows were written.
 */

/**
 * A {@link DataSource} with thread-bound, re-entrant transactions and the translation of driver
 * errors into {@link PersistenceException}s.
 *
 * <p>Thread-safe.
 */
public final class JdbcDatastore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatastore.class);

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final @Nullable AutoCloseable owned;
    private final @Nullable Lock writeLock;
    private final @Nullable Lock accessLock;
    private final Duration lockTimeout;
    private final int retries;
    private final @Nullable ExternalTransactions external;
    private final ThreadLocal<@Nullable Transaction> current = new ThreadLocal<>();

    /**
     * @param dataSource where connections come from
     * @param dialect the database's dialect
     * @param owned closed with the datastore (e.g. the pool), or null
     * @param writeLock held by every write transaction, or null if the database serialises writers
     * @param accessLock held by every read and transaction, or null
     * @param lockTimeout how long to wait for those locks
     * @param retries how often to retry work whose connection was lost
     */
    public JdbcDatastore(DataSource dataSource, JdbcDialect dialect, @Nullable AutoCloseable owned,
            @Nullable Lock writeLock, @Nullable Lock accessLock, Duration lockTimeout, int retries) {
        this(dataSource, dialect, owned, writeLock, accessLock, lockTimeout, retries, null);
    }

    /**
     * A datastore that joins external transactions on its data source.
     *
     * @param external the framework's transactions to join when the calling thread is in one, or null
     * @see #JdbcDatastore(DataSource, JdbcDialect, AutoCloseable, Lock, Lock, Duration, int)
     */
    public JdbcDatastore(DataSource dataSource, JdbcDialect dialect, @Nullable AutoCloseable owned,
            @Nullable Lock writeLock, @Nullable Lock accessLock, Duration lockTimeout, int retries,
            @Nullable ExternalTransactions external) {
        this.external = external;
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.dialect = requireNonNull(dialect, "dialect");
        this.owned = owned;
        this.writeLock = writeLock;
        this.accessLock = accessLock;
        this.lockTimeout = requireNonNull(lockTimeout, "lockTimeout");
        this.retries = retries;
    }

    /** A datastore on a pool-like data source that serialises nothing itself. */
    public JdbcDatastore(DataSource dataSource, JdbcDialect dialect, @Nullable AutoCloseable owned) {
        this(dataSource, dialect, owned, null, null, Duration.ofSeconds(30), 3);
    }

    /** The data source. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The dialect. */
    public JdbcDialect dialect() {
        return dialect;
    }

    /** Whether this thread has an open transaction on this datastore. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    /**
     * This thread's external transaction that the datastore joins, or null if it is in none (or in one
     * of the datastore's own, or one bound by {@link #joining}).
     *
     * @see ExternalTransactions#transaction
     */
    public @Nullable Object externalTransaction() {
        return external != null && current.get() == null ? external.transaction(dataSource) : null;
    }

    /**
     * Calls {@code completion} once this thread's external transaction has ended, with whether it
     * committed.
     *
     * @throws IllegalStateException if the thread is in none
     */
    public void afterExternalTransaction(Consumer<Boolean> completion) {
        requireNonNull(completion, "completion");
        if (external == null) {
            throw new IllegalStateException("this datastore joins no external transactions");
        }
        external.afterCompletion(dataSource, completion);
    }

    /**
     * Runs work that writes, in the thread's transaction or a new one.
     *
     * @param context what the work does, for messages (e.g. {@code "insert into dogschool_events"})
     * @throws PersistenceException if the database fails; a new transaction is rolled back
     */
    public <T> T write(String context, SqlWork<T> work) {
        Transaction open = current.get();
        if (open == null && external != null) {
            Connection joined = externalConnection(context);
            if (joined != null) {
                return inExternal(joined, () -> write(context, work));
            }
        }
        if (open != null) {
            try {
                return work.run(open.connection);
            } catch (SQLException e) {
                throw dialect.translate(e, context);
            }
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return inNewTransaction(context, work::run);
            } catch (LostConnection lost) {
                if (attempt >= retries) {
                    throw dialect.translate(lost.cause, context);
                }
                LOG.warn("{}: connection lost ({}), retrying", context, lost.cause.getMessage());
                evictIdleConnections();
            }
        }
    }

    /**
     * Runs work that only reads: in the thread's transaction, else on an auto-commit connection.
     *
     * @throws PersistenceException if the database fails
     */
    public <T> T read(String context, SqlWork<T> work) {
        Transaction open = current.get();
        if (open == null && external != null) {
            Connection joined = externalConnection(context);
            if (joined != null) {
                return inExternal(joined, () -> read(context, work));
            }
        }
        if (open != null) {
            try {
                return work.run(open.connection);
            } catch (SQLException e) {
                throw dialect.translate(e, context);
            }
        }
        for (int attempt = 0; ; attempt++) {
            acquire(accessLock, context);
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
                return work.run(connection);
            } catch (SQLException e) {
                if (dialect.isTransient(e) && attempt < retries) {
                    LOG.warn("{}: connection lost ({}), retrying", context, e.getMessage());
                    evictIdleConnections();
                    continue;
                }
                throw dialect.translate(e, context);
            } finally {
                release(accessLock);
            }
        }
    }

    /**
     * Runs the caller's block in a new transaction that commits when the block returns and rolls back
     * when it throws, or, if the thread has one open already, inside it: then the block's work commits
     * only with the outer transaction, and if the block throws, its work alone is undone (rolled back
     * to a savepoint taken before it) and the exception passes to the outer block. Never retried.
     *
     * @throws PersistenceException if the database fails
     */
    public <T> T transaction(TransactionWork<Connection, T> work) {
        requireNonNull(work, "work");
        Transaction open = current.get();
        if (open == null && external != null) {
            Connection joined = externalConnection("transaction");
            if (joined != null) {
                return inExternal(joined, () -> transaction(work));
            }
        }
        if (open != null) {
            return runNestedBlock(open.connection, work);
        }
        try {
            return inNewTransaction("transaction", connection -> runBlock(connection, work, "transaction"));
        } catch (LostConnection lost) {
            throw dialect.translate(lost.cause, "transaction");
        }
    }

    /**
     * Runs work with a connection the caller owns bound as this thread's transaction: every
     * {@link #write}, {@link #read} and {@link #transaction} of this datastore on this thread inside
     * the work runs on that connection, and none of them begins, commits, rolls back or closes it;
     * that stays with the caller, who must have begun a transaction on it for writes to be atomic.
     * This is how an ORM session's transaction (the JPA module's {@code EntityManager}) takes in the
     * recorders' work. Neither of the datastore's locks is taken: the caller's transaction must
     * serialise writers as the datastore's own would (SQLite: begin {@code IMMEDIATE}). If this
     * thread is already bound to the same connection, the work just runs.
     *
     * @param connection the caller's connection, in the caller's transaction
     * @param work what to run; its exceptions pass unchanged
     * @throws ProgrammingException if this thread has an open transaction of this datastore on
     *     another connection
     */
    public <T> T joining(Connection connection, Supplier<T> work) {
        requireNonNull(connection, "connection");
        requireNonNull(work, "work");
        Transaction open = current.get();
        if (open != null) {
            if (open.connection == connection) {
                return work.get();
            }
            throw new ProgrammingException("cannot join a caller's connection: this thread already has a "
                    + "transaction of this datastore on another connection");
        }
        current.set(new Transaction(connection));
        try {
            return work.get();
        } finally {
            current.remove();
        }
    }

    private @Nullable Connection externalConnection(String context) {
        try {
            return requireNonNull(external).connection(dataSource);
        } catch (SQLException e) {
            throw dialect.translate(e, context + ": joining the external transaction");
        }
    }

    /** Runs work with the external transaction's connection bound as this thread's, then gives it back. */
    private <T> T inExternal(Connection connection, Supplier<T> work) {
        current.set(new Transaction(connection));
        try {
            return work.get();
        } finally {
            current.remove();
            requireNonNull(external).release(connection, dataSource);
        }
    }

    /**
     * Runs work on a connection of its own in auto-commit mode, holding the datastore's locks, outside
     * any transaction of this thread: how the group committer writes. The work begins and ends its own
     * transaction. Failures pass as they are, so the caller can tell a connection that could not be had
     * ({@link Unreachable}: nothing was sent) from one lost during the work (the work's
     * {@link SQLException}).
     *
     * @throws Unreachable if no connection could be had
     * @throws OperationalException if a lock of the datastore's timed out
     */
    <T> T onOwnConnection(String context, SqlWork<T> work) throws SQLException {
        acquire(accessLock, context);
        try {
            acquire(writeLock, context);
            try {
                Connection connection;
                try {
                    connection = dataSource.getConnection();
                } catch (SQLException e) {
                    throw new Unreachable(e);
                }
                try (connection) {
                    if (!connection.getAutoCommit()) {
                        connection.setAutoCommit(true);
                    }
                    return work.run(connection);
                }
            } finally {
                release(writeLock);
            }
        } finally {
            release(accessLock);
        }
    }

    /**
     * After a lost connection: has the pool close its idle connections and replace the others when they
     * come back, since a server that dropped one (a restart, a failover) has dropped them all; without
     * it, each retry could be lent another dead connection.
     */
    void evictIdleConnections() {
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** How often work whose connection was lost is retried. */
    int retries() {
        return retries;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", owned, e);
            }
        }
    }

    private <T> T inNewTransaction(String context, TransactionBody<T> body) {
        acquire(accessLock, context);
        try {
            acquire(writeLock, context);
            try {
                return runInNewTransaction(context, body);
            } finally {
                release(writeLock);
            }
        } finally {
            release(accessLock);
        }
    }

    private <T> T runInNewTransaction(String context, TransactionBody<T> body) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            if (dialect.isTransient(e)) {
                throw new LostConnection(e);
            }
            throw dialect.translate(e, context);
        }
        Transaction transaction = new Transaction(connection);
        current.set(transaction);
        boolean committing = false;
        try {
            begin(connection);
            T result = body.run(connection);
            committing = true;
            dialect.commit(connection);
            return result;
        } catch (SQLException e) {
            rollback(connection);
            if (committing && SqlStates.isConnectionLost(e)) {
                throw new OperationalException(context + ": the connection was lost while committing, so the "
                        + "transaction may or may not have committed: " + e.getMessage(), e);
            }
            if (SqlStates.isConnectionLost(e)) {
                throw new LostConnection(e);
            }
            throw dialect.translate(e, context);
        } catch (RuntimeException | Error e) {
            rollback(connection);
            throw e;
        } finally {
            current.remove();
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection failed", e);
            }
        }
    }

    private <T> T runNestedBlock(Connection connection, TransactionWork<Connection, T> work) {
        Savepoint savepoint;
        try {
            savepoint = dialect.setSavepoint(connection);
        } catch (SQLException e) {
            throw dialect.translate(e, "nested transaction: set savepoint");
        }
        T result;
        try {
            result = runBlock(connection, work, "nested transaction");
        } catch (RuntimeException | Error e) {
            try {
                dialect.rollback(connection, savepoint);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(dialect.translate(rollbackFailure, "nested transaction: roll back to savepoint"));
            }
            throw e;
        }
        try {
            dialect.release(connection, savepoint);
        } catch (SQLException e) {
            throw dialect.translate(e, "nested transaction: release savepoint");
        }
        return result;
    }

    private <T> T runBlock(Connection connection, TransactionWork<Connection, T> work, String context) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw dialect.translate(e, context);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventSourcingException("the transaction block was interrupted", e);
        } catch (Exception e) {
            throw new EventSourcingException("the transaction block failed: " + e, e);
        }
    }

    private void begin(Connection connection) throws SQLException {
        try {
            dialect.begin(connection);
        } catch (SQLException e) {
            restoreAutoCommit(connection);
            throw e;
        }
    }

    private void rollback(Connection connection) {
        try {
            dialect.rollback(connection);
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
            restoreAutoCommit(connection);
        }
    }

    /** Tells the driver the connection is in no transaction, when beginning or ending one failed. */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("resetting auto-commit failed", e);
        }
    }

    private void acquire(@Nullable Lock lock, String context) {
        if (lock == null) {
            return;
        }
        try {
            if (!lock.tryLock(lockTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new OperationalException(context + ": lock timeout: another writer held the database for "
                        + lockTimeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationalException(context + ": interrupted while waiting for the database lock", e);
        }
    }

    private static void release(@Nullable Lock lock) {
        if (lock != null) {
            lock.unlock();
        }
    }

    @FunctionalInterface
    private interface TransactionBody<T> {
        T run(Connection connection) throws SQLException;
    }

    private record Transaction(Connection connection) {}

    /** No connection could be had from the data source: nothing of the work was sent. */
    static final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SQLException cause;

        Unreachable(SQLException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    /** Carries a lost-connection failure out of a transaction so the write can be retried. */
    private static final class LostConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SQLException cause;

        LostConnection(SQLException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }
}
