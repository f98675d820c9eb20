package io.eventsourcing.spring.boot;

import io.eventsourcing.application.Application;

/**
 * Observes applications with Micrometer observations, when {@code eventsourcing-micrometer} is on the
 * class path; its one implementation keeps the Micrometer classes out of the beans that use it.
 */
interface ObservedApplications {
    /** Observes the application from now on, once, if the context has an {@code ObservationRegistry}. */
    void observe(Application application);

    /** Whether the context has an {@code ObservationRegistry} that the observations go to. */
    boolean active();
}
