package io.eventsourcing.application;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.persistence.Recording;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Told how long an application's saves and aggregate loads take, for metrics (the Spring Boot module
 * feeds Micrometer from it), and when its operations start and end, for tracing (the
 * {@code eventsourcing-micrometer} module makes Micrometer observations of them). Register one with
 * {@link Application#addObserver}. Its methods are called on the thread that does the work, so they
 * must be quick and must not throw.
 */
public interface ApplicationObserver {
    /** An {@link Ending} that does nothing. */
    Ending NOTHING = failure -> {};

    /**
     * Told how an operation ended, once, on the thread it started on.
     */
    @FunctionalInterface
    interface Ending {
        /**
         * The operation ended.
         *
         * @param failure what it threw, or null if it succeeded
         */
        void ended(@Nullable Throwable failure);
    }

    /**
     * An operation starts on this thread: a save, a get, or a process application's processing of an
     * event. Until the returned {@link Ending} is told how it ended, on this same thread, the operation's
     * work (its database calls, a policy's saves and gets) runs inside it, so an observer may make a span
     * current here and close it there. Operations nest: a process application's save is inside its
     * processing. The default does nothing.
     *
     * @param operation what starts
     * @return what to tell when it ends
     */
    default Ending started(ApplicationOperation operation) {
        return NOTHING;
    }

    /**
     * A save (or a process application's step) recorded events.
     *
     * @param recordings one per event recorded
     * @param took from the call to its return, including automatic snapshots
     */
    default void saved(List<Recording> recordings, Duration took) {}

    /**
     * The repository reconstructed an aggregate from the store (from its snapshot and events); an
     * aggregate served from the cache is not reported.
     *
     * @param aggregate the aggregate as loaded
     * @param took how long reading and replaying took
     */
    default void loaded(Aggregate<?> aggregate, Duration took) {}
}
