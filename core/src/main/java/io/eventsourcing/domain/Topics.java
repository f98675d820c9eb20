package io.eventsourcing.domain;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names under which classes are stored. A class's topic is its binary name
 * ({@code com.example.Dog$Registered}) unless it was registered under another name, which lets
 * classes be renamed and moved without breaking events already stored. Thread-safe, process-wide.
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

    private Topics() {}

    /**
     * Makes {@code topic} resolve to {@code type}. The first topic registered for a class is also the
     * one written for it from then on; later ones are aliases that only resolve.
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
    }

    /** The topic written for a class: its registered name, else its binary name. */
    public static String of(Class<?> type) {
        String registered = NAMES.get(type);
        return registered != null ? registered : type.getName();
    }

    /**
     * The class a topic names: a registered class, else the class with that binary name, initialised
     * (so upcasters registered in the class's static initialiser are in place before it is read).
     *
     * @throws TopicException if no such class can be loaded, naming the topic and how to register it
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
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            loaded = Class.forName(topic, true, loader != null ? loader : Topics.class.getClassLoader());
            LOADED.putIfAbsent(topic, loaded);
            return loaded;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new TopicException("topic '" + topic + "' does not name a class here; if the class was renamed or "
                    + "moved, register the old name: Topics.register(\"" + topic + "\", NewName.class)");
        }
    }
}
