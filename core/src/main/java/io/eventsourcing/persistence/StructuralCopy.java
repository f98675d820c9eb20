package io.eventsourcing.persistence;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.internal.AggregateAccess;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/*
 * Why: the repository's cache hands out copies of cached aggregates, so a caller's changes never reach
 * the cache. A copy through the snapshot form (fields to a JSON tree and back) costs microseconds, more
 * than the rest of a command on the in-memory backend. Most aggregates hold strings, numbers, ids,
 * times, enums, records of those and the JDK's collections of them: those values are copied here field
 * by field, sharing what cannot change and copying what can, at a small fraction of the cost. A value
 * of any other class (a user's mutable object, a collection type not listed) makes the whole copy go
 * the snapshot way, so the result never depends on guessing a class's mutability.
 */

/** Deep copies of aggregates made field by field, when every value is of a type known here. */
final class StructuralCopy {
    /** Marks a value this class cannot copy exactly. */
    private static final Object UNKNOWN = new Object();

    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class,
            UUID.class, Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
            OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class, Year.class, YearMonth.class,
            MonthDay.class, ZoneOffset.class);

    private static final Class<?> LIST_OF = List.of(1).getClass();
    private static final Class<?> LIST_OF_MANY = List.of(1, 2, 3).getClass();
    private static final Class<?> LIST_OF_NONE = List.of().getClass();
    private static final Class<?> SET_OF = Set.of(1).getClass();
    private static final Class<?> SET_OF_MANY = Set.of(1, 2, 3).getClass();
    private static final Class<?> MAP_OF = Map.of(1, 1).getClass();
    private static final Class<?> MAP_OF_MANY = Map.of(1, 1, 2, 2).getClass();

    private static final ClassValue<@Nullable RecordShape> RECORDS = new ClassValue<>() {
        @Override
        protected @Nullable RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private StructuralCopy() {}

    /**
     * A copy of the aggregate without pending events, or null if one of its fields holds a value this
     * class does not know how to copy.
     */
    static <A extends Aggregate<?>> @Nullable A of(A aggregate) {
        List<Field> fields;
        try {
            fields = StateFields.of(aggregate.getClass());
        } catch (IllegalStateException e) {
            return null;
        }
        Object[] values = new Object[fields.size()];
        try {
            for (int i = 0; i < values.length; i++) {
                Object copied = copy(fields.get(i).get(aggregate));
                if (copied == UNKNOWN) {
                    return null;
                }
                values[i] = copied;
            }
            AggregateAccess access = AggregateAccess.get();
            @SuppressWarnings("unchecked")
            Class<A> type = (Class<A>) aggregate.getClass();
            A copy = access.instantiate(type);
            access.restore(copy, aggregate.id(), aggregate.version(), aggregate.createdOn(), aggregate.modifiedOn());
            for (int i = 0; i < values.length; i++) {
                fields.get(i).set(copy, values[i]);
            }
            return copy;
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** A deep copy of a value: itself if it cannot change, a copy if it can, {@link #UNKNOWN} otherwise. */
    private static @Nullable Object copy(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (IMMUTABLE.contains(type) || value instanceof Enum<?>) {
            return value;
        }
        if (type.isRecord()) {
            return copyRecord(value);
        }
        if (type == ArrayList.class) {
            return copyInto(new ArrayList<>(((Collection<?>) value).size()), (Collection<?>) value);
        }
        if (type == LIST_OF || type == LIST_OF_MANY || type == LIST_OF_NONE) {
            return copyImmutableList((List<?>) value);
        }
        if (type == HashMap.class) {
            return copyInto(new HashMap<>(), (Map<?, ?>) value);
        }
        if (type == LinkedHashMap.class) {
            return copyInto(new LinkedHashMap<>(), (Map<?, ?>) value);
        }
        if (type == HashSet.class) {
            return copyInto(new HashSet<>(), (Collection<?>) value);
        }
        if (type == LinkedHashSet.class) {
            return copyInto(new LinkedHashSet<>(), (Collection<?>) value);
        }
        if (type == LinkedList.class) {
            return copyInto(new LinkedList<>(), (Collection<?>) value);
        }
        if (type == ArrayDeque.class) {
            return copyInto(new ArrayDeque<>(), (Collection<?>) value);
        }
        if (type == TreeMap.class) {
            return copyInto(sortedMap(((TreeMap<?, ?>) value).comparator()), (Map<?, ?>) value);
        }
        if (type == TreeSet.class) {
            return copyInto(sortedSet(((TreeSet<?>) value).comparator()), (Collection<?>) value);
        }
        if (type == SET_OF || type == SET_OF_MANY || type == MAP_OF || type == MAP_OF_MANY) {
            return copyImmutableUnordered(value);
        }
        if (value instanceof Optional<?> optional) {
            if (optional.isEmpty()) {
                return optional;
            }
            Object inner = copy(optional.get());
            return inner == UNKNOWN ? UNKNOWN : inner == optional.get() ? optional : Optional.of(inner);
        }
        if (type.isArray()) {
            return copyArray(value);
        }
        return UNKNOWN;
    }

    @SuppressWarnings("unchecked")
    private static TreeMap<Object, Object> sortedMap(@Nullable Comparator<?> comparator) {
        return new TreeMap<>((Comparator<Object>) comparator);
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<Object> sortedSet(@Nullable Comparator<?> comparator) {
        return new TreeSet<>((Comparator<Object>) comparator);
    }

    private static Object copyInto(Collection<Object> target, Collection<?> source) {
        for (Object element : source) {
            Object copied = copy(element);
            if (copied == UNKNOWN) {
                return UNKNOWN;
            }
            target.add(copied);
        }
        return target;
    }

    private static Object copyInto(Map<Object, Object> target, Map<?, ?> source) {
        for (Map.Entry<?, ?> entry : source.entrySet()) {
            Object key = copy(entry.getKey());
            Object value = copy(entry.getValue());
            if (key == UNKNOWN || value == UNKNOWN) {
                return UNKNOWN;
            }
            target.put(key, value);
        }
        return target;
    }

    /** An unmodifiable list is shared when its elements cannot change either, else rebuilt. */
    private static Object copyImmutableList(List<?> list) {
        Object[] elements = new Object[list.size()];
        boolean same = true;
        for (int i = 0; i < elements.length; i++) {
            Object element = list.get(i);
            Object copied = copy(element);
            if (copied == UNKNOWN) {
                return UNKNOWN;
            }
            same &= copied == element;
            elements[i] = copied;
        }
        return same ? list : List.of(elements);
    }

    /** An unmodifiable set or map is shared when its contents cannot change, else the copy is left to snapshots. */
    private static Object copyImmutableUnordered(Object value) {
        Collection<?> contents = value instanceof Map<?, ?> map ? concat(map) : (Collection<?>) value;
        for (Object element : contents) {
            if (copy(element) != element) {
                return UNKNOWN;
            }
        }
        return value;
    }

    private static List<Object> concat(Map<?, ?> map) {
        List<Object> all = new ArrayList<>(map.size() * 2);
        all.addAll(map.keySet());
        all.addAll(map.values());
        return all;
    }

    private static Object copyArray(Object array) {
        Class<?> component = array.getClass().getComponentType();
        int length = Array.getLength(array);
        if (component.isPrimitive()) {
            Object copy = Array.newInstance(component, length);
            System.arraycopy(array, 0, copy, 0, length);
            return copy;
        }
        Object[] source = (Object[]) array;
        Object[] copy = (Object[]) Array.newInstance(component, length);
        for (int i = 0; i < length; i++) {
            Object copied = copy(source[i]);
            if (copied == UNKNOWN) {
                return UNKNOWN;
            }
            copy[i] = copied;
        }
        return copy;
    }

    /** A record is shared when its components cannot change, else rebuilt from copies of them. */
    private static Object copyRecord(Object record) {
        RecordShape shape = RECORDS.get(record.getClass());
        if (shape == null) {
            return UNKNOWN;
        }
        Object[] components = new Object[shape.accessors.length];
        boolean same = true;
        try {
            for (int i = 0; i < components.length; i++) {
                Object component = shape.accessors[i].invoke(record);
                Object copied = copy(component);
                if (copied == UNKNOWN) {
                    return UNKNOWN;
                }
                same &= copied == component;
                components[i] = copied;
            }
            return same ? record : shape.constructor.newInstance(components);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** How to take a record apart and build it again, when its accessors and constructor are accessible. */
    private record RecordShape(Method[] accessors, Constructor<?> constructor) {
        static @Nullable RecordShape of(Class<?> type) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                Method[] accessors = new Method[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    accessors[i] = components[i].getAccessor();
                    accessors[i].setAccessible(true);
                    types[i] = components[i].getType();
                }
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new RecordShape(accessors, constructor);
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }
    }
}
