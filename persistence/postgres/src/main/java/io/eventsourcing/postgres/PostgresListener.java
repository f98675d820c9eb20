package io.eventsourcing.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection that LISTENs on an events table's channel and calls back on every NOTIFY. If
 * the connection is lost it reconnects (with back-off) and calls back once, since notifications may
 * have been missed meanwhile. Runs on one daemon thread until closed.
 */
final class PostgresListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    private static final int WAIT_MILLIS = 250;

    private final DataSource dataSource;
    private final String channel;
    private final Runnable onNotify;
    private final Thread thread;
    private volatile boolean closed;

    PostgresListener(DataSource dataSource, String channel, Runnable onNotify) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.onNotify = onNotify;
        this.thread = Thread.ofPlatform().daemon().name("eventsourcing-listen-" + channel).unstarted(this::run);
        thread.start();
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
