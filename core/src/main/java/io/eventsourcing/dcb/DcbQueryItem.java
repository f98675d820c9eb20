package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One item of a {@link DcbQuery}: it matches an event whose type is one of {@code types} (any type when
 * {@code types} is empty) and whose tags include all of {@code tags}. An item with neither types nor
 * tags matches every event.
 *
 * @param types the types, one of which the event must have; empty for any type
 * @param tags the tags the event must all have; may be empty
 */
public record DcbQueryItem(Set<String> types, Set<String> tags) {

    /** @throws NullPointerException if a set or an element is null */
    public DcbQueryItem {
        types = Set.copyOf(requireNonNull(types, "types"));
        tags = Set.copyOf(requireNonNull(tags, "tags"));
    }

    /** An item matching events of any of the types, whatever their tags. */
    public static DcbQueryItem types(String... types) {
        return new DcbQueryItem(Set.of(types), Set.of());
    }

    /** An item matching events of any type that have all of the tags. */
    public static DcbQueryItem tags(String... tags) {
        return new DcbQueryItem(Set.of(), Set.of(tags));
    }

    /** An item matching events of any of the types that have all of the tags. */
    public static DcbQueryItem of(Set<String> types, Set<String> tags) {
        return new DcbQueryItem(types, tags);
    }

    /** Whether the item matches the event. */
    public boolean matches(DcbEvent event) {
        return (types.isEmpty() || types.contains(event.type())) && event.tags().containsAll(tags);
    }

    /** Whether the item matches every event: it names neither types nor tags. */
    public boolean matchesAll() {
        return types.isEmpty() && tags.isEmpty();
    }
}
