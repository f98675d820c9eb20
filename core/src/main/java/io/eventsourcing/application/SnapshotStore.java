package io.eventsourcing.application;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Snapshot;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots of aggregates, stored like events in their own recorder (one per aggregate version).
 *
 * <p>Thread-safe.
 */
public final class SnapshotStore {
    private final Mapper mapper;
    private final AggregateRecorder recorder;
    private final ReadBackCheck readBack;

    /**
     * @param mapper maps snapshots to stored form and back
     * @param recorder stores them
     */
    public SnapshotStore(Mapper mapper, AggregateRecorder recorder) {
        this.mapper = requireNonNull(mapper, "mapper");
        this.recorder = requireNonNull(recorder, "recorder");
        this.readBack = new ReadBackCheck(mapper);
    }

    /** The recorder. */
    public AggregateRecorder recorder() {
        return recorder;
    }

    /**
     * Stores a snapshot. Storing one again at the same version does nothing.
     *
     * @return true if stored, false if a snapshot at that version already existed
     * @throws io.eventsourcing.persistence.DataException if snapshots of the aggregate class cannot be
     *     read back as they are taken (checked at its first snapshot), naming the class and the field
     */
    public boolean put(Snapshot snapshot) {
        readBack.checkSnapshot(snapshot);
        try {
            recorder.insertEvents(List.of(mapper.toStoredEvent(snapshot)));
            return true;
        } catch (IntegrityException e) {
            return false;
        }
    }

    /** The newest snapshot of an aggregate at or below {@code lte} (any version if null). */
    public Optional<Snapshot> latest(UUID id, @Nullable Long lte) {
        List<StoredEvent> stored = recorder.selectEvents(id, null, lte, true, 1);
        return stored.isEmpty() ? Optional.empty() : Optional.of(mapper.toSnapshot(stored.getFirst()));
    }

    /** All snapshots of an aggregate, oldest first. */
    public List<Snapshot> get(UUID id) {
        return recorder.selectEvents(id).stream().map(mapper::toSnapshot).toList();
    }
}
