package io.eventsourcing.jpa;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@code PERSISTENCE_MODULE=jpa} beside the {@code JDBC_*} ones, parsed once.
 *
 * @param autoflush {@code JPA_AUTOFLUSH}: whether the entity managers that {@code transaction(...)} opens
 *     flush before queries (Hibernate flush mode AUTO, the default) or only at commit (COMMIT)
 * @param entityManagerTopic {@code JPA_ENTITY_MANAGER_TOPIC}: a {@link CurrentEntityManager} class name,
 *     or null to let the factory build its own {@code EntityManagerFactory}
 * @param entityClasses {@code JPA_ENTITY_CLASSES}: the caller's entity classes (comma-separated class
 *     names) for the factory's own {@code EntityManagerFactory}
 */
public record JpaSettings(boolean autoflush, @Nullable String entityManagerTopic, List<String> entityClasses) {
    /** The flush mode variable: {@code true} (default) for AUTO, {@code false} for COMMIT. */
    public static final String JPA_AUTOFLUSH = "JPA_AUTOFLUSH";
    /** The variable naming a {@link CurrentEntityManager} class. */
    public static final String JPA_ENTITY_MANAGER_TOPIC = "JPA_ENTITY_MANAGER_TOPIC";
    /** The variable listing the caller's entity classes, comma-separated. */
    public static final String JPA_ENTITY_CLASSES = "JPA_ENTITY_CLASSES";

    /** Copies the class names. */
    public JpaSettings {
        entityClasses = List.copyOf(entityClasses);
    }

    /**
     * The settings in an environment.
     *
     * @throws ConfigurationException if {@code JPA_AUTOFLUSH} is not a boolean, or
     *     {@code JPA_ENTITY_CLASSES} is given together with {@code JPA_ENTITY_MANAGER_TOPIC} (whose
     *     factory maps its own classes), naming the variable
     */
    public static JpaSettings from(Environment environment) {
        boolean autoflush = environment.getBoolean(JPA_AUTOFLUSH, true);
        String topic = environment.get(JPA_ENTITY_MANAGER_TOPIC).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(null);
        List<String> classes = environment.get(JPA_ENTITY_CLASSES)
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        if (topic != null && !classes.isEmpty()) {
            throw new ConfigurationException(environment.sourceOf(JPA_ENTITY_CLASSES) + " cannot be used with "
                    + environment.sourceOf(JPA_ENTITY_MANAGER_TOPIC) + ": the EntityManagerFactory of " + topic
                    + " maps its own entity classes");
        }
        return new JpaSettings(autoflush, topic, classes);
    }
}
