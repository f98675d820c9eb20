package io.eventsourcing.internal.json;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Equality that also asks for the same classes all the way down: the same collection and map classes
 * (ArrayList, HashSet, EnumSet, LinkedHashMap ...), maps in the same order, BigDecimals of the same
 * scale, doubles of the same bits.
 */
public final class DeepEquality {
    private DeepEquality() {}

    /** Where the two values first differ, or null if they do not. */
    public static @Nullable String difference(@Nullable Object expected, @Nullable Object actual) {
        return difference(expected, actual, "$");
    }

    private static @Nullable String difference(@Nullable Object expected, @Nullable Object actual, String path) {
        if (expected == null || actual == null) {
            return expected == actual ? null : path + ": " + expected + " vs " + actual;
        }
        if (expected.getClass() != actual.getClass()) {
            return path + ": " + expected.getClass().getName() + " vs " + actual.getClass().getName();
        }
        if (expected instanceof Record) {
            for (RecordComponent component : expected.getClass().getRecordComponents()) {
                String found = difference(get(component, expected), get(component, actual),
                        path + "." + component.getName());
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (expected instanceof List<?> list) {
            List<?> other = (List<?>) actual;
            if (list.size() != other.size()) {
                return path + ": size " + list.size() + " vs " + other.size();
            }
            for (int i = 0; i < list.size(); i++) {
                String found = difference(list.get(i), other.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (expected instanceof Map<?, ?> map) {
            Map<?, ?> other = (Map<?, ?>) actual;
            if (!List.copyOf(map.keySet()).equals(List.copyOf(other.keySet()))) {
                return path + ": keys " + map.keySet() + " vs " + other.keySet();
            }
            Iterator<?> values = other.values().iterator();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String found = difference(entry.getValue(), values.next(), path + "." + entry.getKey());
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (expected instanceof Optional<?> optional) {
            return difference(optional.orElse(null), ((Optional<?>) actual).orElse(null), path + ".get()");
        }
        return Objects.equals(expected, actual) ? null : path + ": " + expected + " vs " + actual;
    }

    private static @Nullable Object get(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
