package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.Tables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection that LISTENs on an events table's channel and calls back on every NOTIFY. After
 * LISTEN it takes the table's advisory lock shared, which tells writers that someone listens (see
 * {@link PostgresNotices}), and calls back once, since a writer that found nobody listening may have
 * committed just before. If the connection is lost it reconnects (with back-off) and calls back once,
 * since notifications may have been missed meanwhile. Runs on one daemon thread until closed. The
 * constructor returns once the LISTEN and the lock are in place (or after {@link #START_WAIT} if the
 * database cannot be reached), so no insert committed after it returns goes unnoticed.
 */
final class PostgresListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    private static final int WAIT_MILLIS = 250;
    /** The longest wait for the first LISTEN; subscriptions poll until it is in place. */
    static final Duration START_WAIT = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Tables tables;
    private final String channel;
    private final Runnable onNotify;
    private final Thread thread;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean closed;

    PostgresListener(DataSource dataSource, Tables tables, Runnable onNotify) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.channel = PostgresNotices.channel(tables);
        this.onNotify = onNotify;
        this.thread = Thread.ofPlatform().daemon().name("eventsourcing-listen-" + channel).unstarted(this::run);
        thread.start();
        try {
            if (!listening.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("not yet listening on {} after {} ms; subscriptions poll until it is", channel,
                        START_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration pause = Duration.ofMillis(100);
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try {
                    listen(connection);
                    pause = Duration.ofMillis(100);
                } finally {
                    // The connection goes back to the pool: it must not go on telling writers someone listens.
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("UNLISTEN " + channel);
                        statement.execute(PostgresNotices.listenUnlock(tables));
                    } catch (SQLException e) {
                        abort(connection);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("listening on {} failed ({}); reconnecting in {} ms", channel, e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : pause.multipliedBy(2);
            }
        }
    }

    /** Closes the physical connection, so the pool drops it rather than lend it with the lock held. */
    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException e) {
            LOG.debug("aborting the listening connection failed", e);
        }
    }

    /** Listens until closed; returns normally only when closed. */
    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + channel);
            statement.execute(PostgresNotices.listenLock(tables));
        }
        listening.countDown();
        onNotify.run();
        // Writers that last looked before this listener came notify it only from their next look on.
        long readAgainAt = System.nanoTime() + PostgresNotices.CHECK_PERIOD.toNanos() * 3 / 2;
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            boolean readAgain = readAgainAt != 0 && System.nanoTime() - readAgainAt > 0;
            if (readAgain) {
                readAgainAt = 0;
            }
            if (readAgain || notifications != null && notifications.length > 0) {
                onNotify.run();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
