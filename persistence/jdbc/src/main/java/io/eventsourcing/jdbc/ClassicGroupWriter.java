package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group writer of the dialects that send statements one at a time (MariaDB, H2, SQLite): one
 * transaction with the dialect's numbered insert of every event of the group and the tracking
 * positions, then one commit. If that fails on a conflict and the group has several inserts, the
 * transaction is rolled back and the group written again, checked: under the notification lock, the
 * (originator id, version) pairs and tracking positions of the group are looked up first, the inserts
 * they refuse are left out and the rest are written. Conflicts are rare, so the common case pays for
 * no look-up.
 */
final class ClassicGroupWriter implements GroupWriter {
    static final ClassicGroupWriter INSTANCE = new ClassicGroupWriter();

    private ClassicGroupWriter() {}

    @Override
    public long[] write(JdbcDialect dialect, Connection connection, Tables tables, List<EventInsert> inserts)
            throws SQLException {
        try {
            return inTransaction(dialect, connection, () -> writeAll(dialect, connection, tables, inserts));
        } catch (SQLException | IntegrityException e) {
            if (inserts.size() > 1 && isConflict(dialect, e)) {
                return inTransaction(dialect, connection, () -> writeChecked(dialect, connection, tables, inserts));
            }
            throw e;
        }
    }

    private static boolean isConflict(JdbcDialect dialect, Exception e) {
        return e instanceof IntegrityException
                || e instanceof SQLException sql && dialect.translate(sql, "") instanceof IntegrityException;
    }

    private static long[] writeAll(JdbcDialect dialect, Connection connection, Tables tables,
            List<EventInsert> inserts) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        for (EventInsert insert : inserts) {
            events.addAll(insert.events());
        }
        List<Long> ids = events.isEmpty() ? List.of() : dialect.insertNotifications(connection, tables, events);
        long[] firsts = new long[inserts.size()];
        int offset = 0;
        for (int i = 0; i < firsts.length; i++) {
            EventInsert insert = inserts.get(i);
            firsts[i] = insert.events().isEmpty() ? 0 : ids.get(offset);
            offset += insert.events().size();
            if (insert.tracking() != null) {
                TrackingRows.raise(connection, dialect, tables.tracking(), insert.tracking());
            }
        }
        return firsts;
    }

    /**
     * Writes the inserts in the caller's transaction, checked: under the notification lock, the inserts
     * that the recorded events or tracking positions refuse are left out and the rest are written.
     */
    static long[] writeChecked(JdbcDialect dialect, Connection connection, Tables tables,
            List<EventInsert> inserts) throws SQLException {
        dialect.lockNotifications(connection, tables);
        List<StoredEvent> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (EventInsert insert : inserts) {
            all.addAll(insert.events());
            if (insert.tracking() != null) {
                names.add(insert.tracking().applicationName());
            }
        }
        Set<EventRows.Key> recorded = EventRows.recordedKeys(connection, dialect, tables.events(), all);
        Map<String, Long> positions = TrackingRows.positions(connection, dialect, tables.tracking(), names);
        long[] outcomes = new long[inserts.size()];
        List<EventInsert> accepted = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            EventInsert insert = inserts.get(i);
            Tracking tracking = insert.tracking();
            if (insert.events().stream().anyMatch(event -> recorded.contains(EventRows.Key.of(event)))) {
                outcomes[i] = REFUSED_EVENTS;
            } else if (tracking != null
                    && positions.getOrDefault(tracking.applicationName(), 0L) >= tracking.notificationId()) {
                outcomes[i] = REFUSED_TRACKING;
            } else {
                accepted.add(insert);
            }
        }
        long[] firsts = accepted.isEmpty() ? new long[0] : writeAll(dialect, connection, tables, accepted);
        for (int i = 0, next = 0; i < outcomes.length; i++) {
            if (outcomes[i] == 0) {
                outcomes[i] = firsts[next++];
            }
        }
        return outcomes;
    }

    /**
     * Runs the work between {@link JdbcDialect#begin} and {@link JdbcDialect#commit}, rolling back if it
     * or the commit throws (a rollback that fails is left to the pool, which drops a broken connection).
     */
    static <T> T inTransaction(JdbcDialect dialect, Connection connection, SqlCall<T> work) throws SQLException {
        dialect.begin(connection);
        try {
            T result = work.call();
            dialect.commit(connection);
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                dialect.rollback(connection);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    /** Work on the connection the caller holds. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }
}
