package io.eventsourcing.application;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.Notification;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One section of a notification log: the notifications with ids in a range such as {@code "1,10"}.
 *
 * @param id the ids of the first and last notification in it ({@code "1,10"}), or null if it is empty
 * @param items the notifications, in id order
 * @param nextId the id of the next section, or null if this one is not full (there is no more yet)
 */
public record Section(@Nullable String id, List<Notification> items, @Nullable String nextId) {

    /** @throws NullPointerException if {@code items} is null */
    public Section {
        items = List.copyOf(requireNonNull(items, "items"));
    }
}
