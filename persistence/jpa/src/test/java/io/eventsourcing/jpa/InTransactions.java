package io.eventsourcing.jpa;

import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Subscription;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TransactionalRecorder;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A JPA process recorder whose every call runs in a {@code transaction(entityManager -> ...)} block of its own. */
final class InTransactions implements ProcessRecorder {
    private final ProcessRecorder recorder;
    private final TransactionalRecorder<EntityManager> transactional;

    @SuppressWarnings("unchecked")
    InTransactions(ProcessRecorder recorder) {
        this.recorder = recorder;
        this.transactional = (TransactionalRecorder<EntityManager>) recorder;
    }

    private <T> T inTransaction(Supplier<T> call) {
        return inTransaction(transactional, call);
    }

    /** Runs a call in a transaction block of its own, checking that the block's EntityManager is in it. */
    static <T> T inTransaction(TransactionalRecorder<EntityManager> transactional, Supplier<T> call) {
        return transactional.transaction(entityManager -> {
            if (!entityManager.isJoinedToTransaction()) {
                throw new AssertionError("the block's EntityManager is not in a transaction");
            }
            return call.get();
        });
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events) {
        return inTransaction(() -> recorder.insertEvents(events));
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events, Tracking tracking) {
        return inTransaction(() -> recorder.insertEvents(events, tracking));
    }

    @Override
    public List<StoredEvent> selectEvents(UUID originatorId, @Nullable Long gt, @Nullable Long lte, boolean desc,
            @Nullable Integer limit) {
        return inTransaction(() -> recorder.selectEvents(originatorId, gt, lte, desc, limit));
    }

    @Override
    public List<Notification> selectNotifications(long start, int limit, @Nullable Long stop, Set<String> topics) {
        return inTransaction(() -> recorder.selectNotifications(start, limit, stop, topics));
    }

    @Override
    public long maxNotificationId() {
        return inTransaction(recorder::maxNotificationId);
    }

    @Override
    public Subscription subscribe(long gt, Set<String> topics) {
        return recorder.subscribe(gt, topics);
    }

    @Override
    public void insertTracking(Tracking tracking) {
        inTransaction(() -> {
            recorder.insertTracking(tracking);
            return null;
        });
    }

    @Override
    public long maxTrackingId(String applicationName) {
        return inTransaction(() -> recorder.maxTrackingId(applicationName));
    }

    @Override
    public void close() {
        recorder.close();
    }
}
