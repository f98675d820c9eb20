package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The DCB tags of typed events: {@code key:value} strings, read from the record components annotated
 * {@link Tag}. Thread-safe; the annotated components are found once per class.
 */
public final class Tags {
    private static final ClassValue<List<Tagged>> TAGGED = new ClassValue<>() {
        @Override
        protected List<Tagged> computeValue(Class<?> type) {
            return find(type);
        }
    };

    private Tags() {}

    /** The tag {@code key:value}, as {@link Tag} writes it. */
    public static String of(String key, Object value) {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        return key + ":" + value;
    }

    /**
     * The tags of an event: one per component annotated {@link Tag} (one per element of a collection),
     * in the order of the components, without repeats.
     *
     * @throws IllegalStateException if an annotated component cannot be read
     */
    public static List<String> from(Object event) {
        requireNonNull(event, "event");
        List<Tagged> tagged = TAGGED.get(event.getClass());
        if (tagged.isEmpty()) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (Tagged component : tagged) {
            Object value = component.read(event);
            if (value instanceof Iterable<?> values) {
                for (Object element : values) {
                    if (element != null) {
                        tags.add(of(component.key, element));
                    }
                }
            } else if (value != null) {
                tags.add(of(component.key, value));
            }
        }
        return List.copyOf(tags);
    }

    private static List<Tagged> find(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        List<Tagged> tagged = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Tag tag = component.getAnnotation(Tag.class);
            if (tag != null) {
                Method accessor = component.getAccessor();
                try {
                    accessor.setAccessible(true);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cannot read the @Tag component " + component.getName() + " of "
                            + type.getName() + ": open its package to io.eventsourcing.core", e);
                }
                tagged.add(new Tagged(tag.value().isEmpty() ? component.getName() : tag.value(), accessor));
            }
        }
        return List.copyOf(tagged);
    }

    private record Tagged(String key, Method accessor) {
        @Nullable Object read(Object event) {
            try {
                return accessor.invoke(event);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read the @Tag component " + accessor.getName() + " of "
                        + event.getClass().getName(), e);
            }
        }
    }
}
