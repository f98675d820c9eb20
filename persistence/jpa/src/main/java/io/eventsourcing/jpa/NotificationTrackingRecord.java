package io.eventsourcing.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The mapping of an application's tracking table ({@code dogschool_tracking}): one row per upstream
 * application with the largest notification id processed. A mapped superclass to extend with the
 * table's name, like {@link StoredEventRecord}; read only (positions are written by the recorders'
 * {@code insertTracking}, which only ever raises them).
 */
@MappedSuperclass
public abstract class NotificationTrackingRecord {
    @Id
    @Column(name = "application_name", nullable = false, updatable = false)
    private String applicationName;

    @Column(name = "notification_id", nullable = false)
    private long notificationId;

    /** For JPA. */
    protected NotificationTrackingRecord() {
        applicationName = "";
    }

    /** The upstream application's name. */
    public String applicationName() {
        return applicationName;
    }

    /** The largest notification id of the upstream application that was processed. */
    public long notificationId() {
        return notificationId;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + applicationName + ": " + notificationId + "]";
    }
}
