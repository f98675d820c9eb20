package io.eventsourcing.spring.boot.internal;

import io.eventsourcing.persistence.SettingNames;
import io.eventsourcing.spring.boot.EventSourcingAutoConfiguration;
import java.util.Set;

/**
 * The settings of the Spring Boot auto-configuration ({@code eventsourcing.datasource}, {@code
 * eventsourcing.flyway.enabled}) and the variable naming the context, which it sets itself.
 */
public final class SpringSettingNames implements SettingNames {
    /** Used by {@link java.util.ServiceLoader}. */
    public SpringSettingNames() {}

    @Override
    public Set<String> names() {
        return Set.of(
                EventSourcingAutoConfiguration.DATASOURCE,
                SpringFactory.FLYWAY_ENABLED,
                SpringContexts.CONTEXT_VARIABLE);
    }
}
