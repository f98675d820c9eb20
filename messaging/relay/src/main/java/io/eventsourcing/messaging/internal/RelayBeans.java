package io.eventsourcing.messaging.internal;

import io.eventsourcing.application.Application;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.system.ProcessApplication;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker modules' Spring Boot auto-configurations share: finding the applications their
 * properties name, and closing the relays they start. No Spring types, so the relay needs no Spring.
 */
public final class RelayBeans {
    private static final Logger LOG = LoggerFactory.getLogger(RelayBeans.class);

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

    /** Relays started together and closed together, the last started first. */
    public static final class Group implements AutoCloseable {
        private final List<AutoCloseable> started = new ArrayList<>();

        /** Adds a started relay and returns it. */
        public <T extends AutoCloseable> T add(T relay) {
            started.add(relay);
            return relay;
        }

        /** The relays, in the order started. */
        public List<AutoCloseable> all() {
            return List.copyOf(started);
        }

        /**
         * Closes every relay, even when one fails, then rethrows the first failure.
         *
         * @throws EventSourcingException the first relay's failure (a republisher's follower error)
         */
        @Override
        public void close() {
            RuntimeException first = null;
            for (AutoCloseable relay : started.reversed()) {
                try {
                    relay.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed", relay, e);
                    if (first == null) {
                        first = e instanceof RuntimeException runtime ? runtime
                                : new EventSourcingException("closing " + relay + " failed", e);
                    }
                }
            }
            started.clear();
            if (first != null) {
                throw first;
            }
        }
    }
}
