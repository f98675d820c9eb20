package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Opens a backend's first connection when it is constructed, so that a wrong host, port, database,
 * user or password fails there and then, with the driver's reason and the database named, instead of
 * at the first save after the pool's timeout. Only what may pass by itself ({@link SqlStates#isTransient}:
 * a refused connection while the server restarts, a server starting up or out of connection slots, and
 * what the dialect adds) is
 * tried again, until the connect timeout is spent; everything else fails at the first attempt.
 */
final class FirstConnection {
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 1000;

    private FirstConnection() {}

    /**
     * Opens and closes one connection.
     *
     * @param dataSource connections straight from the driver, not from a pool
     * @param connectTimeout how long to keep trying while the failure is transient; the driver's own
     *     connect timeout bounds each attempt
     * @param target the database as the message names it
     * @param dialect says which failures may pass by themselves
     * @throws PersistenceException if no connection could be made, with the driver's reason
     */
    static void open(DataSource dataSource, Duration connectTimeout, String target, JdbcDialect dialect) {
        long start = System.nanoTime();
        long deadline = start + connectTimeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                Connection connection = dataSource.getConnection();
                connection.close();
                return;
            } catch (SQLException e) {
                long left = deadline - System.nanoTime();
                if (!dialect.isTransient(e) || left <= 0) {
                    throw SqlStates.cannotConnect(e, attempt == 1 ? target : String.format(Locale.ROOT,
                            "%s (tried %d times in %.1f s)", target, attempt, (System.nanoTime() - start) / 1e9));
                }
                try {
                    Thread.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new OperationalException("interrupted while connecting to " + target, interrupted);
                }
                pause = Math.min(2 * pause, LONGEST_PAUSE_MILLIS);
            }
        }
    }
}
