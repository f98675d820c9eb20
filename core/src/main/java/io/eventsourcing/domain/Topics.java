package io.eventsourcing.domain;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.internal.EventTypes;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Design: a stored topic is data, and data may have been changed by anyone who can write to the
 * database. Resolving it must not load and initialise whatever class it names (a class's static
 * initialiser is code, and binding JSON to an arbitrary class is how deserialisation attacks work), so
 * a topic resolves only to a class the application can legitimately read, decided on the loaded but not
 * yet initialised class: one registered here; an aggregate class (the topic of snapshots and of an
 * aggregate's first event); an event of an aggregate: a class declared inside an aggregate class, or one
 * of the event type E of an aggregate this process knows (extends Aggregate<E>, E not Object); a class
 * whose topic this process asked for (it writes such events); and the library's own Discarded. Anything
 * else fails before its initialiser runs.
 */

/**
 * The names under which classes are stored. A class's topic is its binary name
 * ({@code com.example.Dog$Registered}) unless it was registered under another name, which lets
 * classes be renamed and moved without breaking events already stored. Thread-safe, process-wide.
 *
 * <p>A stored topic resolves only to a class the application can legitimately read: a class registered
 * here (under any name), an {@link Aggregate} class, a class declared inside an aggregate class (the usual
 * place for its events), a class of the event type {@code E} of an aggregate this process knows (one
 * registered, resolved or written; {@code E} not a platform type such as {@code Object}), a class whose topic this process has asked for with {@link #of}, or
 * the library's {@link Discarded}. The class is checked before it is initialised. Register event classes
 * declared outside their aggregate, whose aggregate a reader may not know yet (a follower reading another
 * application's notification log), with {@link #register}.
 *
 * <pre>{@code
 * Topics.register("dogs.Registered", Dog.Registered.class);          // written and read as dogs.Registered
 * Topics.register("com.old.Dog$Registered", Dog.Registered.class);   // old events still resolve
 * }</pre>
 */
public final class Topics {
    private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();
    private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();
    /** Classes found by binary name, so reading an event does not load its class again. */
    private static final Map<String, Class<?>> LOADED = new ConcurrentHashMap<>();
    /** Classes this process registered or asked the topic of, and aggregate classes it resolved. */
    private static final Set<Class<?>> KNOWN = ConcurrentHashMap.newKeySet();
    /** The event types {@code E} of the known aggregates, other than {@code Object}. */
    private static final Set<Class<?>> EVENT_TYPES = ConcurrentHashMap.newKeySet();

    private Topics() {}

    /**
     * Makes {@code topic} resolve to {@code type}. The first topic registered for a class is also the
     * one written for it from then on; later ones are aliases that only resolve. Registering an
     * aggregate class also makes the classes of its event type readable.
     *
     * @throws TopicException if the topic is already registered for a different class
     */
    public static void register(String topic, Class<?> type) {
        requireNonNull(topic, "topic");
        requireNonNull(type, "type");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("a topic must not be blank");
        }
        Class<?> existing = CLASSES.putIfAbsent(topic, type);
        if (existing != null && existing != type) {
            throw new TopicException("topic '" + topic + "' is already registered for " + existing.getName()
                    + ", cannot register it for " + type.getName());
        }
        NAMES.putIfAbsent(type, topic);
        know(type);
    }

    /**
     * The topic written for a class: its registered name, else its binary name. The class becomes one
     * that stored topics may resolve to, since this process writes it.
     */
    public static String of(Class<?> type) {
        if (!KNOWN.contains(type)) {
            know(type);
        }
        String registered = NAMES.get(type);
        return registered != null ? registered : type.getName();
    }

    /**
     * The class a topic names: a registered class, else the class with that binary name if the
     * application can legitimately read it (see the class comment), initialised (so upcasters registered
     * in the class's static initialiser are in place before it is read).
     *
     * @throws TopicException if no such class can be loaded, naming the topic and how to register it,
     *     or if the class is not one the application reads, before the class is initialised
     */
    public static Class<?> resolve(String topic) {
        requireNonNull(topic, "topic");
        Class<?> registered = CLASSES.get(topic);
        if (registered != null) {
            return registered;
        }
        Class<?> loaded = LOADED.get(topic);
        if (loaded != null) {
            return loaded;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : Topics.class.getClassLoader();
        Class<?> type;
        try {
            type = Class.forName(topic, false, loader);
        } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
            throw new TopicException("topic '" + topic + "' does not name a class here; if the class was renamed or "
                    + "moved, register the old name: Topics.register(\"" + topic + "\", NewName.class)");
        }
        if (!isReadable(type)) {
            throw new TopicException("topic '" + topic + "' names " + type.getTypeName() + ", which is not an event "
                    + "or aggregate type this application reads: a stored topic resolves only to a class registered "
                    + "with Topics.register, an Aggregate, an event declared inside an aggregate or of the event "
                    + "type of a known aggregate, or a class this process writes; if it is an event class, register "
                    + "it: Topics.register(\"" + topic + "\", " + type.getName().substring(type.getName().lastIndexOf('.') + 1)
                    + ".class)");
        }
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new TopicException("topic '" + topic + "' names " + type.getName() + ", which cannot be "
                    + "initialised: " + e);
        }
        if (Aggregate.class.isAssignableFrom(type)) {
            know(type);
        }
        LOADED.putIfAbsent(topic, type);
        return type;
    }

    /** Whether a loaded (not yet initialised) class is one a stored topic may name. */
    private static boolean isReadable(Class<?> type) {
        try {
            return isReadableClass(type);
        } catch (LinkageError e) {
            return false; // its declaring class is missing or inconsistent: not one of ours
        }
    }

    private static boolean isReadableClass(Class<?> type) {
        if (type.isArray() || type.isPrimitive()) {
            return false;
        }
        if (KNOWN.contains(type) || type == Discarded.class
                || (Aggregate.class.isAssignableFrom(type) && type != Aggregate.class)) {
            return true;
        }
        for (Class<?> outer = type.getDeclaringClass(); outer != null; outer = outer.getDeclaringClass()) {
            if (Aggregate.class.isAssignableFrom(outer)) {
                return true;
            }
        }
        for (Class<?> eventType : EVENT_TYPES) {
            if (eventType.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    private static void know(Class<?> type) {
        KNOWN.add(type);
        if (Aggregate.class.isAssignableFrom(type)) {
            Class<?> eventType = EventTypes.of(type);
            if (!isPlatformType(eventType)) {
                EVENT_TYPES.add(eventType);
            }
        }
    }

    /**
     * Whether an aggregate's event type is the platform's ({@code Object}, {@code Record},
     * {@code Serializable}, ...): too wide to say which classes are its events, so only the other rules
     * apply to such an aggregate's events.
     */
    private static boolean isPlatformType(Class<?> type) {
        String name = type.getName();
        return type == Object.class || name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    /**
     * Every topic that names the class: the one written for it first, then the others registered for
     * it, then its binary name (unless that is registered for another class). A query by type (DCB)
     * names them all, so events stored under an old name are found too. Like {@link #of}, it makes the
     * class one that stored topics may resolve to.
     */
    public static Set<String> names(Class<?> type) {
        requireNonNull(type, "type");
        Set<String> names = new LinkedHashSet<>();
        names.add(of(type));
        CLASSES.forEach((topic, registered) -> {
            if (registered == type) {
                names.add(topic);
            }
        });
        Class<?> binary = CLASSES.get(type.getName());
        if (binary == null || binary == type) {
            names.add(type.getName());
        }
        return Collections.unmodifiableSet(names);
    }
}
