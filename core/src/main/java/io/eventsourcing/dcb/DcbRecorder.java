package io.eventsourcing.dcb;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A DCB event store (<a href="https://dcb.events/specification">dcb.events</a>): one sequence of
 * events with types and tags, read by {@link DcbQuery} and appended to on a {@link DcbAppendCondition}.
 * Positions start at 1, are unique, increase in commit order and have no gaps, also under concurrent
 * writers and when an append is refused, as notification ids do: a reader that has seen every position
 * up to N never later finds an event at or below N that it missed. Checking the condition and
 * appending are one atomic step against every other append to the store, from any thread or process.
 *
 * <p>Implementations are thread-safe.
 */
public interface DcbRecorder extends AutoCloseable {

    /**
     * The events the query matches, in position order.
     *
     * @param query which events
     * @param after only events after this position (exclusive), or from the first if null
     * @param limit at most this many, or all if null
     * @throws IllegalArgumentException if {@code after} or {@code limit} is negative
     * @throws io.eventsourcing.persistence.PersistenceException if the store fails
     */
    List<DcbSequencedEvent> read(DcbQuery query, @Nullable Long after, @Nullable Integer limit);

    /** Every event the query matches, in position order. */
    default List<DcbSequencedEvent> read(DcbQuery query) {
        return read(query, null, null);
    }

    /**
     * Appends events atomically, all or none, unless the condition fails.
     *
     * @param events the events, in the order they get positions; at least one
     * @param condition refuses the append if an event matching its query is recorded after its
     *     position; null to append unconditionally
     * @return the position of the last event appended (the others precede it without a gap)
     * @throws IllegalArgumentException if {@code events} is empty
     * @throws DcbConditionException if the condition fails; nothing is appended and no position used
     * @throws io.eventsourcing.persistence.PersistenceException if the store fails; nothing is appended
     */
    long append(List<DcbEvent> events, @Nullable DcbAppendCondition condition);

    /** Appends events unconditionally; see {@link #append(List, DcbAppendCondition)}. */
    default long append(List<DcbEvent> events) {
        return append(events, null);
    }

    /** The position of the last event recorded, 0 if there is none. */
    long head();

    /**
     * Follows the store: a blocking iterator that first yields the recorded events the query matches
     * after {@code after}, then each new matching one as it is committed, until closed.
     *
     * @param query which events
     * @param after yield events after this position (0 for all)
     * @throws IllegalArgumentException if {@code after} is negative
     */
    DcbSubscription subscribe(DcbQuery query, long after);

    /** Releases the recorder's resources (it closes its subscriptions); its factory closes it. The default does nothing. */
    @Override
    default void close() {}
}
