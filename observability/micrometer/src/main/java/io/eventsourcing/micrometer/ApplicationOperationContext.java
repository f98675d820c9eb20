package io.eventsourcing.micrometer;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.ApplicationOperation;
import io.micrometer.observation.Observation;

/**
 * What an observation of an application's operation knows: its name ({@link #nameOf}), the application,
 * the operation and, once it has ended, its {@link Outcome}. Conventions read it to give the key values.
 */
public final class ApplicationOperationContext extends Observation.Context {
    private final String application;
    private final ApplicationOperation operation;
    private Outcome outcome = Outcome.UNFINISHED;

    /**
     * How an operation ended, as the {@code outcome} key value says it: the ways an application's caller
     * expects a save or a get to be refused apart from failures.
     */
    public enum Outcome {
        /** It has not ended yet. */
        UNFINISHED("unfinished"),
        /** It did what it was asked: a save recorded its events, a get found the aggregate, an event was processed. */
        SUCCESS("success"),
        /** A save was refused because another writer recorded an event of the same aggregate first. */
        CONFLICT("conflict"),
        /** A get found no such aggregate (or it was discarded). */
        NOT_FOUND("not_found"),
        /** It failed otherwise: the database, the mapping, a policy. */
        FAILURE("failure");

        private final String value;

        Outcome(String value) {
            this.value = value;
        }

        /** The key value. */
        public String value() {
            return value;
        }
    }

    /**
     * @param application the application's name
     * @param operation the operation observed
     */
    public ApplicationOperationContext(String application, ApplicationOperation operation) {
        this.application = requireNonNull(application, "application");
        this.operation = requireNonNull(operation, "operation");
        setName(nameOf(operation));
    }

    /**
     * The observation's name for an operation: {@code eventsourcing.save}, {@code eventsourcing.get} or
     * {@code eventsourcing.process}.
     */
    public static String nameOf(ApplicationOperation operation) {
        return switch (operation) {
            case ApplicationOperation.Save save -> "eventsourcing.save";
            case ApplicationOperation.Get get -> "eventsourcing.get";
            case ApplicationOperation.Process process -> "eventsourcing.process";
        };
    }

    /** The application's name. */
    public String application() {
        return application;
    }

    /** The operation observed. */
    public ApplicationOperation operation() {
        return operation;
    }

    /** How it ended, or {@link Outcome#UNFINISHED}. */
    public Outcome outcome() {
        return outcome;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
