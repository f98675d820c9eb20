package io.eventsourcing.messaging;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.system.EventProcessingException;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.Projection;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the events a broker delivers to a local follower, a {@link ProcessApplication} or a
 * {@link Projection}, as if it followed the leader's own log: the follower records each event's position
 * with what it did about it, in one transaction, so each event is processed exactly once. A copy (an
 * event whose position is recorded already) and an event that arrives after a lost one (see {@link
 * RelayedEvent}) are dropped. A broker consumer calls {@link #handle} for each message and acknowledges
 * the message to the broker only after it returned: a consumer killed in between gets the message again,
 * and drops it then.
 *
 * <p>Thread-safe; call it for one lane from one thread at a time (the follower serialises the rest).
 */
public final class Republisher {
    private static final Logger LOG = LoggerFactory.getLogger(Republisher.class);

    private final String leader;
    private final Mapper storedMapper;
    private final Mapper jsonMapper;
    private final Target target;

    private Republisher(String leader, Mapper mapper, Target target) {
        this.leader = requireNonNull(leader, "leader");
        this.storedMapper = requireNonNull(mapper, "mapper");
        this.jsonMapper = new Mapper(mapper.transcoder(), null, null);
        this.target = target;
    }

    /**
     * A republisher that feeds a process application's policy.
     *
     * @param follower the follower; its recorder records its new events with the leader's positions
     * @param leader the leader application's name
     * @param mapper reads the leader's events (with its cipher key, if it encrypts)
     */
    public static Republisher to(ProcessApplication follower, String leader, Mapper mapper) {
        requireNonNull(follower, "follower");
        return new Republisher(leader, mapper, new Target(follower.name(), follower.recorder(),
                follower.followedTopics()) {
            @Override
            boolean process(DomainEvent event, Tracking tracking) {
                return follower.processEvent(event, tracking);
            }
        });
    }

    /**
     * A republisher that feeds a projection.
     *
     * @param projection the projection; its view records the leader's positions with its own changes
     * @param leader the leader application's name
     * @param mapper reads the leader's events
     */
    public static Republisher to(Projection<?> projection, String leader, Mapper mapper) {
        requireNonNull(projection, "projection");
        return new Republisher(leader, mapper, new Target(projection.name(), projection.view(),
                projection.topics()) {
            @Override
            boolean process(DomainEvent event, Tracking tracking) {
                try {
                    projection.process(event, tracking);
                    return true;
                } catch (IntegrityException e) {
                    if (projection.view().hasTrackingId(tracking.applicationName(), tracking.notificationId())) {
                        return false;   // another instance recorded it first
                    }
                    throw e;
                }
            }
        });
    }

    /**
     * A new session of deliveries: what a broker consumer hands this republisher between connecting and
     * losing its connection, each event with the broker's token for acknowledging it. It holds an event
     * that arrives before the one before it in its lane, and processes it once that one has been.
     */
    public <T> Deliveries<T> deliveries() {
        return new Deliveries<>(this);
    }

    /** The follower's position in a lane: the last notification id it recorded under that name, 0 if none. */
    long recorded(String trackingName) {
        return target.positions.maxTrackingId(trackingName);
    }

    /** The leader's name. */
    public String leader() {
        return leader;
    }

    /** The follower's (or projection's) name. */
    public String follower() {
        return target.name;
    }

    /** What became of a delivered event. */
    public enum Outcome {
        /** The follower processed it and recorded its position. */
        PROCESSED,
        /** Its topic is not followed: only its position was recorded. */
        SKIPPED,
        /** Its position was recorded already: a copy, dropped. */
        DUPLICATE,
        /**
         * The event sent before it in its lane has not arrived: not processed. {@link Deliveries} holds it until
         * that one has been; if that one was lost, the publisher sends both again.
         */
        AHEAD_OF_A_LOST_EVENT
    }

    /**
     * Processes one delivered event, unless it is a copy or comes after a lost one; returns once the
     * follower has committed, so the caller may then acknowledge the message.
     *
     * @throws RelayException if the event is from another leader
     * @throws EventProcessingException if the follower failed; nothing was recorded, so do not
     *     acknowledge the message
     */
    public Outcome handle(RelayedEvent relayed) {
        requireNonNull(relayed, "relayed");
        if (!relayed.leader().equals(leader)) {
            throw new RelayException(target.name + " republishes " + leader + "'s events but received "
                    + relayed.deduplicationId());
        }
        Notification notification = relayed.notification();
        String trackingName = relayed.trackingName();
        long recorded = target.positions.maxTrackingId(trackingName);
        if (notification.id() <= recorded) {
            return Outcome.DUPLICATE;
        }
        if (relayed.previousId() > recorded) {
            LOG.debug("{} cannot process {} yet: the event before it in lane {}, {} notification {}, has not "
                    + "arrived (the follower is at {})", target.name, relayed.deduplicationId(), relayed.lane(), leader,
                    relayed.previousId(), recorded);
            return Outcome.AHEAD_OF_A_LOST_EVENT;
        }
        Tracking tracking = new Tracking(trackingName, notification.id());
        if (!target.topics.isEmpty() && !target.topics.contains(notification.topic())) {
            // Recorded all the same, so the next event's previousId finds it.
            try {
                target.positions.insertTracking(tracking);
                return Outcome.SKIPPED;
            } catch (IntegrityException e) {
                if (target.positions.hasTrackingId(trackingName, notification.id())) {
                    return Outcome.DUPLICATE;
                }
                throw new EventProcessingException(target.name, tracking, describe(notification), e);
            }
        }
        DomainEvent event;
        try {
            Mapper mapper = relayed.body() == Body.JSON ? jsonMapper : storedMapper;
            event = mapper.toDomainEvent(notification.toStoredEvent());
        } catch (RuntimeException e) {
            throw new EventProcessingException(target.name, tracking, describe(notification), e);
        }
        try {
            return target.process(event, tracking) ? Outcome.PROCESSED : Outcome.DUPLICATE;
        } catch (EventProcessingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventProcessingException(target.name, tracking, describe(notification), e);
        }
    }

    private static String describe(Notification notification) {
        return notification.topic() + " of " + notification.originatorId() + ":" + notification.originatorVersion();
    }

    @Override
    public String toString() {
        return "Republisher[" + leader + " -> " + target.name + "]";
    }

    /** The follower: where positions are recorded and how an event is processed. */
    private abstract static class Target {
        final String name;
        final TrackingRecorder positions;
        final Set<String> topics;

        Target(String name, TrackingRecorder positions, Set<String> topics) {
            this.name = name;
            this.positions = positions;
            this.topics = topics;
        }

        /** Processes and records; false if another instance recorded the position first. */
        abstract boolean process(DomainEvent event, Tracking tracking);
    }
}
