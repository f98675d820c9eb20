package io.eventsourcing.internal;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The internals of {@link Aggregate} that the persistence and application layers need and users must
 * not call: rebuilding from events and snapshots. Installed by {@code Aggregate}'s static initialiser.
 * Not API: this package is not exported.
 */
public abstract class AggregateAccess {
    private static volatile @Nullable AggregateAccess instance;

    /** Called once by {@link Aggregate}. */
    public static void install(AggregateAccess access) {
        instance = access;
    }

    /** The installed access, initialising {@link Aggregate} first if needed. */
    public static AggregateAccess get() {
        AggregateAccess access = instance;
        if (access == null) {
            try {
                Class.forName(Aggregate.class.getName(), true, Aggregate.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = instance;
            if (access == null) {
                throw new IllegalStateException("Aggregate did not install its access");
            }
        }
        return access;
    }

    /** A new, empty aggregate made with its no-argument constructor. */
    public abstract <A extends Aggregate<?>> A instantiate(Class<A> type);

    /** Applies a stored event without making it pending. */
    public abstract void replay(Aggregate<?> aggregate, DomainEvent event);

    /** Whether the aggregate's last event discarded it. */
    public abstract boolean isDiscarded(Aggregate<?> aggregate);

    /** Sets the envelope of a new aggregate from a snapshot; its own fields are set separately. */
    public abstract void restore(Aggregate<?> aggregate, UUID id, long version, Instant createdOn, Instant modifiedOn);

    /** Removes the oldest {@code count} pending events once they are recorded. */
    public abstract void dropPendingEvents(Aggregate<?> aggregate, int count);
}
