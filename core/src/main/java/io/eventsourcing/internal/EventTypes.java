package io.eventsourcing.internal;

import io.eventsourcing.domain.Aggregate;
import java.lang.reflect.GenericSignatureFormatError;
import java.lang.reflect.MalformedParameterizedTypeException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * The event type {@code E} of an aggregate class {@code extends Aggregate<E>}, found through its
 * superclasses (also when an abstract aggregate in between passes a type variable on), read once per
 * class. {@code Object} for an open set of events or a type that cannot be found. Not API: this
 * package is not exported.
 */
public final class EventTypes {
    private static final ClassValue<Class<?>> EVENT_TYPES = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
            try {
                return find(type);
            } catch (GenericSignatureFormatError | MalformedParameterizedTypeException | TypeNotPresentException e) {
                return Object.class;
            }
        }
    };

    private EventTypes() {}

    /** The class of an aggregate's events, or {@code Object} if it takes any (or is not an aggregate). */
    public static Class<?> of(Class<?> aggregateType) {
        return EVENT_TYPES.get(aggregateType);
    }

    private static Class<?> find(Class<?> type) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        for (Class<?> c = type; c != null && c != Aggregate.class; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType parameterized
                    && parameterized.getRawType() instanceof Class<?> raw) {
                TypeVariable<?>[] parameters = raw.getTypeParameters();
                Type[] arguments = parameterized.getActualTypeArguments();
                for (int i = 0; i < parameters.length && i < arguments.length; i++) {
                    Type argument = arguments[i];
                    bindings.put(parameters[i], argument instanceof TypeVariable<?> v && bindings.containsKey(v)
                            ? bindings.get(v) : argument);
                }
                if (raw == Aggregate.class) {
                    return rawClass(bindings.get(parameters[0]));
                }
            }
        }
        return Object.class;
    }

    private static Class<?> rawClass(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p when p.getRawType() instanceof Class<?> raw -> raw;
            case TypeVariable<?> v when v.getBounds().length > 0 -> rawClass(v.getBounds()[0]);
            case WildcardType w when w.getUpperBounds().length > 0 -> rawClass(w.getUpperBounds()[0]);
            case null, default -> Object.class;
        };
    }
}
