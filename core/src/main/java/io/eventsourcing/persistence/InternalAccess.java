package io.eventsourcing.persistence;

import io.eventsourcing.internal.PersistenceAccess;
import java.util.UUID;

/** The implementation of {@link PersistenceAccess}, installed by {@link StoredEvent}. */
final class InternalAccess extends PersistenceAccess {

    @Override
    public StoredEvent storedEvent(UUID originatorId, long originatorVersion, String topic, byte[] state) {
        return OwnedBytes.storedEvent(originatorId, originatorVersion, topic, state);
    }

    @Override
    public byte[] state(StoredEvent event) {
        return event.bytesForReading();
    }

    @Override
    public Notification notification(long id, UUID originatorId, long originatorVersion, String topic, byte[] state) {
        return OwnedBytes.notification(id, originatorId, originatorVersion, topic, state);
    }

    @Override
    public Creation creation(Mapper mapper, StoredEvent creationEvent) {
        return mapper.toCreation(creationEvent);
    }
}
