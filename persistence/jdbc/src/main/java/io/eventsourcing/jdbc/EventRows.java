package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The SQL shared by the JDBC recorders: inserting and selecting rows of stored events. */
final class EventRows {
    private EventRows() {}

    static List<StoredEvent> selectEvents(Connection connection, JdbcDialect dialect, String table, UUID originatorId,
            @Nullable Long gt, @Nullable Long lte, boolean desc, @Nullable Integer limit) throws SQLException {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        StringBuilder sql = new StringBuilder("SELECT originator_version, topic, state FROM ").append(table)
                .append(" WHERE originator_id = ?");
        if (gt != null) {
            sql.append(" AND originator_version > ?");
        }
        if (lte != null) {
            sql.append(" AND originator_version <= ?");
        }
        sql.append(" ORDER BY originator_version").append(desc ? " DESC" : "");
        if (limit != null) {
            sql.append(" LIMIT ?");
        }
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            dialect.setUuid(select, index++, originatorId);
            if (gt != null) {
                select.setLong(index++, gt);
            }
            if (lte != null) {
                select.setLong(index++, lte);
            }
            if (limit != null) {
                select.setInt(index, limit);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<StoredEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(new StoredEvent(originatorId, rows.getLong(1), rows.getString(2), rows.getBytes(3)));
                }
                return events;
            }
        }
    }

    static List<Notification> selectNotifications(Connection connection, JdbcDialect dialect, String table, long start,
            int limit, @Nullable Long stop, Set<String> topics) throws SQLException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "SELECT notification_id, originator_id, originator_version, topic, state FROM ").append(table)
                .append(" WHERE notification_id >= ?");
        if (stop != null) {
            sql.append(" AND notification_id <= ?");
        }
        List<String> topicList = List.copyOf(topics);
        if (!topicList.isEmpty()) {
            sql.append(" AND topic IN (").append("?,".repeat(topicList.size() - 1)).append("?)");
        }
        sql.append(" ORDER BY notification_id LIMIT ?");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            select.setLong(index++, Math.max(start, 1));
            if (stop != null) {
                select.setLong(index++, stop);
            }
            for (String topic : topicList) {
                select.setString(index++, topic);
            }
            select.setInt(index, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Notification> notifications = new ArrayList<>();
                while (rows.next()) {
                    notifications.add(new Notification(rows.getLong(1), dialect.getUuid(rows, 2), rows.getLong(3),
                            rows.getString(4), rows.getBytes(5)));
                }
                return notifications;
            }
        }
    }

    static long maxNotificationId(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(notification_id) FROM " + table);
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Inserts events without notification ids (an aggregate recorder's table). */
    static void insert(Connection connection, JdbcDialect dialect, String table, List<StoredEvent> events)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)")) {
            for (StoredEvent event : events) {
                dialect.setUuid(insert, 1, event.originatorId());
                insert.setLong(2, event.originatorVersion());
                insert.setString(3, event.topic());
                insert.setBytes(4, event.state());
                addRow(insert, events.size());
            }
            executeRows(insert, events.size());
        }
    }

    /** Inserts events numbered after the largest notification id; the caller holds the notification lock. */
    static List<Long> insertNumbered(Connection connection, JdbcDialect dialect, Tables tables,
            List<StoredEvent> events) throws SQLException {
        long next = maxNotificationId(connection, tables.events()) + 1;
        List<Long> ids = new ArrayList<>(events.size());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.events()
                + " (originator_id, originator_version, topic, state, notification_id) VALUES (?, ?, ?, ?, ?)")) {
            for (StoredEvent event : events) {
                dialect.setUuid(insert, 1, event.originatorId());
                insert.setLong(2, event.originatorVersion());
                insert.setString(3, event.topic());
                insert.setBytes(4, event.state());
                insert.setLong(5, next);
                addRow(insert, events.size());
                ids.add(next++);
            }
            executeRows(insert, events.size());
        }
        return List.copyOf(ids);
    }

    /** One row is executed as it is; more are batched. */
    private static void addRow(PreparedStatement insert, int size) throws SQLException {
        if (size > 1) {
            insert.addBatch();
        }
    }

    private static void executeRows(PreparedStatement insert, int size) throws SQLException {
        if (size == 1) {
            insert.executeUpdate();
        } else {
            insert.executeBatch();
        }
    }

    /** Fails before touching the database if the batch itself repeats an (originator id, version). */
    static void checkNoRepeats(List<StoredEvent> events, String table) {
        Set<String> seen = new HashSet<>();
        for (StoredEvent event : events) {
            if (!seen.add(event.originatorId() + ":" + event.originatorVersion())) {
                throw new IntegrityException("event " + event.originatorId() + ":" + event.originatorVersion()
                        + " appears twice in one insert into " + table + "; nothing of the insert was stored");
            }
        }
    }

    /**
     * After a failed insert, finds which event was already recorded, to name it in the message. Runs
     * outside the failed transaction.
     */
    static @Nullable StoredEvent findRecorded(JdbcDatastore datastore, String table, List<StoredEvent> events) {
        try {
            return datastore.read("find conflicting event in " + table, connection -> {
                for (StoredEvent event : events) {
                    if (!selectEvents(connection, datastore.dialect(), table, event.originatorId(),
                            event.originatorVersion() - 1, event.originatorVersion(), false, 1).isEmpty()) {
                        return event;
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            return null;
        }
    }

    static IntegrityException conflict(JdbcDatastore datastore, String table, List<StoredEvent> events,
            IntegrityException e) {
        if (datastore.inTransaction()) {
            return e;
        }
        StoredEvent recorded = findRecorded(datastore, table, events);
        if (recorded == null) {
            return e;
        }
        return new IntegrityException("event " + recorded.originatorId() + ":" + recorded.originatorVersion()
                + " already recorded in " + table + "; nothing of the insert was stored", e);
    }
}
