package io.eventsourcing.jpa;

import java.io.Serializable;
import java.util.UUID;

/**
 * The primary key of {@link StoredEventRecord} and {@link SnapshotRecord}, for
 * {@code EntityManager.find}.
 *
 * @param originatorId the aggregate's id
 * @param originatorVersion the event's version
 */
public record EventRecordKey(UUID originatorId, long originatorVersion) implements Serializable {}
