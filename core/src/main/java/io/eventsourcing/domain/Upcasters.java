package io.eventsourcing.domain;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The process-wide registry of {@link Upcaster}s, one per type and version step. Thread-safe.
 *
 * <pre>{@code
 * Upcasters.register(Dog.Registered.class, 1, state -> state.put("age", 0));   // v1 -> v2
 * }</pre>
 */
public final class Upcasters {
    private static final Map<Class<?>, Map<Integer, Upcaster>> UPCASTERS = new ConcurrentHashMap<>();

    private Upcasters() {}

    /**
     * Registers the step from {@code fromVersion} to {@code fromVersion + 1} for a payload record or an
     * aggregate class annotated with {@link EventVersion}.
     *
     * @throws IllegalArgumentException if {@code fromVersion} is below 1, not below the type's current
     *     {@link EventVersion}, or a different upcaster is already registered for that step
     */
    public static void register(Class<?> type, int fromVersion, Upcaster upcaster) {
        requireNonNull(type, "type");
        requireNonNull(upcaster, "upcaster");
        int current = currentVersion(type);
        if (fromVersion < 1 || fromVersion >= current) {
            throw new IllegalArgumentException("an upcaster for " + type.getName() + " must start from a version in [1, "
                    + (current - 1) + "] because its @EventVersion is " + current + "; was " + fromVersion);
        }
        Upcaster previous = UPCASTERS.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                .putIfAbsent(fromVersion, upcaster);
        if (previous != null && previous != upcaster) {
            throw new IllegalArgumentException(
                    "an upcaster for " + type.getName() + " from version " + fromVersion + " is already registered");
        }
    }

    /** The version a type is written at now: its {@link EventVersion}, or 1. */
    public static int currentVersion(Class<?> type) {
        EventVersion version = type.getAnnotation(EventVersion.class);
        return version == null ? 1 : version.value();
    }

    /** The upcaster from {@code fromVersion} to the next, or null if none is registered. */
    public static @Nullable Upcaster find(Class<?> type, int fromVersion) {
        Map<Integer, Upcaster> steps = UPCASTERS.get(type);
        return steps == null ? null : steps.get(fromVersion);
    }
}
