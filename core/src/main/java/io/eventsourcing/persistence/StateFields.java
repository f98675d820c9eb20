package io.eventsourcing.persistence;

import io.eventsourcing.domain.Aggregate;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An aggregate class's own state: its fields and its superclasses' up to {@link Aggregate}, neither
 * static, transient nor synthetic, made accessible; what a snapshot stores and a copy copies. Found
 * once per class.
 */
final class StateFields {
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return find(type);
        }
    };

    private StateFields() {}

    /**
     * The state fields of an aggregate class.
     *
     * @throws IllegalStateException if two fields of the hierarchy share a name, or one cannot be accessed
     */
    static List<Field> of(Class<?> type) {
        return FIELDS.get(type);
    }

    private static List<Field> find(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Class<?> c = type; c != null && c != Aggregate.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                if (!names.add(field.getName())) {
                    throw new IllegalStateException(type.getName() + " has two fields named '" + field.getName()
                            + "' in its hierarchy; snapshots store fields by name, so rename one");
                }
                try {
                    field.setAccessible(true);
                } catch (InaccessibleObjectException e) {
                    throw new IllegalStateException("cannot access " + field + ": open its package to "
                            + "io.eventsourcing.core in module-info.java", e);
                }
                fields.add(field);
            }
        }
        return List.copyOf(fields);
    }
}
