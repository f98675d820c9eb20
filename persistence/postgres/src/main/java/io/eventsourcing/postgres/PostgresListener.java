package io.eventsourcing.postgres;

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
 * Holds one connection that LISTENs on an events table's channel and calls back on every NOTIFY. If
 * the connection is lost it reconnects (with back-off) and calls back once, since notifications may
 * have been missed meanwhile. Runs on one daemon thread until closed. The constructor returns once
 * the LISTEN is in place (or after {@link #START_WAIT} if the database cannot be reached), so no
 * NOTIFY of an insert committed after it returns is missed.
 */
final class PostgresListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    private static final int WAIT_MILLIS = 250;
    /** The longest wait for the first LISTEN; subscriptions poll until it is in place. */
    static final Duration START_WAIT = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final String channel;
    private final Runnable onNotify;
    private final Thread thread;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean closed;

    PostgresListener(DataSource dataSource, String channel, Runnable onNotify) {
        this.dataSource = dataSource;
        this.channel = channel;
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
        boolean missed = false;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                listening.countDown();
                if (missed) {
                    onNotify.run();
                }
                pause = Duration.ofMillis(100);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onNotify.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                missed = true;
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
