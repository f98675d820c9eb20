package io.eventsourcing.internal;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The internals of the persistence package that the application layer and the JDBC recorders need and
 * users must not call: stored events and notifications that keep a fresh array instead of copying it,
 * and an aggregate's first event decoded once together with the aggregate class it names. Installed
 * by {@link StoredEvent}'s static initialiser. Not API: this package is exported only to the library's
 * own modules.
 */
public abstract class PersistenceAccess {
    private static volatile @Nullable PersistenceAccess instance;

    /** Called once by {@link StoredEvent}. */
    public static void install(PersistenceAccess access) {
        if (instance != null) {
            throw new IllegalStateException("the persistence access is installed already");
        }
        instance = access;
    }

    /** The installed access, initialising {@link StoredEvent} first if needed. */
    public static PersistenceAccess get() {
        PersistenceAccess access = instance;
        if (access == null) {
            try {
                Class.forName(StoredEvent.class.getName(), true, StoredEvent.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = instance;
            if (access == null) {
                throw new IllegalStateException("StoredEvent did not install the persistence access");
            }
        }
        return access;
    }

    /**
     * A stored event that keeps {@code state} rather than a copy: the caller hands it over and must
     * neither change it nor let anyone else have it.
     */
    public abstract StoredEvent storedEvent(UUID originatorId, long originatorVersion, String topic, byte[] state);

    /**
     * A stored event's bytes themselves rather than a copy, for code that only reads them (binds them to a
     * statement) and lets no one else have them.
     */
    public abstract byte[] state(StoredEvent event);

    /** A notification that keeps {@code state} rather than a copy, on the same terms. */
    public abstract Notification notification(long id, UUID originatorId, long originatorVersion, String topic,
            byte[] state);

    /**
     * An aggregate's first event decoded in one pass, with the aggregate class it names.
     *
     * @throws io.eventsourcing.persistence.DataException as {@link Mapper#toDomainEvent} and
     *     {@link Mapper#aggregateTypeOf} do
     */
    public abstract Creation creation(Mapper mapper, StoredEvent creationEvent);

    /**
     * An aggregate's first event and the class of the aggregate it creates.
     *
     * @param aggregateType the aggregate class the event names
     * @param event the decoded event
     */
    public record Creation(Class<? extends Aggregate<?>> aggregateType, DomainEvent event) {}
}
