package io.eventsourcing.test;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.system.Projection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/*
 * Design: the fixture feeds the projection as a ProjectionRunner would, without an application: each
 * event is written and read back as the runner reads it from the log, numbered with the next position
 * of the log (after the view's recorded one), and passed to process() only if its type is among the
 * projection's types(), since the runner reads only those. The view is the caller's, on a real
 * database, because what a projection is for is the view's tables.
 */

/**
 * Given events a projection has processed, when one more, then the view, checked with the caller's
 * assertions:
 *
 * <pre>{@code
 * ProjectionFixture.of(new EventCounting(counters))
 *         .given(new Dog.Registered("Fido"))
 *         .when(new Dog.TrickAdded("roll over"))
 *         .then(view -> assertThat(view.counts()).isEqualTo(Map.of("Registered", 1L, "TrickAdded", 1L)))
 *         .thenProcessedOnce();
 * }</pre>
 *
 * <p>Events without an aggregate id are events of one aggregate with a random id, numbered 1, 2, ...;
 * give an id to have events of several. Positions are those of the application named by
 * {@link #from(String)} (default {@code Application}), continuing after the view's recorded one. One
 * fixture is one scenario. Not thread-safe.
 *
 * @param <V> the view
 */
public final class ProjectionFixture<V extends TrackingRecorder> {
    private final Projection<V> projection;
    private final Mapper mapper = Mapper.standard();
    private final UUID aggregateId = Ids.random();
    private final Map<UUID, Long> versions = new HashMap<>();
    private final List<Object> given = new ArrayList<>();
    private String application = "Application";
    private long position = -1;

    private ProjectionFixture(Projection<V> projection) {
        this.projection = requireNonNull(projection, "projection");
    }

    /** A fixture for the projection, writing its view. */
    public static <V extends TrackingRecorder> ProjectionFixture<V> of(Projection<V> projection) {
        return new ProjectionFixture<>(projection);
    }

    /** Names the application whose events these are, under which the view records its positions. */
    public ProjectionFixture<V> from(String applicationName) {
        if (position >= 0) {
            throw new IllegalStateException("name the application before giving events");
        }
        this.application = requireNonNull(applicationName, "applicationName");
        return this;
    }

    /** Events already processed, of one aggregate. */
    public ProjectionFixture<V> given(Object... events) {
        return given(aggregateId, events);
    }

    /**
     * Events already processed, of the aggregate with the id, at its next versions.
     *
     * @throws IllegalStateException if the projection fails to process one
     */
    public ProjectionFixture<V> given(UUID originatorId, Object... events) {
        requireNonNull(originatorId, "originatorId");
        for (Object event : requireNonNull(events, "events")) {
            Next next = next(originatorId, event);
            try {
                process(next);
            } catch (RuntimeException e) {
                throw new IllegalStateException(projection.name() + " failed to process the given event "
                        + EventsDiff.render(event, mapper.transcoder()) + ": " + e.getMessage(), e);
            }
            given.add(event);
        }
        return this;
    }

    /** The event under test, of the same aggregate as the events given without an id. */
    public ProjectionOutcome<V> when(Object event) {
        return when(aggregateId, event);
    }

    /** The event under test, of the aggregate with the id, at its next version. */
    public ProjectionOutcome<V> when(UUID originatorId, Object event) {
        Next next = next(requireNonNull(originatorId, "originatorId"), requireNonNull(event, "event"));
        String scenario = projection.name() + " given " + EventsDiff.render(given, mapper.transcoder()) + " when "
                + EventsDiff.render(event, mapper.transcoder())
                + (next.handled() ? "" : " (not processed: its type is not among the projection's types())");
        Throwable thrown = null;
        try {
            process(next);
        } catch (RuntimeException e) {
            thrown = e;
        }
        return new ProjectionOutcome<>(new Outcome(scenario, List.of(), thrown, null, mapper.transcoder()),
                projection, next.event(), next.tracking(), next.handled());
    }

    private Next next(UUID originatorId, Object payload) {
        if (position < 0) {
            position = projection.view().maxTrackingId(application);
        }
        position++;
        long version = versions.merge(originatorId, 1L, Long::sum);
        DomainEvent written = new DomainEvent(originatorId, version, Instant.now(), payload);
        DomainEvent read = mapper.toDomainEvent(mapper.toStoredEvent(written, null));
        boolean handled = projection.topics().isEmpty() || projection.topics().contains(Topics.of(payload.getClass()));
        return new Next(read, new Tracking(application, position), handled);
    }

    /** An event at its position, and whether the projection reads events of its type. */
    private record Next(DomainEvent event, Tracking tracking, boolean handled) {}

    private void process(Next next) {
        if (next.handled()) {
            projection.process(next.event(), next.tracking());
        }
    }

    @Override
    public String toString() {
        return "ProjectionFixture[" + projection.name() + " given " + given + "]";
    }
}
