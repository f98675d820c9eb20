package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An event as a DCB store keeps it: its type (the topic of the event's class, for a
 * {@link DcbApplication}), its encoded data (optionally compressed and encrypted) and its tags, the
 * strings by which queries select it beside its type (e.g. {@code "course:c1"}). Immutable: the bytes
 * are copied in and out.
 *
 * @param type the event's type; not blank
 * @param data the encoded event
 * @param tags the event's tags, each non-empty and none twice; may be empty
 */
public record DcbEvent(String type, byte[] data, List<String> tags) {

    /**
     * @throws NullPointerException if a component or a tag is null
     * @throws IllegalArgumentException if the type is blank, or a tag is empty or appears twice
     */
    public DcbEvent {
        requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("an event's type must not be blank");
        }
        data = requireNonNull(data, "data").clone();
        tags = List.copyOf(requireNonNull(tags, "tags"));
        Set<String> seen = new HashSet<>();
        for (String tag : tags) {
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("a tag of a " + type + " event is empty");
            }
            if (!seen.add(tag)) {
                throw new IllegalArgumentException("tag '" + tag + "' appears twice on a " + type + " event");
            }
        }
    }

    /** An event with the given tags. */
    public static DcbEvent of(String type, byte[] data, String... tags) {
        return new DcbEvent(type, data, List.of(tags));
    }

    /** A copy of the encoded event. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The encoded event without copying; the caller must not change it. */
    byte[] dataUnsafe() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DcbEvent other && type.equals(other.type) && tags.equals(other.tags)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + tags.hashCode()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        int shown = Math.min(data.length, 16);
        return "DcbEvent[type=" + type + ", tags=" + tags + ", data="
                + java.util.HexFormat.of().formatHex(data, 0, shown) + (data.length > shown ? "..." : "")
                + " (" + data.length + " bytes)]";
    }
}
