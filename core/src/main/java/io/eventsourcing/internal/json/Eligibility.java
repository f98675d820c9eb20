package io.eventsourcing.internal.json;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/*
 * The codec writes a record or an enum only if Jackson's standard configuration would treat it in the
 * plain way the codec does, and it cannot know what Jackson makes of annotations, so any of them is a
 * reason to leave the class to Jackson:
 * - an annotation of Jackson's (com.fasterxml.jackson.*, tools.jackson.*), or of java.beans (Jackson
 *   reads @ConstructorProperties and @Transient), or one that carries such an annotation (Jackson's
 *   @JacksonAnnotationsInside bundles), on the class, a supertype (Jackson merges a supertype's
 *   annotations, and those of the methods a class overrides), a field, a method, a constructor, a
 *   parameter or a record component; that covers @JsonCreator on another constructor or a factory,
 *   @JsonValue, @JsonProperty, @JsonIgnore, @JsonTypeInfo on a sealed interface, @JsonNaming ...;
 * - a supertype of Jackson's own (JacksonSerializable writes itself);
 * - for a record, a public method that Jackson takes for a getter (getX(), isX()) besides the
 *   component accessors, which Jackson would write as one more property, or a setter-like setX(v);
 * - for an enum, a toString() of its own (Jackson 3 writes and reads enums by toString()), or a static
 *   one-argument method besides valueOf(String), which Jackson might take for a creator.
 */

/** The rules that decide which records and enums the codec may write and read as Jackson would. Stateless. */
final class Eligibility {
    private Eligibility() {}

    /** Why a record may be written differently by Jackson, or null if it is plain. */
    static @Nullable String recordProblem(Class<?> type) {
        if (!type.isRecord()) {
            return "is not a record";
        }
        String annotated = annotatedMember(type);
        if (annotated != null) {
            return annotated;
        }
        Set<String> accessors = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            accessors.add(component.getName());
        }
        for (Method method : type.getMethods()) {
            Class<?> declaring = method.getDeclaringClass();
            if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
                    || method.getReturnType() == void.class || declaring == Object.class || declaring == Record.class
                    || accessors.contains(method.getName())) {
                continue;
            }
            if (isGetterName(method.getName())) {
                return "has method " + method.getName() + "(), which Jackson writes as a property";
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (!Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 1
                    && isPrefixed(method.getName(), "set")) {
                return "has method " + method.getName() + "(...), which Jackson may take for a setter";
            }
        }
        return null;
    }

    /** Why an enum may be written or read differently by Jackson, or null if it is plain. */
    static @Nullable String enumProblem(Class<?> type) {
        String annotated = annotatedMember(type);
        if (annotated != null) {
            return annotated;
        }
        for (Object constant : type.getEnumConstants()) {
            Class<?> body = constant.getClass();
            try {
                if (body.getMethod("toString").getDeclaringClass() != Enum.class) {
                    return "has its own toString(), by which Jackson writes and reads it";
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
            if (body != type) {
                String annotatedBody = annotatedMember(body);
                if (annotatedBody != null) {
                    return annotatedBody;
                }
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 1
                    && !(method.getName().equals("valueOf") && method.getParameterTypes()[0] == String.class)) {
                return "has static method " + method.getName() + "(...), which Jackson may take for a creator";
            }
        }
        return null;
    }

    /**
     * Whether a collection or map of this runtime class is written by Jackson as a plain JSON array or
     * object: the JDK's own classes are, a user's subclass might be annotated otherwise.
     */
    static boolean isJdkCollection(Class<?> type) {
        return type.getName().startsWith("java.util.");
    }

    private static boolean isGetterName(String name) {
        return isPrefixed(name, "get") || isPrefixed(name, "is");
    }

    private static boolean isPrefixed(String name, String prefix) {
        return name.startsWith(prefix) && name.length() > prefix.length();
    }

    /** A description of the first Jackson annotation on the class, its supertypes or its members, or null. */
    private static @Nullable String annotatedMember(Class<?> type) {
        Deque<Class<?>> supertypes = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        supertypes.add(type);
        while (!supertypes.isEmpty()) {
            Class<?> supertype = supertypes.remove();
            if (!seen.add(supertype) || supertype == Object.class || supertype == Record.class
                    || supertype == Enum.class) {
                continue;
            }
            if (isJackson(supertype)) {
                return "is a " + supertype.getName() + ", which Jackson writes its own way";
            }
            String found = annotated(supertype, supertype.getName());
            if (found == null) {
                for (Method method : supertype.getDeclaredMethods()) {
                    found = found != null ? found : annotated(method, method.toString());
                }
            }
            if (found != null) {
                return found;
            }
            if (supertype.getSuperclass() != null) {
                supertypes.add(supertype.getSuperclass());
            }
            supertypes.addAll(List.of(supertype.getInterfaces()));
        }
        String found = null;
        for (var field : type.getDeclaredFields()) {
            found = found != null ? found : annotated(field, field.toString());
        }
        for (var constructor : type.getDeclaredConstructors()) {
            found = found != null ? found : annotated(constructor, constructor.toString());
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                found = found != null ? found : annotated(component, "component " + component.getName());
            }
        }
        return found;
    }

    /** A description of the element's first Jackson annotation (or its parameters'), or null. */
    private static @Nullable String annotated(AnnotatedElement element, String where) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (isJacksonAnnotation(annotation.annotationType(), new HashSet<>())) {
                return "has @" + annotation.annotationType().getName() + " on " + where;
            }
        }
        if (element instanceof Executable executable) {
            for (Annotation[] parameter : executable.getParameterAnnotations()) {
                for (Annotation annotation : parameter) {
                    if (isJacksonAnnotation(annotation.annotationType(), new HashSet<>())) {
                        return "has @" + annotation.annotationType().getName() + " on a parameter of " + where;
                    }
                }
            }
        }
        return null;
    }

    private static boolean isJacksonAnnotation(Class<? extends Annotation> type, Set<Class<?>> seen) {
        if (isJackson(type) || type.getName().startsWith("java.beans.")) {
            return true;
        }
        if (type.getName().startsWith("java.lang.") || !seen.add(type)) {
            return false;
        }
        for (Annotation meta : type.getDeclaredAnnotations()) {
            if (isJacksonAnnotation(meta.annotationType(), seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJackson(Class<?> type) {
        String name = type.getName();
        return name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.");
    }
}
