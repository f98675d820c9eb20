package io.eventsourcing.jpa;

import io.eventsourcing.persistence.SettingNames;
import java.util.Set;

/**
 * The settings of {@code PERSISTENCE_MODULE=jpa} beside the {@code JDBC_*} ones, read into {@link JpaSettings}.
 */
public final class JpaSettingNames implements SettingNames {
    /** Used by {@link java.util.ServiceLoader}. */
    public JpaSettingNames() {}

    @Override
    public Set<String> names() {
        return Set.of(
                JpaSettings.JPA_AUTOFLUSH,
                JpaSettings.JPA_ENTITY_MANAGER_TOPIC,
                JpaSettings.JPA_ENTITY_CLASSES);
    }
}
