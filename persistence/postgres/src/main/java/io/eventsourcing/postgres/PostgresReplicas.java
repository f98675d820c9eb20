package io.eventsourcing.postgres;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcReplicas;
import io.eventsourcing.jdbc.Tables;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.WaitInterruptedException;
import io.eventsourcing.persistence.WaitTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: reads go through one pool over the replica hosts, which the driver spreads over the standbys
 * that answer (falling back to a primary among the hosts when none does), so which replica serves the
 * next read is not known in advance. A wait for a notification must therefore hold for every replica:
 * it asks each host itself, on a connection of its own kept for these waits, for the largest
 * notification id it has replayed, until that reaches the one waited for. A replica replays the
 * primary's commits in commit order and ids increase in commit order, so a replica that has the id has
 * every id before it. A host that cannot be reached is passed over (the pool cannot lend a connection
 * to it either), and not asked again for a second, so that a replica that is down does not slow every
 * wait by a connect timeout; a wait with no host to ask fails. The window this leaves: a replica that
 * was down during the wait and comes back behind may serve a read before it catches up.
 *
 * The pool is made at the first read, not with the factory: a factory whose recorders never read a
 * notification log (a projection's view, which only keeps tracking positions) would otherwise hold
 * connections to the replicas for nothing. A replica that cannot be reached is then reported by the
 * first read, naming the replicas.
 */

/**
 * The read replicas of {@code POSTGRES_REPLICA_HOSTS}: their pool, and waits until each has replayed a
 * notification.
 *
 * <p>Thread-safe.
 */
final class PostgresReplicas implements JdbcReplicas {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresReplicas.class);
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(25).toNanos();

    private final Supplier<JdbcDatastore> pool;
    private final boolean aggregateReads;
    private final List<Probe> probes = new ArrayList<>();
    private volatile @Nullable JdbcDatastore datastore;
    private boolean closed;

    /**
     * @param pool makes the pool over the replicas, at the first read; closed with this
     * @param settings the settings naming the replicas and how to connect
     * @param name the application's name, for the server's view of the connections
     */
    PostgresReplicas(Supplier<JdbcDatastore> pool, PostgresSettings settings, String name) {
        this.pool = requireNonNull(pool, "pool");
        this.aggregateReads = settings.replicaReads() == PostgresSettings.ReplicaReads.ALL;
        for (PostgresSettings.Host host : settings.replicas()) {
            probes.add(new Probe(host, dataSource(host, settings, name)));
        }
    }

    /**
     * The pool over the replicas, made now if this is the first read.
     *
     * @throws io.eventsourcing.persistence.PersistenceException if no replica can be reached to make it
     * @throws IllegalStateException if closed
     */
    @Override
    public JdbcDatastore datastore() {
        JdbcDatastore made = datastore;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the read replicas' connections are closed");
            }
            if (datastore == null) {
                datastore = pool.get();
            }
            return datastore;
        }
    }

    @Override
    public boolean aggregateReads() {
        return aggregateReads;
    }

    @Override
    public void waitForNotification(Tables tables, long notificationId, Duration timeout) {
        requireNonNull(tables, "tables");
        requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> unreachable = new ArrayList<>();
        for (Probe probe : probes) {
            long pause = FIRST_PAUSE_NANOS;
            while (true) {
                long replayed;
                try {
                    replayed = probe.replayed(tables);
                } catch (Unreachable e) {
                    LOG.debug("replica {} did not answer ({}); passed over", probe.host, e.getMessage());
                    unreachable.add(probe.host + " (" + e.getMessage() + ")");
                    break;
                }
                if (replayed >= notificationId) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new WaitTimeoutException("timed out after " + timeout.toMillis() + " ms waiting for the read "
                            + "replica " + probe.host + " to replay notification " + notificationId + " of "
                            + tables.events() + ": " + (replayed < 0 ? "asking it failed (see the log)"
                                    : "it has replayed up to " + replayed));
                }
                sleep(Math.min(pause, left), notificationId);
                pause = Math.min(2 * pause, LONGEST_PAUSE_NANOS);
            }
        }
        if (unreachable.size() == probes.size()) {
            throw new OperationalException("cannot wait for notification " + notificationId + " of " + tables.events()
                    + ": no read replica answered: " + String.join(", ", unreachable));
        }
    }

    @Override
    public void close() {
        for (Probe probe : probes) {
            probe.close();
        }
        JdbcDatastore made;
        synchronized (this) {
            closed = true;
            made = datastore;
            datastore = null;
        }
        if (made != null) {
            made.close();
        }
    }

    @Override
    public String toString() {
        return "PostgresReplicas" + probes.stream().map(probe -> probe.host.toString()).toList();
    }

    private static PGSimpleDataSource dataSource(PostgresSettings.Host host, PostgresSettings settings, String name) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host.name()});
        dataSource.setPortNumbers(new int[] {host.port()});
        dataSource.setDatabaseName(settings.dbname());
        dataSource.setUser(settings.user());
        dataSource.setPassword(settings.password());
        int seconds = (int) Math.max(1, (settings.connectTimeout().toMillis() + 999) / 1000);
        dataSource.setConnectTimeout(seconds);
        dataSource.setLoginTimeout(seconds);
        dataSource.setSocketTimeout((int) Math.max(10, 2L * seconds));
        dataSource.setApplicationName("eventsourcing-" + name + "-replica-wait");
        return dataSource;
    }

    private static void sleep(long nanos, long notificationId) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("interrupted while waiting for the read replicas to replay notification "
                    + notificationId);
        }
    }

    /** A replica host that could not be asked. */
    private static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    /** One replica host and the connection kept for asking it how far it has replayed. */
    private static final class Probe {
        private static final long DOWN_NANOS = Duration.ofSeconds(1).toNanos();
        final PostgresSettings.Host host;
        private final PGSimpleDataSource dataSource;
        private final ReentrantLock lock = new ReentrantLock();
        private @Nullable Connection connection;
        /** When the host may be asked again after it could not be reached ({@code System.nanoTime()}). */
        private long downUntil;
        private String down = "";

        Probe(PostgresSettings.Host host, PGSimpleDataSource dataSource) {
            this.host = host;
            this.dataSource = dataSource;
        }

        /**
         * The largest notification id the host has replayed (0 while the table has not reached it).
         *
         * @throws Unreachable if no connection can be made to it
         */
        long replayed(Tables tables) throws Unreachable {
            lock.lock();
            try {
                Connection open = connection;
                if (open == null) {
                    if (System.nanoTime() - downUntil < 0) {
                        throw new Unreachable(down);
                    }
                    try {
                        open = dataSource.getConnection();
                        connection = open;
                    } catch (SQLException e) {
                        down = String.valueOf(e.getMessage());
                        downUntil = System.nanoTime() + DOWN_NANOS;
                        throw new Unreachable(down);
                    }
                }
                try (Statement statement = open.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(notification_id), 0) FROM "
                                + tables.events())) {
                    return rows.next() ? rows.getLong(1) : 0;
                } catch (SQLException e) {
                    if ("42P01".equals(e.getSQLState())) {
                        return 0; // the table's creation has not been replayed yet
                    }
                    closeConnection();
                    LOG.debug("asking replica {} failed ({}); asking again on a new connection", host, e.getMessage());
                    return -1;
                }
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                closeConnection();
            } finally {
                lock.unlock();
            }
        }

        private void closeConnection() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("closing the connection to replica {} failed", host, e);
                }
                connection = null;
            }
        }
    }
}
