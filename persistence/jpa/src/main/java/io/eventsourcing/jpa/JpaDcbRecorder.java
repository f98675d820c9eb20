package io.eventsourcing.jpa;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.dcb.DcbSubscription;
import io.eventsourcing.jdbc.JdbcDcbRecorder;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DcbRecorder} that joins the thread's {@link EntityManager} transaction: the JDBC DCB recorder
 * run on the entity manager's connection, so a decision's events commit with the caller's entities and
 * positions are assigned as on the SQL backends (under the store's append lock, gap-free, in commit
 * order; see {@link io.eventsourcing.jdbc.JdbcDcbDialect}). The lock is held from the first append until
 * the transaction ends. Subscriptions read on connections of their own.
 *
 * <p>Thread-safe.
 */
public final class JpaDcbRecorder implements DcbRecorder, TransactionalRecorder<EntityManager> {
    private final JdbcDcbRecorder jdbc;
    private final JpaSessions sessions;

    JpaDcbRecorder(JdbcDcbRecorder jdbc, JpaSessions sessions) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.sessions = requireNonNull(sessions, "sessions");
    }

    @Override
    public List<DcbSequencedEvent> read(DcbQuery query, @Nullable Long after, @Nullable Integer limit) {
        return sessions.read(() -> jdbc.read(query, after, limit));
    }

    @Override
    public long append(List<DcbEvent> events, @Nullable DcbAppendCondition condition) {
        return sessions.write(() -> jdbc.append(events, condition));
    }

    @Override
    public long head() {
        return sessions.read(jdbc::head);
    }

    @Override
    public DcbSubscription subscribe(DcbQuery query, long after) {
        return jdbc.subscribe(query, after);
    }

    @Override
    public Class<EntityManager> sessionType() {
        return EntityManager.class;
    }

    @Override
    public <T> T transaction(TransactionWork<EntityManager, T> work) {
        return sessions.transaction(work);
    }

    /** Closes the subscriptions. */
    @Override
    public void close() {
        jdbc.close();
    }

    @Override
    public String toString() {
        return "JpaDcbRecorder[" + jdbc.tables().events() + "]";
    }
}
