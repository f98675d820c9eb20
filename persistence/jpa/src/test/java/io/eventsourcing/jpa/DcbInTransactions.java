package io.eventsourcing.jpa;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.dcb.DcbSubscription;
import io.eventsourcing.persistence.TransactionalRecorder;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A JPA DCB recorder whose every call runs in a {@code transaction(entityManager -> ...)} block of its own. */
final class DcbInTransactions implements DcbRecorder {
    private final DcbRecorder recorder;
    private final TransactionalRecorder<EntityManager> transactional;

    @SuppressWarnings("unchecked")
    DcbInTransactions(DcbRecorder recorder) {
        this.recorder = recorder;
        this.transactional = (TransactionalRecorder<EntityManager>) recorder;
    }

    private <T> T inTransaction(Supplier<T> call) {
        return InTransactions.inTransaction(transactional, call);
    }

    @Override
    public List<DcbSequencedEvent> read(DcbQuery query, @Nullable Long after, @Nullable Integer limit) {
        return inTransaction(() -> recorder.read(query, after, limit));
    }

    @Override
    public long append(List<DcbEvent> events, @Nullable DcbAppendCondition condition) {
        return inTransaction(() -> recorder.append(events, condition));
    }

    @Override
    public long head() {
        return inTransaction(recorder::head);
    }

    @Override
    public DcbSubscription subscribe(DcbQuery query, long after) {
        return recorder.subscribe(query, after);
    }

    @Override
    public void close() {
        recorder.close();
    }
}
