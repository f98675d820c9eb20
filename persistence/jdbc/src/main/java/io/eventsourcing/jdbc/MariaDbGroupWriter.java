package io.eventsourcing.jdbc;

import io.eventsourcing.internal.PersistenceAccess;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/*
 * One round trip per group on MariaDB. MariaDB runs a compound statement outside a stored program
 * (BEGIN NOT ATOMIC ... END), which the driver sends as one statement, so without allowing several
 * statements per query (a setting that would also reach the connections the library hands to users):
 *
 *   BEGIN NOT ATOMIC
 *     DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
 *     START TRANSACTION;
 *     SELECT id INTO @es_lock FROM <app>_events_lock WHERE id = 1 FOR UPDATE;   -- the notification lock
 *     SELECT COALESCE(MAX(notification_id), 0) INTO @es_max FROM <app>_events;
 *     INSERT INTO <app>_events (...) VALUES (?, ?, ?, ?, @es_max + 1), ...;
 *     (for each tracking position: lock its row, SIGNAL a conflict unless it is raised, upsert it)
 *     COMMIT;
 *     SELECT @es_max;
 *   END
 *
 * A failure anywhere rolls the transaction back and reaches the driver as the original error, so a
 * conflicting group fails as the classic writer's optimistic attempt does, and is written again
 * checked (ClassicGroupWriter) when it holds several inserts. MySQL has no compound statements outside
 * stored programs, and a driver set to prepare statements on the server cannot send one: then, told by
 * the product name or the first refusal, this writer leaves every group to the classic writer.
 */

/**
 * MariaDB's group writer: a whole group in one round trip, or the classic writer where that cannot be
 * had (see the comment above).
 *
 * <p>Thread-safe.
 */
final class MariaDbGroupWriter implements GroupWriter {
    private static final int MAX_ROWS = EventRows.ROWS_PER_INSERT;
    private static final int MAX_CACHED = 512;
    /** ER_PARSE_ERROR and ER_UNSUPPORTED_PS: the server or the driver cannot take the compound statement. */
    private static final int PARSE_ERROR = 1064;
    private static final int UNSUPPORTED_PREPARED = 1295;

    private final Map<String, String> statements = new ConcurrentHashMap<>();
    private volatile @Nullable Boolean compound;

    @Override
    public long[] write(JdbcDialect dialect, Connection connection, Tables tables, List<EventInsert> inserts)
            throws SQLException {
        int rows = 0;
        int trackings = 0;
        for (EventInsert insert : inserts) {
            rows += insert.events().size();
            trackings += insert.tracking() == null ? 0 : 1;
        }
        if (rows > MAX_ROWS || !compound(connection)) {
            return ClassicGroupWriter.INSTANCE.write(dialect, connection, tables, inserts);
        }
        long max;
        try (PreparedStatement statement = connection.prepareStatement(sql(tables, rows, trackings))) {
            bind(statement, dialect, inserts);
            max = run(statement, tables);
        } catch (SQLException e) {
            if (e.getErrorCode() == PARSE_ERROR || e.getErrorCode() == UNSUPPORTED_PREPARED) {
                compound = false;
                return ClassicGroupWriter.INSTANCE.write(dialect, connection, tables, inserts);
            }
            if (inserts.size() > 1 && dialect.translate(e, "") instanceof IntegrityException) {
                return ClassicGroupWriter.inTransaction(dialect, connection,
                        () -> ClassicGroupWriter.writeChecked(dialect, connection, tables, inserts));
            }
            throw e;
        }
        long[] outcomes = new long[inserts.size()];
        long next = max + 1;
        for (int i = 0; i < outcomes.length; i++) {
            int size = inserts.get(i).events().size();
            outcomes[i] = size == 0 ? 0 : next;
            next += size;
        }
        return outcomes;
    }

    /** Whether the groups written so far went as compound statements (for tests). */
    boolean wroteCompound() {
        return Boolean.TRUE.equals(compound);
    }

    /** Whether compound statements can be sent: MariaDB, until one is refused. */
    private boolean compound(Connection connection) throws SQLException {
        Boolean known = compound;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("mariadb");
            compound = known;
        }
        return known;
    }

    private static long run(PreparedStatement statement, Tables tables) throws SQLException {
        boolean results = statement.execute();
        while (true) {
            if (results) {
                try (ResultSet max = statement.getResultSet()) {
                    if (max.next()) {
                        return max.getLong(1);
                    }
                }
            } else if (statement.getUpdateCount() == -1) {
                throw new SQLException("no result from the group insert into " + tables.events());
            }
            results = statement.getMoreResults();
        }
    }

    private static void bind(PreparedStatement statement, JdbcDialect dialect, List<EventInsert> inserts)
            throws SQLException {
        int index = 1;
        for (EventInsert insert : inserts) {
            for (StoredEvent event : insert.events()) {
                dialect.setUuid(statement, index++, event.originatorId());
                statement.setLong(index++, event.originatorVersion());
                statement.setString(index++, event.topic());
                statement.setBytes(index++, PersistenceAccess.get().state(event));
            }
        }
        for (EventInsert insert : inserts) {
            Tracking tracking = insert.tracking();
            if (tracking != null) {
                statement.setString(index++, tracking.applicationName());
                statement.setLong(index++, tracking.notificationId());
                statement.setString(index++, tracking.applicationName());
                statement.setLong(index++, tracking.notificationId());
            }
        }
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

    private static String build(Tables tables, int rows, int trackings) {
        StringBuilder sql = new StringBuilder(600 + rows * 40 + trackings * 400)
                .append("BEGIN NOT ATOMIC DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END; ")
                .append("START TRANSACTION; SET @es_lock = NULL; SELECT id INTO @es_lock FROM ").append(tables.lock())
                .append(" WHERE id = 1 FOR UPDATE; IF @es_lock IS NULL THEN SIGNAL SQLSTATE '42S02' SET MESSAGE_TEXT = ")
                .append("'the lock row of ").append(tables.lock()).append(" is missing'; END IF; ")
                .append("SELECT COALESCE(MAX(notification_id), 0) INTO @es_max FROM ").append(tables.events()).append("; ");
        if (rows > 0) {
            sql.append("INSERT INTO ").append(tables.events())
                    .append(" (originator_id, originator_version, topic, state, notification_id) VALUES ");
            for (int i = 1; i <= rows; i++) {
                sql.append(i == 1 ? "" : ", ").append("(?, ?, ?, ?, @es_max + ").append(i).append(')');
            }
            sql.append("; ");
        }
        for (int i = 0; i < trackings; i++) {
            sql.append("SET @es_tracked = NULL; SELECT notification_id INTO @es_tracked FROM ").append(tables.tracking())
                    .append(" WHERE application_name = ? FOR UPDATE; IF @es_tracked >= ? THEN SIGNAL SQLSTATE '23000' ")
                    .append("SET MESSAGE_TEXT = 'a tracking position is not above the one recorded in ")
                    .append(tables.tracking()).append("'; END IF; INSERT INTO ").append(tables.tracking())
                    .append(" (application_name, notification_id) VALUES (?, ?) ON DUPLICATE KEY UPDATE ")
                    .append("notification_id = VALUES(notification_id); ");
        }
        return sql.append("COMMIT; SELECT @es_max; END").toString();
    }
}
