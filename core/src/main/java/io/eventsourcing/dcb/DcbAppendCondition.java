package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The condition of an append: it is refused if an event matching {@code failIfEventsMatch} has a
 * position above {@code after}, or, when {@code after} is null, if any event matches at all. A decision
 * reads what its query selects up to some position, and appends on condition that nothing it would
 * have read was recorded since.
 *
 * @param failIfEventsMatch the query of the events that refuse the append
 * @param after the position the decision read up to, or null to refuse on any matching event
 */
public record DcbAppendCondition(DcbQuery failIfEventsMatch, @Nullable Long after) {

    /**
     * @throws NullPointerException if the query is null
     * @throws IllegalArgumentException if {@code after} is negative
     */
    public DcbAppendCondition {
        requireNonNull(failIfEventsMatch, "failIfEventsMatch");
        if (after != null && after < 0) {
            throw new IllegalArgumentException("after must not be negative, was " + after);
        }
    }

    /** The condition that refuses an append if any event matching the query is recorded. */
    public static DcbAppendCondition failIfEventsMatch(DcbQuery query) {
        return new DcbAppendCondition(query, null);
    }

    /** The condition that refuses an append if an event matching the query is recorded after {@code after}. */
    public static DcbAppendCondition failIfEventsMatch(DcbQuery query, long after) {
        return new DcbAppendCondition(query, after);
    }

    /** {@link #after}, with null as 0: positions start at 1, so both mean "any position". */
    public long afterOrZero() {
        return after == null ? 0 : after;
    }
}
