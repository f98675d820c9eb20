package io.eventsourcing.application;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Transcoder;
import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.exc.InvalidDefinitionException;

/*
 * Design: what is stored is JSON, and what is read back is built from the declared types alone, so a
 * type that does not say what to build cannot come back as it was saved: a component of type Object
 * (or Serializable, Comparable, an unbound type variable) comes back as whatever the JSON looks like,
 * a map or a string; an interface or abstract class without type information cannot be built at all;
 * a class without a creator neither. The walk follows records' components, collections' elements,
 * maps' keys and values, optionals and arrays, with type variables bound where the declaration binds
 * them. Whether Jackson can build a class or an abstract type is asked of the application's own
 * transcoder (it may have modules that know the type) by reading an empty object as that type: only a
 * definition error (no creator, no type information) counts, since an empty object is rarely a valid
 * value. A component annotated with @JsonTypeInfo or @JsonDeserialize is the user's own business.
 */

/**
 * Finds the part of a stored type that JSON cannot bring back: for each record component, collection
 * element, map key or value it names the path and the problem.
 *
 * <p>Thread-safe.
 */
final class StoredTypes {
    /** Types Jackson reads back as "whatever the JSON is": a map, a list, a string, a number. */
    private static final Set<Class<?>> UNTYPED = Set.of(Object.class, Serializable.class, Comparable.class);

    private final Transcoder transcoder;

    /** @param transcoder the application's, which reads what is stored */
    StoredTypes(Transcoder transcoder) {
        this.transcoder = transcoder;
    }

    /**
     * The first problem with reading back a value of the class, as "its component 'owner' is of type
     * java.lang.Object, ...", or null if there is none to be found from its declaration.
     */
    @Nullable String problem(Class<?> type) {
        return new Walk().type(type, "", Map.of());
    }

    /** The first problem with reading back a field of the declared type, named {@code what}. */
    @Nullable String problem(Type declared, String what, AnnotatedElement... annotated) {
        if (userHandled(annotated)) {
            return null;
        }
        return new Walk().type(declared, what, Map.of());
    }

    /** One walk over a type, remembering the classes seen so that recursive types end. */
    private final class Walk {
        private final Set<Class<?>> seen = new HashSet<>();

        private @Nullable String type(Type type, String path, Map<TypeVariable<?>, Type> bindings) {
            return switch (type) {
                case Class<?> c when c.isArray() -> type(c.getComponentType(), path + "[]", bindings);
                case Class<?> c -> type(c, path, bindings);
                case ParameterizedType p -> parameterized(p, path, bindings);
                case GenericArrayType a -> type(a.getGenericComponentType(), path + "[]", bindings);
                case WildcardType w -> type(w.getUpperBounds()[0], path, bindings);
                case TypeVariable<?> v -> bindings.containsKey(v)
                        ? type(bindings.get(v), path, bindings)
                        : untyped(path, v.getName() + ", a type variable read back as its bound "
                                + v.getBounds()[0].getTypeName());
                default -> null;
            };
        }

        private @Nullable String type(Class<?> c, String path, Map<TypeVariable<?>, Type> bindings) {
            if (UNTYPED.contains(c)) {
                return untyped(path, c.getName());
            }
            if (c.isPrimitive() || c.isEnum() || !seen.add(c)) {
                return null;
            }
            if (c.getTypeParameters().length > 0 && (Iterable.class.isAssignableFrom(c)
                    || Map.class.isAssignableFrom(c) || c == Optional.class)) {
                return untyped(path, c.getName() + " without its type arguments");
            }
            if (c.isRecord()) {
                return components(c, path, bindings);
            }
            if (c.isInterface() || Modifier.isAbstract(c.getModifiers()) || !isJdk(c)) {
                return creatable(c, path);
            }
            return null;
        }

        private @Nullable String parameterized(ParameterizedType p, String path, Map<TypeVariable<?>, Type> bindings) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] arguments = p.getActualTypeArguments();
            if (Iterable.class.isAssignableFrom(raw) || raw == Optional.class) {
                return arguments.length == 1 ? type(arguments[0], path + "[]", bindings) : null;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (arguments.length != 2) {
                    return null;
                }
                String key = type(arguments[0], path + "{key}", bindings);
                return key != null ? key : type(arguments[1], path + "{}", bindings);
            }
            Map<TypeVariable<?>, Type> bound = new HashMap<>(bindings);
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < variables.length && i < arguments.length; i++) {
                Type argument = arguments[i];
                bound.put(variables[i], argument instanceof TypeVariable<?> v && bindings.containsKey(v)
                        ? bindings.get(v) : argument);
            }
            seen.remove(raw);     // the same generic class may be bound differently elsewhere
            return type(raw, path, bound);
        }

        private @Nullable String components(Class<?> record, String path, Map<TypeVariable<?>, Type> bindings) {
            for (RecordComponent component : record.getRecordComponents()) {
                if (userHandled(component, component.getAccessor(), field(record, component.getName()))) {
                    continue;
                }
                String problem = type(component.getGenericType(),
                        path.isEmpty() ? component.getName() : path + "." + component.getName(), bindings);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        /** Asks the transcoder to read an empty object as the class: only a definition error is a problem. */
        private @Nullable String creatable(Class<?> c, String path) {
            try {
                transcoder.fromTree(transcoder.objectNode(), c);
                return null;
            } catch (DataException e) {
                if (!(e.getCause() instanceof InvalidDefinitionException definition)) {
                    return null;
                }
                String kind = c.isInterface() ? "an interface" : Modifier.isAbstract(c.getModifiers())
                        ? "an abstract class" : "a class";
                String advice = c.isInterface() || Modifier.isAbstract(c.getModifiers())
                        ? "annotate " + c.getSimpleName() + " with @JsonTypeInfo and @JsonSubTypes, or give "
                                + (path.isEmpty() ? "it" : "the component") + " a concrete type"
                        : "make it a record, or give it a constructor annotated with @JsonCreator";
                return subject(path) + " of type " + c.getName() + ", " + kind + " that Jackson cannot create ("
                        + definition.getOriginalMessage() + "): " + advice;
            } catch (RuntimeException e) {
                return null;    // a deserializer of the user's own, which an empty object does not suit
            }
        }

        private String untyped(String path, String typeName) {
            return subject(path) + " of type " + typeName + ", which is read back as whatever its JSON looks like "
                    + "(a map, a list, a string): give it a concrete type, or annotate it with @JsonTypeInfo";
        }

        private static String subject(String path) {
            return path.isEmpty() ? "it is" : "'" + path + "' is";
        }
    }

    /** Whether the annotations put the type's JSON in the user's hands: type information or a deserializer. */
    private static boolean userHandled(@Nullable AnnotatedElement... elements) {
        for (AnnotatedElement element : elements) {
            if (element != null && (has(element, JsonTypeInfo.class) || has(element, JsonDeserialize.class))) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(AnnotatedElement element, Class<? extends Annotation> annotation) {
        return element.isAnnotationPresent(annotation);
    }

    private static @Nullable Field field(Class<?> record, String name) {
        try {
            return record.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean isJdk(Class<?> c) {
        Module module = c.getModule();
        return module.isNamed() && List.of("java.", "jdk.").stream().anyMatch(module.getName()::startsWith);
    }
}
