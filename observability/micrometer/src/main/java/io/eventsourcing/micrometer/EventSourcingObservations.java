package io.eventsourcing.micrometer;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.Application;
import io.eventsourcing.application.ApplicationObserver;
import io.eventsourcing.application.ApplicationOperation;
import io.eventsourcing.application.RecordConflictException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes an application's saves, gets and event processing with Micrometer {@link Observation}s, so
 * that the registry's handlers measure them (timers by outcome: conflicts and failures are counted
 * apart) and, with Micrometer Tracing, trace them: an observation is current while its operation runs,
 * so the spans of the database calls inside it, and of a process application's saves inside its
 * processing of an event, are its children. Names and key values are
 * {@link DefaultEventSourcingObservationConvention}'s unless a convention is given.
 *
 * <pre>{@code
 * try (var school = new DogSchool(env)) {
 *     EventSourcingObservations.observe(school, observationRegistry);
 *     school.register("Fido");            // an eventsourcing.save observation
 * }
 * }</pre>
 *
 * <p>Without Spring, register it yourself as above; the Spring Boot starter registers it on every
 * application bean when the context has an {@link ObservationRegistry}. Thread-safe.
 */
public final class EventSourcingObservations implements ApplicationObserver {
    private static final DefaultEventSourcingObservationConvention DEFAULT = new DefaultEventSourcingObservationConvention();

    private final ObservationRegistry registry;
    private final String application;
    private final @Nullable EventSourcingObservationConvention convention;

    /**
     * Observations of an application's operations, with the default names and key values.
     *
     * @param registry where the observations go
     * @param application the application's name, the {@code application} key value
     */
    public EventSourcingObservations(ObservationRegistry registry, String application) {
        this(registry, application, null);
    }

    /**
     * Observations of an application's operations.
     *
     * @param registry where the observations go
     * @param application the application's name, the {@code application} key value
     * @param convention the names and key values, or null for the default ones
     */
    public EventSourcingObservations(ObservationRegistry registry, String application,
            @Nullable EventSourcingObservationConvention convention) {
        this.registry = requireNonNull(registry, "registry");
        this.application = requireNonNull(application, "application");
        this.convention = convention;
    }

    /**
     * Observes the application's operations from now on, with the default names and key values.
     *
     * @return the observer, to remove it with {@link Application#removeObserver}
     */
    public static EventSourcingObservations observe(Application application, ObservationRegistry registry) {
        requireNonNull(application, "application");
        EventSourcingObservations observations = new EventSourcingObservations(registry, application.name());
        application.addObserver(observations);
        return observations;
    }

    @Override
    public Ending started(ApplicationOperation operation) {
        if (registry.isNoop()) {
            return NOTHING;
        }
        ApplicationOperationContext context = new ApplicationOperationContext(application, operation);
        Observation observation = Observation.createNotStarted(convention, DEFAULT, () -> context, registry).start();
        Observation.Scope scope = observation.openScope();
        return failure -> {
            context.outcome(outcome(operation, failure));
            if (failure != null) {
                observation.error(failure);
            }
            scope.close();
            observation.stop();
        };
    }

    private static ApplicationOperationContext.Outcome outcome(ApplicationOperation operation,
            @Nullable Throwable failure) {
        if (failure == null) {
            return ApplicationOperationContext.Outcome.SUCCESS;
        }
        if (operation instanceof ApplicationOperation.Save && failure instanceof RecordConflictException) {
            return ApplicationOperationContext.Outcome.CONFLICT;
        }
        if (operation instanceof ApplicationOperation.Get && failure instanceof AggregateNotFoundException) {
            return ApplicationOperationContext.Outcome.NOT_FOUND;
        }
        return ApplicationOperationContext.Outcome.FAILURE;
    }

    @Override
    public String toString() {
        return "EventSourcingObservations[" + application + "]";
    }
}
