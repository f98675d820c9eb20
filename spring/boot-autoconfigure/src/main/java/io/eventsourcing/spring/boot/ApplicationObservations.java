package io.eventsourcing.spring.boot;

import io.eventsourcing.application.Application;
import io.eventsourcing.micrometer.EventSourcingObservations;
import io.micrometer.observation.ObservationRegistry;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/*
 * A bean post-processor, so that every application bean is observed however it is made; the registry
 * is looked up only when an application is, so that this early bean does not make the registry early.
 * A runner's applications are not beans: EventSourcingRunners hands them over when the runner starts.
 */

/** Observes the context's applications with {@link EventSourcingObservations} when it has an {@link ObservationRegistry}. */
final class ApplicationObservations implements BeanPostProcessor, ObservedApplications {
    private final ObjectProvider<ObservationRegistry> registries;
    private final Set<Application> observed = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    ApplicationObservations(ObjectProvider<ObservationRegistry> registries) {
        this.registries = registries;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof Application application) {
            observe(application);
        }
        return bean;
    }

    @Override
    public void observe(Application application) {
        ObservationRegistry registry = registry();
        if (registry != null && observed.add(application)) {
            EventSourcingObservations.observe(application, registry);
        }
    }

    @Override
    public boolean active() {
        return registry() != null;
    }

    private @Nullable ObservationRegistry registry() {
        ObservationRegistry registry = registries.getIfUnique();
        return registry == null || registry.isNoop() ? null : registry;
    }
}
