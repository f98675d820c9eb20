package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The states of one or more {@link DecisionModel}s folded from one read of the store, with the
 * position the read went up to: what a command decides on. {@link DcbApplication#append(Decision,
 * Object...)} appends the command's events on {@link #condition()}: that no event any of the models
 * would have read was recorded after that position. So one decision can span several consistency
 * boundaries (a course's capacity and a student's courses) without a lock held between the read and
 * the append.
 *
 * <p>Immutable as long as the states are; thread-safe.
 */
public final class Decision {
    private final Map<DecisionModel<?>, Object> states;
    private final DcbQuery query;
    private final long position;

    Decision(Map<DecisionModel<?>, Object> states, DcbQuery query, long position) {
        this.states = new IdentityHashMap<>(states);
        this.query = query;
        this.position = position;
    }

    /**
     * A model's state.
     *
     * @throws IllegalArgumentException if the model is not one this decision was made from (models
     *     are told apart by identity: keep the instance you decided with)
     */
    @SuppressWarnings("unchecked")
    public <S> S state(DecisionModel<S> model) {
        requireNonNull(model, "model");
        Object state = states.get(model);
        if (state == null) {
            throw new IllegalArgumentException("the decision was not made from this model; pass the same "
                    + "DecisionModel instance that was given to decide(...)");
        }
        return (S) state;
    }

    /** The union of the models' queries: the events read, and those that refuse the append. */
    public DcbQuery query() {
        return query;
    }

    /** The position the read went up to: the store's head when it began, or the last event read if later. */
    public long position() {
        return position;
    }

    /** The append condition: no event matching {@link #query()} after {@link #position()}. */
    public DcbAppendCondition condition() {
        return new DcbAppendCondition(query, position);
    }
}
