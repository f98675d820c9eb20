package io.eventsourcing.messaging.internal;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.system.ProcessApplication;
import java.util.Collection;

/**
 * What the broker modules' Spring Boot auto-configurations share: finding the applications their
 * properties name. No Spring types, so the relay needs no Spring.
 */
public final class RelayBeans {
    private RelayBeans() {}

    /**
     * The application named {@code name} ({@link Application#name()}).
     *
     * @throws ConfigurationException naming the property and the applications there are
     */
    public static Application application(Collection<? extends Application> applications, String name,
            String property) {
        for (Application application : applications) {
            if (application.name().equals(name)) {
                return application;
            }
        }
        throw new ConfigurationException(property + " is '" + name + "', but the context has no application of that "
                + "name; it has " + applications.stream().map(Application::name).sorted().toList());
    }

    /**
     * The process application named {@code name}.
     *
     * @throws ConfigurationException if there is none, or it is not a process application
     */
    public static ProcessApplication follower(Collection<? extends Application> applications, String name,
            String property) {
        if (application(applications, name, property) instanceof ProcessApplication follower) {
            return follower;
        }
        throw new ConfigurationException(property + " is '" + name + "', which is not a ProcessApplication; only a "
                + "process application can follow a leader");
    }
}
