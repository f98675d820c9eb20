package io.eventsourcing.application;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.persistence.Recording;
import java.time.Duration;
import java.util.List;

/**
 * Told how long an application's saves and aggregate loads take, for metrics (the Spring Boot module
 * feeds Micrometer from it). Register one with {@link Application#addObserver}. Its methods are called
 * on the thread that saved or loaded, after the work, so they must be quick and must not throw.
 */
public interface ApplicationObserver {
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
