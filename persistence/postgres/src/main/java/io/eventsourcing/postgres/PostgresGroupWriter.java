package io.eventsourcing.postgres;

import io.eventsourcing.internal.PersistenceAccess;
import io.eventsourcing.jdbc.EventInsert;
import io.eventsourcing.jdbc.GroupWriter;
import io.eventsourcing.jdbc.JdbcDialect;
import io.eventsourcing.jdbc.Tables;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/*
 * One round trip per group. The driver sends the statements of one prepared string together and
 * waits once, so the transaction is begun, locked, written and committed by a single request on a
 * connection in auto-commit mode. A group of events alone is first written as a hand-written insert
 * would be, numbered after the largest id, with no checks:
 *
 *   BEGIN; [SET LOCAL lock_timeout = ...;] LOCK TABLE events IN EXCLUSIVE MODE;
 *   INSERT INTO events ... SELECT ..., MAX(notification_id) + n FROM (VALUES ...)
 *       RETURNING notification_id[, NOTIFY when someone listens, found out every 100 ms]; COMMIT;
 *
 * If an event of it is recorded already, the database refuses the statement and the transaction is
 * rolled back; conflicts are rare, and only then is the group written again, checked, so that only the
 * insert that conflicts fails (a lone insert just fails). A group with tracking positions (a process
 * application's) is always written checked, as the tracking checks need it:
 *
 *   BEGIN; [SET LOCAL lock_timeout = ...;] LOCK TABLE events IN EXCLUSIVE MODE;
 *   WITH input AS (VALUES (insert, order, originator_id, version, topic, state), ...),
 *        top AS (SELECT MAX(notification_id) ...),                     -- read after the lock: current
 *        refused_events AS (inserts with an event whose (id, version) is recorded),
 *        refused_tracking AS (inserts whose tracking id is not above the recorded one),
 *        accepted AS (the rows of the other inserts, numbered 1.. in group order),
 *        inserted AS (INSERT INTO events ... top + number ...),
 *        tracked AS (INSERT INTO tracking ... ON CONFLICT DO UPDATE ...)
 *   SELECT top, refused_events, refused_tracking, [NOTIFY if anyone listens];
 *   COMMIT;
 *
 * The checks run in the statement that writes, after the lock was granted, so they see every commit
 * before it and nothing can change under them: a refused insert is refused for what is recorded, and
 * the others of the group are written. The NOTIFY is sent only when a listener holds the table's
 * shared advisory lock (see PostgresListener); a transaction that finds none takes the lock itself
 * until it commits, so a listener arriving meanwhile waits for the commit and then reads. NOTIFY
 * serialises committing transactions server-wide, so leaving it out when nobody listens matters to
 * other applications on the server too. Groups of more than MAX_ROWS events go to the classic writer.
 */

/**
 * PostgreSQL's group writer: a whole group in one round trip (see the comment above).
 *
 * <p>Thread-safe.
 */
final class PostgresGroupWriter implements GroupWriter {
    /** The most rows one statement carries (6 parameters each, well inside PostgreSQL's 65,535). */
    static final int MAX_ROWS = 1_000;
    private static final int MAX_CACHED = 512;

    private final String lockTimeoutClause;
    private final GroupWriter fallback;
    private final Map<String, String> statements = new ConcurrentHashMap<>();
    private final PostgresNotices.Presence presence = new PostgresNotices.Presence();

    /**
     * @param lockTimeoutClause {@code SET LOCAL lock_timeout = '...'; } or empty
     * @param fallback the writer for groups too big for one statement
     */
    PostgresGroupWriter(String lockTimeoutClause, GroupWriter fallback) {
        this.lockTimeoutClause = lockTimeoutClause;
        this.fallback = fallback;
    }

    @Override
    public long[] write(JdbcDialect dialect, Connection connection, Tables tables, List<EventInsert> inserts)
            throws SQLException {
        int rows = 0;
        int trackings = 0;
        for (EventInsert insert : inserts) {
            rows += insert.events().size();
            if (insert.tracking() != null) {
                trackings++;
            }
        }
        if (rows > MAX_ROWS || trackings > MAX_ROWS) {
            return fallback.write(dialect, connection, tables, inserts);
        }
        if (trackings == 0) {
            try {
                return writeOptimistic(dialect, connection, tables, inserts, rows);
            } catch (SQLException e) {
                if (inserts.size() == 1 || !(dialect.translate(e, "") instanceof IntegrityException)) {
                    throw e;
                }
                // A conflict somewhere in the group: write it again checked, so that only its own insert fails.
            }
        }
        return writeChecked(dialect, connection, tables, inserts, rows, trackings);
    }

    /**
     * The group's events numbered after the largest id, in one statement with no checks, as a
     * hand-written insert would: the database refuses the whole statement if an event is recorded
     * already, and then the group is written again checked.
     */
    private long[] writeOptimistic(JdbcDialect dialect, Connection connection, Tables tables,
            List<EventInsert> inserts, int rows) throws SQLException {
        PostgresNotices.Presence.Notice notice = presence.notice(tables);
        try (PreparedStatement statement = connection.prepareStatement(optimisticSql(tables, rows, notice))) {
            int index = 1;
            int number = 1;
            for (EventInsert insert : inserts) {
                for (StoredEvent event : insert.events()) {
                    dialect.setUuid(statement, index++, event.originatorId());
                    statement.setLong(index++, event.originatorVersion());
                    statement.setString(index++, event.topic());
                    statement.setBytes(index++, PersistenceAccess.get().state(event));
                    statement.setInt(index++, number++);
                }
            }
            long first = Long.MAX_VALUE;
            boolean listened = false;
            try (ResultSet ids = Scripts.run(statement, "the group insert into " + tables.events())) {
                while (ids.next()) {
                    first = Math.min(first, ids.getLong(1));
                    listened |= notice == PostgresNotices.Presence.Notice.CHECK && ids.getBoolean(2);
                }
            }
            if (notice == PostgresNotices.Presence.Notice.CHECK) {
                presence.found(tables, listened);
            }
            long[] outcomes = new long[inserts.size()];
            long next = first;
            for (int i = 0; i < outcomes.length; i++) {
                int size = inserts.get(i).events().size();
                outcomes[i] = size == 0 ? 0 : next;
                next += size;
            }
            return outcomes;
        } catch (SQLException | RuntimeException e) {
            Scripts.rollback(connection, e);
            throw e;
        }
    }

    /** The group with every insert checked against the table in the statement that writes it. */
    private long[] writeChecked(JdbcDialect dialect, Connection connection, Tables tables, List<EventInsert> inserts,
            int rows, int trackings) throws SQLException {
        String sql = sql(tables, rows, trackings);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, dialect, inserts, rows);
            try (ResultSet result = Scripts.run(statement, "the group insert into " + tables.events())) {
                if (!result.next()) {
                    throw new SQLException("no row from the group insert into " + tables.events());
                }
                return outcomes(inserts, result.getLong(1), ints(result.getArray(2)), ints(result.getArray(3)));
            }
        } catch (SQLException | RuntimeException e) {
            Scripts.rollback(connection, e);
            throw e;
        }
    }

    private String optimisticSql(Tables tables, int rows, PostgresNotices.Presence.Notice notice) {
        String key = tables.events() + ':' + rows + ':' + notice;
        String sql = statements.get(key);
        if (sql == null) {
            if (statements.size() > MAX_CACHED) {
                statements.clear();
            }
            String events = tables.events();
            StringBuilder text = new StringBuilder(400 + rows * 30).append("BEGIN; ").append(lockTimeoutClause)
                    .append("LOCK TABLE ").append(events).append(" IN EXCLUSIVE MODE; INSERT INTO ").append(events)
                    .append(" (originator_id, originator_version, topic, state, notification_id) SELECT v.oid, v.ver, "
                            + "v.topic, v.state, top.m + v.n FROM (VALUES ");
            for (int i = 0; i < rows; i++) {
                text.append(i == 0 ? "(?::uuid, ?::bigint, ?::text, ?::bytea, ?::int)" : ", (?, ?, ?, ?, ?)");
            }
            text.append(") v (oid, ver, topic, state, n) CROSS JOIN (SELECT COALESCE(MAX(notification_id), 0) AS m "
                    + "FROM ").append(events).append(") top RETURNING notification_id");
            switch (notice) {
                case CHECK -> text.append(", ").append(PostgresNotices.notifyIfListenedAndSay(tables));
                case NOTIFY -> text.append(", ").append(PostgresNotices.notify(tables));
                case QUIET -> { }
            }
            sql = text.append("; COMMIT").toString();
            statements.put(key, sql);
        }
        return sql;
    }

    private static void bind(PreparedStatement statement, JdbcDialect dialect, List<EventInsert> inserts, int rows)
            throws SQLException {
        int index = 1;
        int order = 0;
        for (int r = 0; r < inserts.size(); r++) {
            for (StoredEvent event : inserts.get(r).events()) {
                statement.setInt(index++, r);
                statement.setInt(index++, order++);
                dialect.setUuid(statement, index++, event.originatorId());
                statement.setLong(index++, event.originatorVersion());
                statement.setString(index++, event.topic());
                statement.setBytes(index++, PersistenceAccess.get().state(event));
            }
        }
        for (int r = 0; r < inserts.size(); r++) {
            Tracking tracking = inserts.get(r).tracking();
            if (tracking != null) {
                statement.setInt(index++, r);
                statement.setString(index++, tracking.applicationName());
                statement.setLong(index++, tracking.notificationId());
            }
        }
        assert order == rows;
    }

    /** Each insert's first id, numbering the accepted inserts' events after {@code max} in group order. */
    private static long[] outcomes(List<EventInsert> inserts, long max, boolean[] refusedEvents,
            boolean[] refusedTracking) {
        long[] outcomes = new long[inserts.size()];
        long next = max + 1;
        for (int r = 0; r < outcomes.length; r++) {
            EventInsert insert = inserts.get(r);
            if (r < refusedEvents.length && refusedEvents[r]) {
                outcomes[r] = REFUSED_EVENTS;
            } else if (r < refusedTracking.length && refusedTracking[r]) {
                outcomes[r] = REFUSED_TRACKING;
            } else if (insert.events().isEmpty()) {
                outcomes[r] = 0;
            } else {
                outcomes[r] = next;
                next += insert.events().size();
            }
        }
        return outcomes;
    }

    /** The insert indexes of an {@code int[]} result as flags by index. */
    private static boolean[] ints(Array array) throws SQLException {
        Integer[] values = (Integer[]) array.getArray();
        int size = 0;
        for (Integer value : values) {
            size = Math.max(size, value + 1);
        }
        boolean[] flags = new boolean[size];
        for (Integer value : values) {
            flags[value] = true;
        }
        return flags;
    }

    private String sql(Tables tables, int rows, int trackings) {
        String key = tables.events() + ':' + rows + ':' + trackings;
        String sql = statements.get(key);
        if (sql == null) {
            if (statements.size() > MAX_CACHED) {
                statements.clear();
            }
            sql = build(tables, rows, trackings);
            statements.put(key, sql);
        }
        return sql;
    }

    private String build(Tables tables, int rows, int trackings) {
        String events = tables.events();
        StringBuilder sql = new StringBuilder(1_000 + rows * 40).append("BEGIN; ").append(lockTimeoutClause)
                .append("LOCK TABLE ").append(events).append(" IN EXCLUSIVE MODE; WITH ");
        sql.append("top AS (SELECT COALESCE(MAX(notification_id), 0) AS m FROM ").append(events).append(")");
        if (rows > 0) {
            sql.append(", input (r, o, oid, ver, topic, state) AS (VALUES ");
            for (int i = 0; i < rows; i++) {
                sql.append(i == 0 ? "(?::int, ?::int, ?::uuid, ?::bigint, ?::text, ?::bytea)" : ", (?, ?, ?, ?, ?, ?)");
            }
            sql.append("), refused_events AS (SELECT DISTINCT i.r FROM input i JOIN ").append(events)
                    .append(" e ON e.originator_id = i.oid AND e.originator_version = i.ver)");
        } else {
            sql.append(", refused_events (r) AS (SELECT NULL::int WHERE false)");
        }
        if (trackings > 0) {
            sql.append(", tinput (r, name, id) AS (VALUES ");
            for (int i = 0; i < trackings; i++) {
                sql.append(i == 0 ? "(?::int, ?::text, ?::bigint)" : ", (?, ?, ?)");
            }
            sql.append("), refused_tracking AS (SELECT ti.r FROM tinput ti JOIN ").append(tables.tracking())
                    .append(" t ON t.application_name = ti.name AND t.notification_id >= ti.id)");
        } else {
            sql.append(", refused_tracking (r) AS (SELECT NULL::int WHERE false)");
        }
        sql.append(", refused AS (SELECT r FROM refused_events UNION SELECT r FROM refused_tracking)");
        if (rows > 0) {
            sql.append(", accepted AS (SELECT i.oid, i.ver, i.topic, i.state, row_number() OVER (ORDER BY i.o) AS n "
                    + "FROM input i WHERE i.r NOT IN (SELECT r FROM refused)), inserted AS (INSERT INTO ")
                    .append(events).append(" (originator_id, originator_version, topic, state, notification_id) "
                            + "SELECT a.oid, a.ver, a.topic, a.state, top.m + a.n FROM accepted a CROSS JOIN top "
                            + "RETURNING 1)");
        } else {
            sql.append(", inserted AS (SELECT 1 WHERE false)");
        }
        if (trackings > 0) {
            sql.append(", tracked AS (INSERT INTO ").append(tables.tracking())
                    .append(" (application_name, notification_id) SELECT ti.name, ti.id FROM tinput ti "
                            + "WHERE ti.r NOT IN (SELECT r FROM refused) ON CONFLICT (application_name) DO UPDATE "
                            + "SET notification_id = EXCLUDED.notification_id RETURNING 1)");
        }
        sql.append(" SELECT top.m, ARRAY(SELECT r FROM refused_events WHERE r IS NOT NULL), "
                + "ARRAY(SELECT r FROM refused_tracking WHERE r IS NOT NULL), ");
        sql.append(PostgresNotices.notifyIfListened(tables, "(SELECT count(*) FROM inserted) > 0"))
                .append(" FROM top; COMMIT");
        return sql.toString();
    }
}
