package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Topics;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What a decision needs to know, folded from the events it depends on: an initial state and, for
 * each kind of event, how it changes the state. The events are named by class and tags, which also
 * make the model's {@link #query()}, so the events the model reads and the events that refuse the
 * decision's append are the same by construction.
 *
 * <pre>{@code
 * static DecisionModel<Integer> subscriptions(String courseId) {
 *     return DecisionModel.initially(0)
 *             .on(StudentSubscribed.class, Tags.of("course", courseId), (count, e) -> count + 1)
 *             .on(StudentUnsubscribed.class, Tags.of("course", courseId), (count, e) -> count - 1);
 * }
 * }</pre>
 *
 * A {@link DcbApplication} folds one or more models from one read into a {@link Decision}. An event
 * that several of a model's handlers match is given to each of them, in the order they were added.
 *
 * <p>Immutable and thread-safe as long as the state and the functions are; {@code on} returns a new model.
 *
 * @param <S> the state
 */
public final class DecisionModel<S> {
    private final S initial;
    private final List<Handler<S, ?>> handlers;

    private DecisionModel(S initial, List<Handler<S, ?>> handlers) {
        this.initial = initial;
        this.handlers = handlers;
    }

    /** A model with this initial state and no events yet; add them with {@code on}. */
    public static <S> DecisionModel<S> initially(S state) {
        return new DecisionModel<>(requireNonNull(state, "state"), List.of());
    }

    /**
     * The model that also folds every event of the class.
     *
     * @param type the event's record class; {@code Object.class} for events of any class
     * @param evolve the state after the event, from the state before it
     * @throws IllegalArgumentException if the class is an interface or abstract (name the records)
     */
    public <E> DecisionModel<S> on(Class<E> type, BiFunction<S, E, S> evolve) {
        return on(type, List.of(), evolve);
    }

    /** The model that also folds the events of the class that have the tag; see {@link #on(Class, BiFunction)}. */
    public <E> DecisionModel<S> on(Class<E> type, String tag, BiFunction<S, E, S> evolve) {
        return on(type, List.of(requireNonNull(tag, "tag")), evolve);
    }

    /**
     * The model that also folds the events of the class that have all the tags.
     *
     * @param type the event's record class; {@code Object.class} for events of any class with the tags
     * @param tags the tags the event must all have
     * @param evolve the state after the event, from the state before it
     * @throws IllegalArgumentException if the class is an interface or abstract, or {@code Object.class}
     *     without tags
     */
    public <E> DecisionModel<S> on(Class<E> type, Collection<String> tags, BiFunction<S, E, S> evolve) {
        requireNonNull(type, "type");
        requireNonNull(tags, "tags");
        requireNonNull(evolve, "evolve");
        Set<String> types;
        if (type == Object.class) {
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("a model of every event is not a consistency boundary: name an "
                        + "event class or some tags");
            }
            types = Set.of();
        } else {
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                throw new IllegalArgumentException(type.getName() + " is an interface or abstract: a model names the "
                        + "event record classes it folds, as they are stored under their own topics");
            }
            types = Topics.names(type);
        }
        List<Handler<S, ?>> more = new ArrayList<>(handlers);
        more.add(new Handler<>(type, new DcbQueryItem(types, new LinkedHashSet<>(tags)), evolve));
        return new DecisionModel<>(initial, List.copyOf(more));
    }

    /** The initial state. */
    public S initialState() {
        return initial;
    }

    /**
     * The events the model folds: an item per set of tags, with the types handled with those tags.
     *
     * @throws IllegalStateException if the model folds no events (no {@code on} was added)
     */
    public DcbQuery query() {
        if (handlers.isEmpty()) {
            throw new IllegalStateException("the model folds no events: add them with on(...)");
        }
        Map<Set<String>, Set<String>> typesByTags = new LinkedHashMap<>();
        Set<Set<String>> anyType = new HashSet<>();
        for (Handler<S, ?> handler : handlers) {
            typesByTags.computeIfAbsent(handler.item.tags(), tags -> new LinkedHashSet<>()).addAll(handler.item.types());
            if (handler.item.types().isEmpty()) {
                anyType.add(handler.item.tags());
            }
        }
        List<DcbQueryItem> items = new ArrayList<>();
        typesByTags.forEach((tags, types) -> items.add(new DcbQueryItem(anyType.contains(tags) ? Set.of() : types,
                tags)));
        return new DcbQuery(items);
    }

    /** The state after one event, given to each handler that matches it; {@code payload} is the decoded event. */
    S evolve(S state, DcbEvent event, Object payload) {
        S next = state;
        for (Handler<S, ?> handler : handlers) {
            if (handler.item.matches(event) && handler.type.isInstance(payload)) {
                next = requireNonNull(handler.apply(next, payload), "a DecisionModel's evolve function returned null");
            }
        }
        return next;
    }

    /** Whether a handler of the model matches the event. */
    boolean matches(DcbEvent event) {
        for (Handler<S, ?> handler : handlers) {
            if (handler.item.matches(event)) {
                return true;
            }
        }
        return false;
    }

    private record Handler<S, E>(Class<E> type, DcbQueryItem item, BiFunction<S, E, S> evolve) {
        S apply(S state, Object payload) {
            return evolve.apply(state, type.cast(payload));
        }
    }
}
