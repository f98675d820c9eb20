package io.eventsourcing.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The mapping of an application's snapshots table ({@code dogschool_snapshots}), a mapped superclass to
 * extend with the table's name, like {@link StoredEventRecord}; read only, and with the same caveats.
 */
@MappedSuperclass
@IdClass(EventRecordKey.class)
public abstract class SnapshotRecord {
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

    /** For JPA. */
    protected SnapshotRecord() {
        originatorId = new UUID(0, 0);
        topic = "";
        state = new byte[0];
    }

    /** The aggregate's id. */
    public UUID originatorId() {
        return originatorId;
    }

    /** The aggregate's version the snapshot was taken at. */
    public long originatorVersion() {
        return originatorVersion;
    }

    /** The snapshot's topic. */
    public String topic() {
        return topic;
    }

    /** A copy of the stored state. */
    public byte[] state() {
        return state.clone();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + originatorId + ":" + originatorVersion + ", " + topic + "]";
    }
}
