package io.eventsourcing.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The mapping of an application's events table, for reading events with JPQL next to the caller's
 * entities (e.g. in a view or a report). Table names depend on the application
 * ({@code dogschool_events}), so this is a mapped superclass: map it by extending it with the table's
 * name, and add the class to the persistence unit ({@code JPA_ENTITY_CLASSES}):
 *
 * <pre>{@code
 * @Entity @Table(name = "dogschool_events")
 * public class DogSchoolEvent extends StoredEventRecord {}
 * }</pre>
 *
 * <p>Read only: events are written by the recorders, which assign the notification ids under the
 * dialect's lock; an event persisted through this class would bypass that. The state is the mapper's
 * output (JSON, possibly compressed and encrypted), mapped as VARBINARY ({@code bytea} on PostgreSQL,
 * never a large object). The originator id is mapped as Hibernate's UUID type: the tables' native
 * {@code uuid} on PostgreSQL and H2. On MariaDB ({@code BINARY(16)}) and SQLite (text) the column types
 * differ from what Hibernate's dialects expect for UUIDs, and this mapping is not tested there.
 */
@MappedSuperclass
@IdClass(EventRecordKey.class)
public abstract class StoredEventRecord {
    @Id
    @Column(name = "originator_id", nullable = false, updatable = false)
    private UUID originatorId;

    @Id
    @Column(name = "originator_version", nullable = false, updatable = false)
    private long originatorVersion;

    @Column(name = "topic", nullable = false, updatable = false)
    private String topic;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "state", nullable = false, updatable = false)
    private byte[] state;

    @Column(name = "notification_id", nullable = false, updatable = false, unique = true)
    private long notificationId;

    /** For JPA. */
    protected StoredEventRecord() {
        originatorId = new UUID(0, 0);
        topic = "";
        state = new byte[0];
    }

    /** The aggregate's id. */
    public UUID originatorId() {
        return originatorId;
    }

    /** The aggregate's version after the event. */
    public long originatorVersion() {
        return originatorVersion;
    }

    /** The event's topic (its class). */
    public String topic() {
        return topic;
    }

    /** A copy of the stored state. */
    public byte[] state() {
        return state.clone();
    }

    /** The event's position in the application's notification log. */
    public long notificationId() {
        return notificationId;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + originatorId + ":" + originatorVersion + ", " + topic
                + ", notification " + notificationId + "]";
    }
}
