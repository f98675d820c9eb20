package io.eventsourcing.test;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.system.EventProcessingException;
import io.eventsourcing.system.ProcessApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/*
 * Design: the policy runs in the process application itself, on the in-memory backend, through
 * processEvent: the upstream event is first written and read back as the follower would read it from
 * its leader's log, then the policy runs, and its new events are recorded with the tracking position as
 * in production. The new events are those the recorder holds after it, read back; so the fixture sees
 * what a runner would have recorded, including what the policy saved through its repository's aggregates.
 */

/**
 * Given a process application's state, when an upstream event, then the events its policy recorded, or
 * the exception it threw:
 *
 * <pre>{@code
 * UUID order = Ids.random();
 * PolicyFixture.of(Reservations::new)
 *         .given(reservations -> reservations.addStock("apples", 10))
 *         .when(order, new Order.Placed("apples", 3, 50))
 *         .then(new Stock.Reserved(order, 3));
 * }</pre>
 *
 * <p>The application is made by its constructor with the in-memory backend ({@code PERSISTENCE_MODULE=memory})
 * when the fixture is made; it holds nothing that needs closing. One fixture is one scenario. Not
 * thread-safe.
 *
 * @param <A> the process application
 */
public final class PolicyFixture<A extends ProcessApplication> {
    private final A application;
    private String leader = "Leader";

    private PolicyFixture(A application) {
        this.application = application;
    }

    /** A fixture for the process application its constructor makes, on the in-memory backend. */
    public static <A extends ProcessApplication> PolicyFixture<A> of(Function<Map<String, String>, A> constructor) {
        requireNonNull(constructor, "constructor");
        return new PolicyFixture<>(requireNonNull(
                constructor.apply(Map.of(InfrastructureFactory.PERSISTENCE_MODULE, "memory")), "the application"));
    }

    /** Names the upstream application the event comes from (default {@code Leader}), as the policy sees it in the tracking. */
    public PolicyFixture<A> from(String leaderName) {
        this.leader = requireNonNull(leaderName, "leaderName");
        return this;
    }

    /** The process application, for more setting up. */
    public A application() {
        return application;
    }

    /** Prepares the application's state with its own commands. */
    public PolicyFixture<A> given(Consumer<? super A> commands) {
        requireNonNull(commands, "commands").accept(application);
        return this;
    }

    /**
     * Past events of one of the application's aggregates, stored after those it has: the first of an
     * aggregate creates it.
     */
    public PolicyFixture<A> given(Class<? extends Aggregate<?>> type, UUID aggregateId, Object... events) {
        requireNonNull(type, "type");
        requireNonNull(aggregateId, "aggregateId");
        Mapper mapper = application.mapper();
        List<StoredEvent> last = application.recorder().selectEvents(aggregateId, null, null, true, 1);
        long version = last.isEmpty() ? 0 : last.getFirst().originatorVersion();
        List<StoredEvent> stored = new ArrayList<>();
        for (Object event : requireNonNull(events, "events")) {
            version++;
            stored.add(mapper.toStoredEvent(new DomainEvent(aggregateId, version, Instant.now(), event),
                    version == 1 ? type : null));
        }
        application.recorder().insertEvents(stored);
        return this;
    }

    /** An upstream event of a new aggregate with a random id: its first. */
    public PolicyOutcome<A> when(Object event) {
        return when(Ids.random(), event);
    }

    /** An upstream event of the aggregate with the id, its first; the policy's event to react to. */
    public PolicyOutcome<A> when(UUID originatorId, Object event) {
        return when(new DomainEvent(requireNonNull(originatorId, "originatorId"), 1, Instant.now(),
                requireNonNull(event, "event")));
    }

    /**
     * An upstream event, written and read back as the follower reads it from the leader's log, then
     * processed by the policy at the leader's next position.
     */
    public PolicyOutcome<A> when(DomainEvent upstream) {
        requireNonNull(upstream, "upstream");
        Mapper mapper = application.mapper();
        DomainEvent read = mapper.toDomainEvent(mapper.toStoredEvent(upstream, null));
        String scenario = application.name() + "'s policy for " + EventsDiff.render(read.payload(), mapper.transcoder());
        long before = application.recorder().maxNotificationId();
        Tracking tracking = new Tracking(leader, application.recorder().maxTrackingId(leader) + 1);
        Throwable thrown = null;
        try {
            application.processEvent(read, tracking);
        } catch (EventProcessingException e) {
            thrown = e.getCause() != null ? e.getCause() : e;
        }
        List<DomainEvent> events = new ArrayList<>();
        for (Notification notification : application.recorder().selectNotifications(before + 1, Integer.MAX_VALUE)) {
            events.add(mapper.toDomainEvent(notification.toStoredEvent()));
        }
        return new PolicyOutcome<>(new Outcome(scenario, events, thrown, null, mapper.transcoder()), application);
    }

    @Override
    public String toString() {
        return "PolicyFixture[" + application.name() + " following " + leader + "]";
    }
}
