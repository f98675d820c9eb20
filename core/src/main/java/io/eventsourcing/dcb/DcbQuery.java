package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Which events a read selects and an append condition fails on: an event matches when any of the
 * {@link #items} matches it. A query without items ({@link #all()}) matches every event.
 *
 * @param items the items; empty for a query that matches every event
 */
public record DcbQuery(List<DcbQueryItem> items) {
    private static final DcbQuery ALL = new DcbQuery(List.of());

    /** @throws NullPointerException if the list or an item is null */
    public DcbQuery {
        items = List.copyOf(requireNonNull(items, "items"));
    }

    /** The query that matches every event. */
    public static DcbQuery all() {
        return ALL;
    }

    /**
     * The query that matches what any of the items matches.
     *
     * @throws IllegalArgumentException if no item is given (use {@link #all()} for every event)
     */
    public static DcbQuery of(DcbQueryItem... items) {
        if (items.length == 0) {
            throw new IllegalArgumentException("a query needs at least one item; DcbQuery.all() matches every event");
        }
        return new DcbQuery(List.of(items));
    }

    /** The query for events of any of the types. */
    public static DcbQuery types(String... types) {
        return of(DcbQueryItem.types(types));
    }

    /** The query for events with all of the tags. */
    public static DcbQuery tags(String... tags) {
        return of(DcbQueryItem.tags(tags));
    }

    /** Whether the query matches every event: it has no items, or an item without types and tags. */
    public boolean matchesAll() {
        return items.isEmpty() || items.stream().anyMatch(DcbQueryItem::matchesAll);
    }

    /** Whether the query matches the event. */
    public boolean matches(DcbEvent event) {
        if (items.isEmpty()) {
            return true;
        }
        for (DcbQueryItem item : items) {
            if (item.matches(event)) {
                return true;
            }
        }
        return false;
    }

    /** The query matching what this one or the other matches. */
    public DcbQuery or(DcbQuery other) {
        requireNonNull(other, "other");
        if (matchesAll() || other.matchesAll()) {
            return ALL;
        }
        List<DcbQueryItem> both = new ArrayList<>(items);
        for (DcbQueryItem item : other.items) {
            if (!both.contains(item)) {
                both.add(item);
            }
        }
        return new DcbQuery(both);
    }
}
